package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.TestServer;
import reportqa.server.config.Access;
import reportqa.server.config.ApiKeys;
import reportqa.server.config.ConfigException;
import reportqa.server.config.ServerConfig;
import reportqa.server.config.Tls;

/**
 * HTTPS from a key store: the real server behind a certificate made by the JDK's {@code keytool} for
 * this test, a client that trusts only that certificate, and what a wrong store or password says.
 */
class TlsTest {

    private static final String PASSWORD = "store-pass-7c1e5a";
    private static final String KEY = "tls-key-4b8e2f6a1c9d3e7f";

    /** A store of {@code type} with a new key pair for localhost and 127.0.0.1; its certificate beside it as {@code server.crt}. */
    private static Path keystore(Path dir, String type, String file) throws Exception {
        Path store = dir.resolve(file);
        newKeyPair(store, type, PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                "reportqa",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                dir.resolve("server.crt").toString());
        return store;
    }

    /** A new key pair for localhost and 127.0.0.1 in a store of {@code type} (password {@link #PASSWORD}), the key's password {@code keyPassword}. */
    private static void newKeyPair(Path store, String type, String keyPassword) throws Exception {
        keytool(
                "-genkeypair",
                "-alias",
                "reportqa",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype",
                type,
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                keyPassword);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool ran on");
        assertEquals(0, p.exitValue(), out);
    }

    /** A client that trusts the certificate {@code crt} and nothing else. */
    private static HttpClient trusting(Path crt) throws Exception {
        return HttpClient.newBuilder()
                .sslContext(context(crt))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** TLS that trusts the certificate {@code crt} and nothing else. */
    private static SSLContext context(Path crt) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(crt)) {
            trust.setCertificateEntry(
                    "server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    /** The statuses of {@code GET /api/reports} with each key in turn, on one HTTPS connection. */
    private static List<Integer> statusesOnOneTlsConnection(Path crt, int port, List<String> keys) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        try (SSLSocket s = (SSLSocket) context(crt).getSocketFactory().createSocket("localhost", port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            BufferedInputStream in = new BufferedInputStream(s.getInputStream());
            for (String key : keys) {
                out.write(("GET /api/reports HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer " + key
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = line(in);
                statuses.add(Integer.parseInt(status.split(" ")[1]));
                int length = 0;
                for (String h = line(in); !h.isEmpty(); h = line(in)) {
                    if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(
                                h.substring("content-length:".length()).strip());
                    }
                }
                in.readNBytes(length);
            }
        }
        return statuses;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed after: " + b);
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static HttpResponse<String> get(HttpClient http, String url, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withAKeyStoreTheServerSpeaksHttpsOnlyAndKeysTravelInside(@TempDir Path dir) throws Exception {
        Path store = keystore(dir, "PKCS12", "server.p12");
        ServerConfig config = ServerConfig.defaults()
                .withTls(Tls.of(store.toString(), PASSWORD))
                .withAccess(new Access(ApiKeys.parse(KEY), false, 120, 600));
        assertFalse(config.toString().contains(PASSWORD), config.toString());
        HttpClient https = trusting(dir.resolve("server.crt"));
        TestServer.test(config, TestServer.seedCorpus(), null, (qa, client) -> {
            int port = URI.create(client.base()).getPort();
            String base = "https://localhost:" + port;
            assertEquals(
                    "{\"status\":\"ok\"}",
                    get(https, base + "/api/health", null).body());
            assertEquals(401, get(https, base + "/api/reports", null).statusCode());
            HttpResponse<String> reports = get(https, base + "/api/reports", KEY);
            assertEquals(200, reports.statusCode(), reports.body());
            assertTrue(reports.body().contains("\"broker\""), reports.body());
            HttpResponse<String> page = get(https, base + "/", null);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<html"), "the page is served over HTTPS too");
            // Plain HTTP on the same port gets nothing: no page, no data, no key read.
            HttpClient plain = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            boolean refused;
            try {
                HttpResponse<String> r = get(plain, "http://127.0.0.1:" + port + "/api/reports", KEY);
                refused = r.statusCode() >= 400 && !r.body().contains("\"broker\"");
            } catch (IOException e) {
                refused = true;
            }
            assertTrue(refused, "plain HTTP is not served");
            // The plain connector's settings hold over HTTPS too: a key differing only in case, sent on
            // the connection that sent the right one, is still wrong (Jetty's header cache).
            assertEquals(
                    List.of(200, 401, 200),
                    statusesOnOneTlsConnection(
                            dir.resolve("server.crt"),
                            port,
                            List.of(KEY, KEY.toUpperCase(java.util.Locale.ROOT), KEY)));
            // A client that does not trust the certificate never gets to send its key.
            HttpClient stranger = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            assertThrows(SSLHandshakeException.class, () -> get(stranger, base + "/api/reports", KEY));
        });
    }

    @Test
    void aJksStoreIsReadToo(@TempDir Path dir) throws Exception {
        Path store = keystore(dir, "JKS", "server.jks");
        Tls tls = Tls.of(store.toString(), PASSWORD);
        assertEquals("JKS", tls.type());
        HttpClient https = trusting(dir.resolve("server.crt"));
        TestServer.test(ServerConfig.defaults().withTls(tls), TestServer.seedCorpus(), null, (qa, client) -> {
            int port = URI.create(client.base()).getPort();
            HttpResponse<String> r = get(https, "https://localhost:" + port + "/api/search?q=Sora", null);
            assertEquals(200, r.statusCode(), r.body());
        });
    }

    @Test
    void aWrongStoreOrPasswordStopsTheStartNamingTheFileNotThePassword(@TempDir Path dir) throws Exception {
        Path store = keystore(dir, "PKCS12", "server.p12");
        String wrong = "not-the-password-93a1";
        String message = assertThrows(ConfigException.class, () -> Tls.of(store.toString(), wrong))
                .getMessage();
        assertEquals(
                "server.tlsKeystore: cannot open " + store + " with the password of REPORTQA_TLS_PASSWORD (a wrong"
                        + " password, or not a PKCS#12 or JKS key store)",
                message);
        assertFalse(message.contains(wrong));
        Path missing = dir.resolve("none.p12");
        assertEquals(
                "server.tlsKeystore: " + missing + " is not a file this process can read",
                assertThrows(ConfigException.class, () -> Tls.of(missing.toString(), PASSWORD))
                        .getMessage());
        Path notAStore = dir.resolve("server.crt");
        assertTrue(assertThrows(ConfigException.class, () -> Tls.of(notAStore.toString(), PASSWORD))
                .getMessage()
                .startsWith("server.tlsKeystore: cannot open " + notAStore));
        // A store holding only a certificate (a trust store) has no key to serve with.
        Path trustOnly = dir.resolve("trust.p12");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "server",
                "-file",
                notAStore.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                trustOnly.toString(),
                "-storepass",
                PASSWORD);
        assertEquals(
                "server.tlsKeystore: " + trustOnly + " holds no private key (a key store with the server's key and"
                        + " certificate is needed)",
                assertThrows(ConfigException.class, () -> Tls.of(trustOnly.toString(), PASSWORD))
                        .getMessage());
        // A key with a password of its own (JKS allows it) would fail only when the server listens.
        Path twoPasswords = dir.resolve("two.jks");
        newKeyPair(twoPasswords, "JKS", "another-key-pass-1");
        assertEquals(
                "server.tlsKeystore: the key 'reportqa' in " + twoPasswords
                        + " has another password than the store; give it the store's password",
                assertThrows(ConfigException.class, () -> Tls.of(twoPasswords.toString(), PASSWORD))
                        .getMessage());
        assertEquals(
                "REPORTQA_TLS_PASSWORD is set but server.tlsKeystore (REPORTQA_TLS_KEYSTORE) is not",
                assertThrows(ConfigException.class, () -> Tls.of("", PASSWORD)).getMessage());
    }
}
