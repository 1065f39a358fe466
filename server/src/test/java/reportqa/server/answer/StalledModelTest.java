package reportqa.server.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import reportqa.server.FakeOpenAi;
import reportqa.server.TestServer;
import reportqa.server.TestServer.Event;
import reportqa.server.TestServer.Response;
import reportqa.server.answer.generate.ModelFactory;
import reportqa.server.config.Access;
import reportqa.server.config.LlmProvider;
import reportqa.server.config.ServerConfig;

/**
 * A model that accepts questions and then stalls (issue #9, item 6): 50 questions at once all fall
 * back to extractive answers, and soon after neither a connection to the model nor a thread reading
 * one is left, although the model keeps every connection open for a minute. Before the fix a
 * streamed reply that stalled after its headers kept both until the model let go.
 */
class StalledModelTest {

    private static final int QUESTIONS = 50;
    private static final int GUARD_QUESTIONS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String QUESTION = "{\"question\": \"Sora 能生成多长的视频？\", \"k\": 1}";
    /** Only to catch a leak: the model holds its connections for 30–60 s. */
    private static final long RELEASE_BOUND_MILLIS = 15_000;

    @Test
    void streamsFromAModelThatStallsAfterItsHeadersAreClosed() throws Exception {
        assertNothingLeftAfter(FakeOpenAi::stallingAfterHeaders, "/api/ask/stream", QUESTIONS);
    }

    /** Held before too (the first token gives the stream a handle to cancel); kept as a guard, smaller. */
    @Test
    void streamsFromAModelThatStallsAfterItsFirstTokenAreClosed() throws Exception {
        assertNothingLeftAfter(f -> f.stalling("Sora"), "/api/ask/stream", GUARD_QUESTIONS);
    }

    /** Held before too (the deadline interrupts the call, which closes its connection); a guard. */
    @Test
    void wholeAnswersFromAModelThatStallsAfterItsHeadersLeaveNoConnection() throws Exception {
        assertNothingLeftAfter(FakeOpenAi::stallingAfterHeaders, "/api/ask", GUARD_QUESTIONS);
    }

    private static void assertNothingLeftAfter(Consumer<FakeOpenAi> stall, String path, int questions)
            throws Exception {
        assumeTrue(FakeOpenAi.canCountConnections(), "connections are counted from /proc/net/tcp (Linux)");
        try (FakeOpenAi fake = new FakeOpenAi()) {
            stall.accept(fake);
            ServerConfig config = ServerConfig.defaults()
                    .withAccess(Access.UNLIMITED)
                    .withLlm(LlmProvider.OPENAI, fake.baseUrl(), "test-model", "sk-test-4711", TIMEOUT);
            TestServer.test(config, TestServer.seedCorpus(), ModelFactory.create(config), (qa, client) -> {
                int threadsBefore = Thread.activeCount();
                ExecutorService pool = Executors.newFixedThreadPool(questions);
                List<Future<Response>> answers = new ArrayList<>();
                long t0 = System.nanoTime();
                try {
                    for (int i = 0; i < questions; i++) {
                        answers.add(pool.submit(() -> client.post(path, QUESTION)));
                    }
                    for (Future<Response> f : answers) {
                        JsonNode a = answerOf(f.get(60, TimeUnit.SECONDS));
                        assertEquals("extractive", a.get("mode").asText(), a.toString());
                        assertTrue(a.hasNonNull("degraded"), a.toString());
                    }
                } finally {
                    pool.shutdownNow();
                }
                long answeredMs = (System.nanoTime() - t0) / 1_000_000;
                int asked = fake.requests().size();
                int openWhenAnswered = fake.openConnections();
                int readingWhenAnswered = threadsReadingModelReplies();
                long released = System.nanoTime();
                long deadline = released + TimeUnit.MILLISECONDS.toNanos(RELEASE_BOUND_MILLIS);
                while ((fake.openConnections() > 0 || threadsReadingModelReplies() > 0)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                long releaseMs = (System.nanoTime() - released) / 1_000_000;
                System.out.printf(
                        "%s, stalled model: %d questions answered in %d ms (%d reached the model); when answered"
                                + " %d connections open, %d threads reading; all released %d ms later;"
                                + " JVM threads %d before, %d after%n",
                        path,
                        questions,
                        answeredMs,
                        asked,
                        openWhenAnswered,
                        readingWhenAnswered,
                        releaseMs,
                        threadsBefore,
                        Thread.activeCount());
                assertTrue(asked > 0, "no question reached the model");
                assertEquals(0, fake.openConnections(), "connections to the stalled model still open");
                assertEquals(0, threadsReadingModelReplies(), "threads still reading the stalled model");
            });
        }
    }

    private static JsonNode answerOf(Response r) {
        assertEquals(200, r.status(), r.body());
        if (!r.contentType().startsWith("text/event-stream")) {
            return r.json();
        }
        List<Event> events = r.events();
        Event last = events.get(events.size() - 1);
        assertEquals("done", last.name(), r.body());
        return last.data();
    }

    /** Threads inside LangChain4j's HTTP client reading a reply (a stream's parser blocked on its body). */
    private static int threadsReadingModelReplies() {
        return (int) Thread.getAllStackTraces().values().stream()
                .filter(stack ->
                        Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("dev.langchain4j.http.client")))
                .count();
    }
}
