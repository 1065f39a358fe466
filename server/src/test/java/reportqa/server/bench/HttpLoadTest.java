package reportqa.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load client in a process of its own, against a small server that counts what it got. */
class HttpLoadTest {

    /** A small server that counts what it got: /ok answers 200, /ask 200 to the right POST, /busy 503. */
    private record Counting(HttpServer server, AtomicInteger served, AtomicInteger goodPosts, AtomicInteger badPosts)
            implements AutoCloseable {

        static Counting start() throws IOException {
            AtomicInteger served = new AtomicInteger();
            AtomicInteger goodPosts = new AtomicInteger();
            AtomicInteger badPosts = new AtomicInteger();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/ok", ex -> {
                served.incrementAndGet();
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            server.createContext("/ask", ex -> {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean json = "application/json".equals(ex.getRequestHeaders().getFirst("Content-Type"));
                boolean good =
                        json && ex.getRequestMethod().equals("POST") && body.equals("{\"question\":\"研报 a\\tb\"}");
                (good ? goodPosts : badPosts).incrementAndGet();
                ex.sendResponseHeaders(good ? 200 : 400, -1);
                ex.close();
            });
            server.createContext("/busy", ex -> {
                ex.sendResponseHeaders(503, -1);
                ex.close();
            });
            server.start();
            return new Counting(server, served, goodPosts, badPosts);
        }

        List<HttpLoad.Request> requests() {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            return List.of(
                    HttpLoad.Request.get(base + "/ok?q=%E7%A0%94%E6%8A%A5"),
                    HttpLoad.Request.postJson(base + "/ask", "{\"question\":\"研报 a\\tb\"}"),
                    HttpLoad.Request.get(base + "/busy"));
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /**
     * One connection cycles through the three requests in turn: two answered for each refused, give
     * or take the cycle the run ended in (wrk also takes one request from the script before the load,
     * to check it, so its cycle need not start at the first).
     */
    private static void assertTwoAnsweredForEachRefused(HttpLoad.Result r, Counting server) {
        assertEquals("mixed", r.name());
        assertEquals(1, r.connections());
        assertTrue(r.seconds() >= 1.0 && r.seconds() < 10, "measured for the time asked: " + r.seconds());
        assertTrue(r.answered() > 10, "answered: " + r.answered());
        long extra = r.answered() - 2 * r.errors();
        assertTrue(extra >= -2 && extra <= 2, "two answered for each refused: " + r.answered() + " / " + r.errors());
        assertTrue(server.goodPosts().get() > 0 && server.served().get() > 0, server.toString());
        assertEquals(0, server.badPosts().get(), "every POST with its type and body");
    }

    /** wrk from the path, or the calling test skipped without it (as the browser tests skip without Chromium). */
    private static LoadClient wrk() {
        Assumptions.assumeTrue(
                WrkLoad.onPath().isPresent(),
                "wrk is not installed: its tests skipped. Install it with `apt-get install -y wrk` (.ci/run does).");
        return LoadClient.of(LoadClient.Choice.WRK, "");
    }

    /** A second's load from one connection, no warm-up. */
    private static HttpLoad.Result oneSecond(LoadClient client, List<HttpLoad.Request> requests, Path work)
            throws IOException, InterruptedException {
        return client.run("one second", requests, 1, Duration.ZERO, Duration.ofSeconds(1), work);
    }

    private static void assertNothingLeft(Path work) throws IOException {
        try (var left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "the request and output files are removed");
        }
    }

    @Test
    void aClientProcessCountsAnswersAndErrorsAndSendsTheBodies(@TempDir Path work) throws Exception {
        try (Counting server = Counting.start()) {
            HttpLoad.Result r = LoadClient.of(LoadClient.Choice.JAVA, System.getProperty("java.class.path"))
                    .run("mixed", server.requests(), 1, Duration.ZERO, Duration.ofSeconds(1), work);
            assertTwoAnsweredForEachRefused(r, server);
            assertEquals(r.answered(), r.latency().count(), "a latency for each answered request");
            assertEquals("/busy answered 503", r.firstError());
            assertEquals(HttpLoad.NAME, r.client());
            assertNothingLeft(work);
        }
    }

    @Test
    void wrkCountsAnswersAndErrorsAndSendsTheBodies(@TempDir Path work) throws Exception {
        try (Counting server = Counting.start()) {
            LoadClient wrk = wrk();
            assertTrue(wrk.name().startsWith("wrk "), wrk.name());
            HttpLoad.Result r =
                    wrk.run("mixed", server.requests(), 1, Duration.ofSeconds(1), Duration.ofSeconds(1), work);
            assertTwoAnsweredForEachRefused(r, server);
            assertEquals(r.answered() + r.errors(), r.latency().count(), "every response timed");
            assertTrue(
                    r.latency().p50() > 0 && r.latency().p50() <= r.latency().p99(),
                    r.latency().toString());
            assertEquals(
                    r.errors()
                            + " answered with a status of 400 or more; 0 connect, 0 read, 0 write errors, 0 timed out",
                    r.firstError());
            assertEquals(wrk.name(), r.client());
            // The warm-up's requests were sent too, and not counted.
            assertTrue(
                    server.served().get() > r.answered() / 2 + 5,
                    "warm-up sent: " + server.served() + " served, " + r.answered() + " answered measured");
            assertNothingLeft(work);
        }
    }

    @Test
    void wrkIsGivenOneLinePerRequestOrARefusal() {
        assertEquals(
                "GET\t/api/search?q=%E7%A0%94\t\nPOST\t/api/ask\t{\"question\":\"a\\tb\"}\n",
                WrkLoad.requestLines(List.of(
                        HttpLoad.Request.get("http://127.0.0.1:1/api/search?q=%E7%A0%94"),
                        HttpLoad.Request.postJson("http://127.0.0.1:1/api/ask", "{\"question\":\"a\\tb\"}"))));
        IllegalArgumentException tab = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> WrkLoad.requestLines(
                        List.of(HttpLoad.Request.postJson("http://127.0.0.1:1/api/ask", "{\"q\":\"a\tb\"}"))));
        assertTrue(tab.getMessage().startsWith("a request wrk cannot send on one line"), tab.getMessage());
    }

    @Test
    void wrkLoadsOneServer(@TempDir Path work) {
        LoadClient wrk = wrk();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> oneSecond(
                        wrk,
                        List.of(
                                HttpLoad.Request.get("http://127.0.0.1:1/a"),
                                HttpLoad.Request.get("http://127.0.0.1:2/b")),
                        work));
        assertEquals("wrk loads one server; http://127.0.0.1:2/b is not on http://127.0.0.1:1/a", e.getMessage());
    }

    @Test
    void wrkThatCannotReachTheServerIsAnError(@TempDir Path work) {
        LoadClient wrk = wrk();
        // Port 9 (discard) has nobody listening here: wrk refuses to start a load it cannot connect.
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () -> oneSecond(wrk, List.of(HttpLoad.Request.get("http://127.0.0.1:9/")), work));
        assertEquals("wrk failed (exit 1): unable to connect to 127.0.0.1:9 Connection refused", e.getMessage());
    }

    @Test
    void aClientThatCannotStartIsAnError(@TempDir Path work) {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () -> oneSecond(
                        new HttpLoad.InProcess(work.resolve("no-such.jar").toString()),
                        List.of(HttpLoad.Request.get("http://127.0.0.1:9/")),
                        work));
        assertTrue(e.getMessage().startsWith("the load client failed (exit 1)"), e.getMessage());
    }
}
