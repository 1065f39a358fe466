package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import reportqa.server.FakeOpenAi;
import reportqa.server.TestServer;
import reportqa.server.TestServer.Client;
import reportqa.server.TestServer.Event;
import reportqa.server.TestServer.Response;
import reportqa.server.answer.generate.ModelFactory;
import reportqa.server.config.LlmProvider;
import reportqa.server.config.ServerConfig;

/**
 * Stopping the server (what {@code serve}'s SIGTERM hook does): an answer or a stream in flight
 * finishes, a request arriving while it does gets 503 {@code shutting_down} with {@code
 * Retry-After}, and once stopped the port refuses connections. The model is a local fake that takes
 * {@link #MODEL_MILLIS} to answer.
 */
class GracefulShutdownTest {

    private static final long MODEL_MILLIS = 2_000;
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final String QUESTION = "{\"question\": \"Sora 能生成多长的视频？\", \"k\": 4}";
    private static final String REPLY = "Sora 最长可生成 1 分钟的视频[1]。";

    private static void withSlowModel(FakeOpenAi fake, TestServer.Body body) throws Exception {
        fake.slow(MODEL_MILLIS, REPLY);
        ServerConfig config = ServerConfig.defaults()
                .withLlm(LlmProvider.OPENAI, fake.baseUrl(), "test-model", "sk-test-4711", Duration.ofSeconds(30));
        TestServer.test(config, TestServer.seedCorpus(), ModelFactory.create(config), body);
    }

    @Test
    void anAnswerInFlightFinishesWhileNewRequestsGet503ThenThePortIsClosed() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            withSlowModel(fake, (qa, client) -> {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    Future<Response> inFlight = pool.submit(() -> client.post("/api/ask", QUESTION));
                    await(() -> !fake.requests().isEmpty(), "the model was never asked");
                    long t0 = System.nanoTime();
                    Future<Boolean> stopped = pool.submit(() -> ApiServer.stop(client.server(), GRACE));
                    await(() -> draining(client), "the server never began to drain");

                    Response refused = client.get("/api/health");
                    assertEquals(503, refused.status(), refused.body());
                    assertEquals(
                            "shutting_down", refused.json().at("/error/code").asText());
                    assertEquals(String.valueOf(DrainingHandler.RETRY_AFTER_SECONDS), refused.header("Retry-After"));
                    assertTrue(refused.contentType().startsWith("application/json"), refused.contentType());
                    assertFalse(inFlight.isDone(), "the answer was not in flight when the refusal came");

                    Response answered = inFlight.get(30, TimeUnit.SECONDS);
                    assertEquals(200, answered.status(), answered.body());
                    assertEquals("llm", answered.json().get("mode").asText(), answered.body());
                    assertTrue(answered.json().get("answer").asText().contains("1 分钟"), answered.body());
                    assertTrue(stopped.get(30, TimeUnit.SECONDS), "the answer did not finish within the grace");
                    System.out.printf(
                            "stop with one answer in flight took %d ms (model %d ms, grace %d s)%n",
                            (System.nanoTime() - t0) / 1_000_000, MODEL_MILLIS, GRACE.toSeconds());

                    // Stopped: nothing listens on the port any more.
                    assertThrows(ConnectException.class, () -> HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(client.base() + "/api/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString()));
                } finally {
                    pool.shutdownNow();
                }
            });
        }
    }

    @Test
    void aStreamInFlightCompletesItsDoneEvent() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            withSlowModel(fake, (qa, client) -> {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    Future<Response> stream = pool.submit(() -> client.post("/api/ask/stream", QUESTION));
                    await(() -> !fake.requests().isEmpty(), "the model was never asked");
                    Future<Boolean> stopped = pool.submit(() -> ApiServer.stop(client.server(), GRACE));
                    await(() -> draining(client), "the server never began to drain");
                    assertFalse(stream.isDone(), "the stream was not in flight when the stop began");

                    Response r = stream.get(30, TimeUnit.SECONDS);
                    assertEquals(200, r.status(), r.body());
                    List<Event> events = r.events();
                    assertEquals("sources", events.get(0).name(), r.body());
                    Event last = events.get(events.size() - 1);
                    assertEquals("done", last.name(), r.body());
                    assertTrue(last.data().get("answer").asText().contains("1 分钟"), r.body());
                    assertTrue(stopped.get(30, TimeUnit.SECONDS));
                } finally {
                    pool.shutdownNow();
                }
            });
        }
    }

    @Test
    void whatIsStillRunningAfterTheGraceIsCutOffAndTheStopSaysSo() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            withSlowModel(fake, (qa, client) -> {
                ExecutorService pool = Executors.newFixedThreadPool(1);
                try {
                    fake.slow(20_000, REPLY);
                    pool.submit(() -> client.post("/api/ask", QUESTION));
                    await(() -> !fake.requests().isEmpty(), "the model was never asked");
                    long t0 = System.nanoTime();
                    assertFalse(ApiServer.stop(client.server(), Duration.ofMillis(300)));
                    long millis = (System.nanoTime() - t0) / 1_000_000;
                    System.out.printf("stop with a 20 s answer in flight and a 0.3 s grace took %d ms%n", millis);
                    assertTrue(millis < 5_000, "the stop waited " + millis + " ms for an answer past its grace");
                } finally {
                    pool.shutdownNow();
                }
            });
        }
    }

    private static boolean draining(Client client) {
        DrainingHandler d = client.server().jettyServer().server().getDescendant(DrainingHandler.class);
        return d != null && d.draining();
    }

    private static void await(BooleanSupplier condition, String otherwise) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(otherwise);
            }
            Thread.sleep(10);
        }
    }
}
