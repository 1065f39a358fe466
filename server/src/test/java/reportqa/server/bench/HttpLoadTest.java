package reportqa.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load client in a process of its own, against a small server that counts what it got. */
class HttpLoadTest {

    @Test
    void aClientProcessCountsAnswersAndErrorsAndSendsTheBodies(@TempDir Path work) throws Exception {
        AtomicInteger served = new AtomicInteger();
        AtomicInteger goodPosts = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", ex -> {
            served.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/ask", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean json = "application/json".equals(ex.getRequestHeaders().getFirst("Content-Type"));
            boolean good = json && ex.getRequestMethod().equals("POST") && body.equals("{\"question\":\"研报\"}");
            if (good) {
                goodPosts.incrementAndGet();
            }
            ex.sendResponseHeaders(good ? 200 : 400, -1);
            ex.close();
        });
        server.createContext("/busy", ex -> {
            ex.sendResponseHeaders(503, -1);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            HttpLoad.Result r = HttpLoad.inProcessOfItsOwn(
                    System.getProperty("java.class.path"),
                    "mixed",
                    List.of(
                            HttpLoad.Request.get(base + "/ok"),
                            HttpLoad.Request.postJson(base + "/ask", "{\"question\":\"研报\"}"),
                            HttpLoad.Request.get(base + "/busy")),
                    1,
                    Duration.ZERO,
                    Duration.ofSeconds(1),
                    work);
            assertEquals("mixed", r.name());
            assertEquals(1, r.connections());
            assertTrue(r.seconds() >= 1.0 && r.seconds() < 10, "measured for the time asked: " + r.seconds());
            // One client cycles through the three requests in turn: two answered for each refused.
            assertTrue(r.answered() > 10, "answered: " + r.answered());
            long extra = r.answered() - 2 * r.errors();
            assertTrue(extra >= 0 && extra <= 2, "two answered for each refused: " + r.answered() + " / " + r.errors());
            assertEquals(r.answered(), r.latency().count(), "a latency for each answered request");
            assertTrue(goodPosts.get() > 0 && served.get() > 0, goodPosts + " / " + served);
            assertEquals("/busy answered 503", r.firstError());
            try (var left = Files.list(work)) {
                assertEquals(0, left.count(), "the request and output files are removed");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aClientThatCannotStartIsAnError(@TempDir Path work) {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () -> HttpLoad.inProcessOfItsOwn(
                        work.resolve("no-such.jar").toString(),
                        "none",
                        List.of(HttpLoad.Request.get("http://127.0.0.1:9/")),
                        1,
                        Duration.ZERO,
                        Duration.ofSeconds(1),
                        work));
        assertTrue(e.getMessage().startsWith("the load client failed (exit 1)"), e.getMessage());
    }
}
