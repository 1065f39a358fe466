package reportqa.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.FakeOpenAi;
import reportqa.server.TestServer;

/**
 * A real SIGTERM to a {@code serve} process with an answer in flight (the model, a local fake,
 * takes {@link #MODEL_MILLIS} to reply): the answer finishes with 200, every request arriving after
 * the stop began gets 503 {@code shutting_down} or, once the port is closed, a refused connection,
 * and the process exits with 143 (the JVM's code for SIGTERM) once the answer is out.
 */
class ServeSigtermTest {

    private static final long MODEL_MILLIS = 3_000;
    private static final String QUESTION = "{\"question\": \"Sora 能生成多长的视频？\", \"k\": 4}";
    private static final String REPLY = "Sora 最长可生成 1 分钟的视频[1]。";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a request sent after the SIGTERM got: a status, or -1 for a refused connection. */
    record Probe(long millis, int status, String code, String retryAfter) {}

    @Test
    void sigtermLetsTheAnswerInFlightFinishWhileNewRequestsAreTurnedAwayThenExits(@TempDir Path tmp) throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            fake.slow(MODEL_MILLIS, REPLY);
            ProcessBuilder command = ReportqaProcess.command(
                            tmp.resolve("data"), TestServer.seedCorpus(), "serve", "--port", "0")
                    .directory(tmp.toFile());
            Map<String, String> env = command.environment();
            env.keySet().removeIf(k -> k.startsWith("REPORTQA_"));
            env.put("REPORTQA_LLM_PROVIDER", "openai");
            env.put("REPORTQA_LLM_BASE_URL", fake.baseUrl());
            env.put("REPORTQA_LLM_MODEL", "test-model");
            env.put("REPORTQA_LLM_API_KEY", "sk-test-4711");
            env.put("REPORTQA_LLM_TIMEOUT_SECONDS", "30");
            try (ReportqaProcess serve = ReportqaProcess.start(command)) {
                String base = serve.awaitListening(Duration.ofMinutes(3));
                HttpClient http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                        HttpRequest.newBuilder(URI.create(base + "/api/ask"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(QUESTION))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (fake.requests().isEmpty()) {
                    assertTrue(System.nanoTime() < deadline, "the model was never asked");
                    Thread.sleep(10);
                }

                long t0 = System.nanoTime();
                serve.terminate();
                List<Probe> probes = new ArrayList<>();
                long answeredAt = -1;
                while (serve.isAlive()
                        || probes.isEmpty()
                        || probes.get(probes.size() - 1).status() != -1) {
                    probes.add(probe(base, t0));
                    if (answeredAt < 0 && inFlight.isDone()) {
                        answeredAt = millisSince(t0);
                    }
                    assertTrue(millisSince(t0) < 60_000, "still running a minute after SIGTERM: " + serve.output());
                    Thread.sleep(25);
                }
                int exit = serve.awaitExit(Duration.ofSeconds(30));
                long exitedAt = millisSince(t0);

                HttpResponse<String> answered = inFlight.get(30, TimeUnit.SECONDS);
                assertEquals(200, answered.statusCode(), answered.body());
                JsonNode a = JSON.readTree(answered.body());
                assertEquals("llm", a.get("mode").asText(), answered.body());
                assertTrue(a.get("answer").asText().contains("1 分钟"), answered.body());
                assertTrue(exit == 143 || exit == 0, "exit code " + exit + "\n" + serve.output());

                // Once turned away, never served again; turned away with 503 while the answer ran.
                int firstAway = 0;
                while (firstAway < probes.size() && probes.get(firstAway).status() == 200) {
                    firstAway++;
                }
                List<Probe> away = probes.subList(firstAway, probes.size());
                for (Probe p : away) {
                    assertTrue(
                            p.status() == -1
                                    || (p.status() == 503
                                            && p.code().equals("shutting_down")
                                            && "5".equals(p.retryAfter())),
                            p + " in " + probes);
                }
                long answerAt = answeredAt < 0 ? Long.MAX_VALUE : answeredAt;
                long refusedWhileAnswering = away.stream()
                        .filter(p -> p.status() == 503 && p.millis() < answerAt)
                        .count();
                assertTrue(refusedWhileAnswering > 0, "no 503 while the answer was in flight: " + probes);
                assertThrows(
                        ConnectException.class,
                        () -> http.send(
                                HttpRequest.newBuilder(URI.create(base + "/api/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()));
                assertFalse(serve.isAlive());
                System.out.printf(
                        "SIGTERM with an answer in flight (model %d ms): %d requests still served (200) before"
                                + " the stop began, %d got 503 shutting_down (the first %d ms after SIGTERM), then"
                                + " refused; the answer 200 %d ms after SIGTERM; exit %d after %d ms%n",
                        MODEL_MILLIS,
                        firstAway,
                        away.stream().filter(p -> p.status() == 503).count(),
                        away.stream()
                                .filter(p -> p.status() == 503)
                                .mapToLong(Probe::millis)
                                .findFirst()
                                .orElse(-1),
                        answeredAt,
                        exit,
                        exitedAt);
            }
        }
    }

    /** A new request (on a new connection) to health: what it got. */
    private static Probe probe(String base, long t0) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/health"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String code = r.statusCode() == 200
                    ? ""
                    : JSON.readTree(r.body()).at("/error/code").asText();
            return new Probe(
                    millisSince(t0),
                    r.statusCode(),
                    code,
                    r.headers().firstValue("Retry-After").orElse(null));
        } catch (ConnectException refused) {
            return new Probe(millisSince(t0), -1, "refused", null);
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
