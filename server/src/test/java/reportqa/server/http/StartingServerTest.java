package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import reportqa.server.TestServer;
import reportqa.server.config.Access;
import reportqa.server.config.ApiKeys;
import reportqa.server.config.ServerConfig;

/**
 * {@code serve} starts its HTTP server while the library opens ({@link ApiServer#starting}): the page
 * is there at once, an API request waits for the library and is then served by it, or gets a 503
 * {@code starting} with {@code Retry-After} when it does not open in time; health and access control
 * answer at once either way.
 */
class StartingServerTest {

    private static final String KEY = "test-key-0123456789abcdef";
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void thePageAtOnceTheApiOnceTheLibraryIsOpen() throws Exception {
        Access keyed = new Access(ApiKeys.parse(KEY), false, 120, 600);
        TestServer.test(ServerConfig.defaults().withAccess(keyed), TestServer.seedCorpus(), null, (qa, client) -> {
            ServerConfig config = ServerConfig.defaults().withAccess(keyed).withPort(0);
            CompletableFuture<ApiServer> opened = new CompletableFuture<>();
            Javalin server =
                    ApiServer.starting(config, opened, Duration.ofMillis(300)).start();
            try {
                String base = "http://127.0.0.1:" + server.port();
                HttpResponse<String> page = get(base + "/", null);
                assertEquals(200, page.statusCode());
                assertTrue(page.body().contains("<html"), page.body());

                // Not open yet: told so, with when to come back, after the wait.
                HttpResponse<String> early = get(base + "/api/reports", KEY);
                assertEquals(503, early.statusCode(), early.body());
                assertEquals("starting", error(early).path("code").asText());
                assertEquals(
                        String.valueOf(ApiServer.STARTING_RETRY_AFTER_SECONDS),
                        early.headers().firstValue("Retry-After").orElse(""));
                // Without a key: refused by access control, not kept waiting for the library.
                assertEquals(
                        "unauthorized",
                        error(get(base + "/api/reports", null)).path("code").asText());

                // A request made before the library opens is answered once it does.
                Javalin patient = ApiServer.starting(config, opened, Duration.ofSeconds(20))
                        .start();
                try {
                    String patientBase = "http://127.0.0.1:" + patient.port();
                    // Health does not wait (a probe is told at once; this client gives up after 3 s).
                    HttpResponse<String> health = get(patientBase + "/api/health", KEY, Duration.ofSeconds(3));
                    assertEquals(503, health.statusCode(), health.body());
                    assertEquals("starting", error(health).path("code").asText());
                    CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
                        try {
                            return get(patientBase + "/api/reports", KEY);
                        } catch (IOException | InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    Thread.sleep(300);
                    assertTrue(!waiting.isDone(), "the request waits for the library");
                    opened.complete(qa.server());
                    HttpResponse<String> served = waiting.get();
                    assertEquals(200, served.statusCode(), served.body());
                    assertEquals(5, json.readTree(served.body()).size());
                } finally {
                    patient.stop();
                }
                assertEquals(200, get(base + "/api/health", KEY).statusCode());
            } finally {
                server.stop();
            }

            // A library that fails to open leaves API requests refused as starting (the process is stopping).
            CompletableFuture<ApiServer> failed = new CompletableFuture<>();
            failed.completeExceptionally(new IOException("the index folder cannot be read"));
            Javalin failing =
                    ApiServer.starting(config, failed, Duration.ofMillis(300)).start();
            try {
                HttpResponse<String> refused = get("http://127.0.0.1:" + failing.port() + "/api/health", KEY);
                assertEquals(503, refused.statusCode());
                assertEquals("starting", error(refused).path("code").asText());
            } finally {
                failing.stop();
            }
        });
    }

    private HttpResponse<String> get(String url, String key) throws IOException, InterruptedException {
        return get(url, key, Duration.ofSeconds(30));
    }

    private HttpResponse<String> get(String url, String key, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode error(HttpResponse<String> r) throws IOException {
        return json.readTree(r.body()).path("error");
    }
}
