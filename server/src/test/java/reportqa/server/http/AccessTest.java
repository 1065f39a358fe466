package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import reportqa.server.TestServer;
import reportqa.server.TestServer.Response;
import reportqa.server.config.Access;
import reportqa.server.config.ApiKeys;
import reportqa.server.config.KeyFile;
import reportqa.server.config.ServerConfig;
import reportqa.server.config.TrustedProxies;

/** API keys and per-client rate limits, over real HTTP. */
class AccessTest {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(AccessTest.class);

    private static final String KEY = "k1-7f3a9c2e51d84b06a1c3";
    private static final String OTHER_KEY = "k2-0b5e8d4f2a6c9e1b7d3f";
    private static final String QUESTION = "{\"question\": \"Sora 能生成多长的视频？\"}";

    private static void withKeys(int answersPerMinute, int requestsPerMinute, TestServer.Body body) throws Exception {
        Access access = new Access(ApiKeys.parse(KEY + "," + OTHER_KEY), false, answersPerMinute, requestsPerMinute);
        TestServer.test(ServerConfig.defaults().withAccess(access), TestServer.seedCorpus(), null, body);
    }

    @Test
    void withKeysEveryApiRequestButHealthNeedsOne() throws Exception {
        withKeys(120, 600, (qa, client) -> {
            for (Response r : List.of(
                    client.post("/api/ask", QUESTION),
                    client.post("/api/ask/stream", QUESTION),
                    client.get("/api/search?q=Sora"),
                    client.get("/api/reports"),
                    client.get("/api/reports/000_49d3edf45c38a390"),
                    client.get("/api/nothing-here"))) {
                assertUnauthorized(r, "this server needs an API key: send it as Authorization: Bearer <key>");
                assertEquals(AccessControl.CHALLENGE, r.header("WWW-Authenticate"));
            }
            // Another scheme, an empty key, a wrong key, a key cut short or with more: all refused.
            assertUnauthorized(
                    client.getWith("/api/reports", "Authorization", "Basic " + KEY), "this server needs an API key");
            assertUnauthorized(client.getWithKey("/api/reports", ""), "this server needs an API key");
            for (String wrong : List.of("wrong-key-00000000000", KEY.substring(1), KEY + "x", KEY.toUpperCase())) {
                Response r = client.getWithKey("/api/reports", wrong);
                assertUnauthorized(r, "the API key is not valid");
                assertEquals(AccessControl.CHALLENGE + ", error=\"invalid_token\"", r.header("WWW-Authenticate"));
                assertFalse(r.body().contains(wrong), r.body());
            }
            // Paths spelled otherwise never reach an endpoint without a key.
            for (String path :
                    List.of("/api/reports/", "/api//reports", "/api/./reports", "/API/reports", "/api/%72eports")) {
                Response r = client.get(path);
                assertNotEquals(200, r.status(), path + " " + r.body());
                assertFalse(r.body().contains("\"broker\""), path + " " + r.body());
            }
            // Either key opens everything, the scheme in any case.
            for (String key : List.of(KEY, OTHER_KEY)) {
                Response reports = client.getWithKey("/api/reports", key);
                assertEquals(200, reports.status(), reports.body() + reports.header("WWW-Authenticate"));
                assertEquals(200, client.getWithKey("/api/search?q=Sora", key).status());
                Response answer = client.postWithKey("/api/ask", QUESTION, key);
                assertEquals(200, answer.status(), answer.body());
                assertTrue(answer.json().get("answer").asText().contains("[1]"), answer.body());
                Response stream = client.postWithKey("/api/ask/stream", QUESTION, key);
                assertEquals(
                        "done", stream.events().get(stream.events().size() - 1).name());
            }
            Response lowerCase = client.getWith("/api/reports", "Authorization", "bearer  " + KEY + " ");
            assertEquals(200, lowerCase.status(), lowerCase.body());
            // Health stays open for probes, but says only whether the service is up.
            Response open = client.get("/api/health");
            assertEquals(200, open.status());
            assertEquals("{\"status\":\"ok\"}", open.body());
            assertEquals(
                    "{\"status\":\"ok\"}",
                    client.getWithKey("/api/health", "wrong-key-00000000000").body());
            JsonNode full = client.getWithKey("/api/health", KEY).json();
            assertEquals(5, full.at("/corpus/reports").asInt(), full.toString());
            assertTrue(full.has("model"), full.toString());
            // The page itself is open: it asks for the key when the API says 401.
            Response page = client.get("/");
            assertEquals(200, page.status());
            assertTrue(page.body().contains("ReportQA"));
        });
    }

    @Test
    void theKeyNeverAppearsInLogsOrResponses() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        // Everything at debug, Javalin's included (the test configuration quiets it), as --log-level debug
        // would; Jetty's at warn, where the shipped LogConfigurator holds it (its parser logs header lines at
        // debug). ServeProcessTest checks the shipped configuration itself, at trace.
        Logger jetty = (Logger) LoggerFactory.getLogger("org.eclipse.jetty");
        Logger javalin = (Logger) LoggerFactory.getLogger("io.javalin");
        List<Logger> loggers = List.of(root, jetty, javalin);
        List<Level> before = loggers.stream().map(Logger::getLevel).toList();
        root.setLevel(Level.DEBUG);
        javalin.setLevel(Level.DEBUG);
        jetty.setLevel(Level.WARN);
        List<Response> responses = new ArrayList<>();
        try {
            withKeys(120, 600, (qa, client) -> {
                responses.add(client.getWithKey("/api/health", KEY));
                responses.add(client.getWithKey("/api/reports", KEY));
                responses.add(client.postWithKey("/api/ask", QUESTION, KEY));
                responses.add(client.postWithKey("/api/ask/stream", QUESTION, KEY));
                responses.add(client.postWithKey("/api/ask", "{\"question\": ", KEY));
                responses.add(client.getWithKey("/api/reports/nope", KEY));
                responses.add(client.getWithKey("/api/reports", KEY.substring(2)));
                responses.add(client.get("/api/health"));
            });
        } finally {
            for (int i = 0; i < loggers.size(); i++) {
                loggers.get(i).setLevel(before.get(i));
            }
            root.detachAppender(logged);
        }
        assertEquals(400, responses.get(4).status());
        assertEquals(401, responses.get(6).status());
        assertFalse(logged.list.isEmpty(), "something was logged");
        for (ILoggingEvent e : logged.list) {
            String line = e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            assertFalse(line.contains(KEY) || line.contains(KEY.substring(2)), "logged: " + line);
        }
        for (Response r : responses) {
            String all = r.body() + r.header("WWW-Authenticate");
            assertFalse(all.contains(KEY.substring(2)), all);
        }
        LOG.info("{} log events at debug, none with a key", logged.list.size());
    }

    @Test
    void beyondItsLimitAClientGets429WithRetryAfterWhileOtherClientsAreServed() throws Exception {
        withKeys(3, 600, (qa, client) -> {
            for (int i = 0; i < 3; i++) {
                String path = i == 1 ? "/api/ask/stream" : "/api/ask";
                assertEquals(200, client.postWithKey(path, QUESTION, KEY).status(), "question " + (i + 1));
            }
            Response limited = client.postWithKey("/api/ask", QUESTION, KEY);
            assertEquals(429, limited.status(), limited.body());
            assertEquals("rate_limited", limited.json().at("/error/code").asText());
            assertTrue(
                    limited.json()
                            .at("/error/message")
                            .asText()
                            .startsWith("too many questions from this client (at most 3 a minute); try again in "),
                    limited.body());
            int retryAfter = Integer.parseInt(limited.header("Retry-After"));
            assertTrue(retryAfter >= 10 && retryAfter <= 20, "one question every 20 s: " + retryAfter);
            assertEquals(
                    429, client.postWithKey("/api/ask/stream", QUESTION, KEY).status(), "streams count too");
            // Searching is not asking: the same key still searches; the other key still asks.
            assertEquals(200, client.getWithKey("/api/search?q=Sora", KEY).status());
            assertEquals(
                    200, client.postWithKey("/api/ask", QUESTION, OTHER_KEY).status());
        });
    }

    @Test
    void withoutKeysTheLimitIsPerAddressAndRefusalsAreFast() throws Exception {
        Access access = new Access(ApiKeys.NONE, false, 120, 5);
        TestServer.test(ServerConfig.defaults().withAccess(access), TestServer.seedCorpus(), null, (qa, client) -> {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, client.get("/api/reports").status(), "request " + (i + 1));
            }
            int port = URI.create(client.base()).getPort();
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long t0 = System.nanoTime();
                Response r = client.get("/api/reports");
                ms.add((System.nanoTime() - t0) / 1e6);
                assertEquals(429, r.status(), r.body());
                int retryAfter = Integer.parseInt(r.header("Retry-After"));
                assertTrue(retryAfter >= 1 && retryAfter <= 12, "one request every 12 s: " + retryAfter);
            }
            Collections.sort(ms);
            LOG.info(
                    "429 beyond the limit: p50 {} ms, p95 {} ms, max {} ms over {} requests",
                    String.format("%.2f", ms.get(ms.size() / 2)),
                    String.format("%.2f", ms.get(ms.size() * 95 / 100)),
                    String.format("%.2f", ms.get(ms.size() - 1)),
                    ms.size());
            assertTrue(ms.get(ms.size() / 2) < 50, "refusals are fast: " + ms);
            // Another address (127.0.0.2 is this machine too) is still served.
            String other = rawGet("127.0.0.2", port, "/api/reports");
            assertTrue(other.startsWith("HTTP/1.1 200"), other);
            assertTrue(rawGet("127.0.0.1", port, "/api/reports").startsWith("HTTP/1.1 429"));
        });
    }

    /** The status of a GET of the report list from {@code from}, saying it was forwarded for {@code forwardedFor}. */
    private static int forwarded(String from, int port, String forwardedFor) throws Exception {
        return status(rawGet(
                from, port, "/api/reports", forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n"));
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnLimitAndAnIpv6ClientIsItsSlash64() throws Exception {
        Access access = new Access(ApiKeys.NONE, false, 120, 3).withTrustedProxies(TrustedProxies.parse("127.0.0.1"));
        TestServer.test(ServerConfig.defaults().withAccess(access), TestServer.seedCorpus(), null, (qa, client) -> {
            int port = URI.create(client.base()).getPort();
            for (int i = 0; i < 3; i++) {
                assertEquals(200, forwarded("127.0.0.1", port, "203.0.113.7"));
            }
            assertEquals(429, forwarded("127.0.0.1", port, "203.0.113.7"));
            // What a client writes itself stands left of what the proxy appends: never read.
            assertEquals(429, forwarded("127.0.0.1", port, "198.51.100.1, 203.0.113.7"));
            assertEquals(429, forwarded("127.0.0.1", port, "198.51.100.2,203.0.113.7:51234"));
            // Another client behind the same proxy is served.
            assertEquals(200, forwarded("127.0.0.1", port, "203.0.113.8"));
            // A chain of trusted proxies is walked to the first address none of them is: 203.0.113.9
            // is counted, not the inner proxy.
            for (int i = 0; i < 3; i++) {
                assertEquals(200, forwarded("127.0.0.1", port, "203.0.113.9, 127.0.0.1"));
            }
            assertEquals(429, forwarded("127.0.0.1", port, "203.0.113.9"));
            // Two header lines are one list: the last entry of the last line is the nearest hop.
            for (int i = 0; i < 3; i++) {
                assertEquals(
                        200,
                        status(rawGet(
                                "127.0.0.1",
                                port,
                                "/api/reports",
                                "X-Forwarded-For: 198.51.100.9\r\nX-Forwarded-For: 203.0.113.10\r\n")));
            }
            assertEquals(429, forwarded("127.0.0.1", port, "203.0.113.10"));
            assertEquals(
                    200, forwarded("127.0.0.1", port, "198.51.100.9"), "the first line's client was never counted");
            // IPv6: one /64 is one client, whichever address in it.
            for (String a : List.of("2001:db8:1:2::1", "[2001:db8:1:2::2]:443", "2001:db8:1:2:ffff::3")) {
                assertEquals(200, forwarded("127.0.0.1", port, a), a);
            }
            assertEquals(429, forwarded("127.0.0.1", port, "2001:db8:1:2:abcd::9"));
            assertEquals(200, forwarded("127.0.0.1", port, "2001:db8:1:3::1"), "the next /64");
            // A proxy that is not trusted (127.0.0.2) is its own client whatever it forwards.
            for (int i = 0; i < 3; i++) {
                assertEquals(200, forwarded("127.0.0.2", port, "203.0.114." + i));
            }
            assertEquals(429, forwarded("127.0.0.2", port, "203.0.114.99"));
            assertEquals(429, forwarded("127.0.0.2", port, null));
            // An entry that is not an address stops the reading there: the requests count against the
            // last proxy believed, here the connection's own address, as do requests without the header.
            for (int i = 0; i < 3; i++) {
                assertEquals(200, forwarded("127.0.0.1", port, i == 1 ? "203.0.113.60, unknown" : "unknown"));
            }
            assertEquals(429, forwarded("127.0.0.1", port, "_hidden"));
            assertEquals(429, forwarded("127.0.0.1", port, null));
            assertEquals(200, forwarded("127.0.0.1", port, "203.0.113.60"), "the address left of it was never counted");
        });
    }

    @Test
    void withoutTrustedProxiesForwardedForIsIgnored() throws Exception {
        Access access = new Access(ApiKeys.NONE, false, 120, 3);
        TestServer.test(ServerConfig.defaults().withAccess(access), TestServer.seedCorpus(), null, (qa, client) -> {
            int port = URI.create(client.base()).getPort();
            for (int i = 0; i < 3; i++) {
                assertEquals(200, forwarded("127.0.0.1", port, "203.0.113." + i));
            }
            assertEquals(
                    429, forwarded("127.0.0.1", port, "203.0.113.200"), "a new forwarded-for starts nothing afresh");
        });
    }

    @Test
    void keysInAKeyFileAreAddedAndWithdrawnWithoutARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.txt");
        Files.writeString(file, KEY + "\n");
        Access access = new Access(ApiKeys.NONE, false, 120, 600)
                .withKeyFile(KeyFile.open(file, System::nanoTime, java.time.Duration.ZERO));
        TestServer.test(ServerConfig.defaults().withAccess(access), TestServer.seedCorpus(), null, (qa, client) -> {
            assertEquals(200, client.getWithKey("/api/reports", KEY).status());
            assertUnauthorized(client.getWithKey("/api/reports", OTHER_KEY), "the API key is not valid");
            assertUnauthorized(client.get("/api/reports"), "this server needs an API key");

            Files.writeString(file, KEY + "\n" + OTHER_KEY + "\n");
            assertEquals(200, client.getWithKey("/api/reports", OTHER_KEY).status(), "added");
            assertEquals(200, client.getWithKey("/api/reports", KEY).status());

            Files.writeString(file, OTHER_KEY + "\n");
            assertUnauthorized(client.getWithKey("/api/reports", KEY), "the API key is not valid");
            assertEquals(200, client.getWithKey("/api/search?q=Sora", OTHER_KEY).status());

            // A broken edit keeps the keys in force; so does a file removed by mistake.
            Files.writeString(file, "too-short\n");
            assertEquals(200, client.getWithKey("/api/reports", OTHER_KEY).status());
            assertUnauthorized(client.getWithKey("/api/reports", "too-short"), "the API key is not valid");
            Files.delete(file);
            assertEquals(200, client.getWithKey("/api/reports", OTHER_KEY).status());

            // Every key withdrawn: nothing but health is open.
            Files.writeString(file, "# none\n");
            assertUnauthorized(client.getWithKey("/api/reports", OTHER_KEY), "the API key is not valid");
            assertUnauthorized(client.get("/api/reports"), "this server needs an API key");
            assertEquals("{\"status\":\"ok\"}", client.get("/api/health").body());
        });
    }

    @Test
    void guessingKeysCountsAgainstTheAddressNotAgainstTheKeys() throws Exception {
        withKeys(120, 5, (qa, client) -> {
            for (int i = 0; i < 5; i++) {
                assertEquals(
                        401,
                        client.getWithKey("/api/reports", "guess-" + i + "-000000000000")
                                .status());
            }
            Response limited = client.getWithKey("/api/reports", "guess-6-000000000000");
            assertEquals(429, limited.status(), "guesses are limited like any request");
            assertEquals(429, client.get("/api/health").status(), "health is counted too");
            assertEquals(200, client.getWithKey("/api/reports", KEY).status(), "a valid key has its own limit");
            assertNull(client.getWithKey("/api/reports", KEY).header("WWW-Authenticate"));
        });
    }

    @Test
    void aKeyDifferingOnlyInCaseIsWrongEvenOnAConnectionThatSentTheRightOne() throws Exception {
        withKeys(120, 600, (qa, client) -> {
            int port = URI.create(client.base()).getPort();
            String lower = "Bearer " + KEY;
            String upper = "Bearer " + KEY.toUpperCase(Locale.ROOT);
            assertEquals(List.of(200, 401, 200), statusesOnOneConnection(port, List.of(lower, upper, lower)));
            assertEquals(List.of(401, 200), statusesOnOneConnection(port, List.of(upper, lower)));
        });
    }

    /** The statuses of {@code GET /api/reports} sent with each Authorization value in turn, on one connection. */
    private static List<Integer> statusesOnOneConnection(int port, List<String> authorizations) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            BufferedInputStream in = new BufferedInputStream(s.getInputStream());
            for (String authorization : authorizations) {
                out.write(("GET /api/reports HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: "
                                + authorization + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = line(in);
                int length = 0;
                for (String h = line(in); !h.isEmpty(); h = line(in)) {
                    if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).strip());
                    }
                }
                in.readNBytes(length);
                statuses.add(Integer.parseInt(status.split(" ")[1]));
            }
        }
        return statuses;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static void assertUnauthorized(Response r, String message) {
        assertEquals(401, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals("unauthorized", r.json().at("/error/code").asText(), r.body());
        assertTrue(r.json().at("/error/message").asText().startsWith(message), r.body());
        assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"), r.header("WWW-Authenticate"));
        assertTrue(r.header("X-Content-Type-Options") != null, "the security headers");
    }

    /** A GET sent from {@code fromAddress}: the whole response as text. */
    private static String rawGet(String fromAddress, int port, String path) throws Exception {
        return rawGet(fromAddress, port, path, "");
    }

    /** A GET sent from {@code fromAddress} with more header lines ({@code "Name: value\r\n"} each). */
    private static String rawGet(String fromAddress, int port, String path, String headers) throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(fromAddress, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        }
    }
}
