package reportqa.server.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.Resources;
import reportqa.server.FakeOpenAi;
import reportqa.server.TestServer;
import reportqa.server.TestServer.Event;
import reportqa.server.TestServer.Response;
import reportqa.server.answer.generate.ModelAnswerer;
import reportqa.server.answer.generate.ModelFactory;
import reportqa.server.config.LlmProvider;
import reportqa.server.config.ServerConfig;

/** The language-model path against an OpenAI-compatible server started in the test. */
class LlmAnswerTest {

    private static final String KEY = "sk-test-SECRET-4711";
    private static final String QUESTION = "{\"question\": \"Sora 能生成多长的视频？\", \"k\": 4}";

    private static void withModel(FakeOpenAi fake, Duration timeout, TestServer.Body body) throws Exception {
        withModelAt(fake.baseUrl(), timeout, body);
    }

    private static void withModelAt(String baseUrl, Duration timeout, TestServer.Body body) throws Exception {
        ServerConfig config = ServerConfig.defaults().withLlm(LlmProvider.OPENAI, baseUrl, "test-model", KEY, timeout);
        TestServer.test(config, TestServer.seedCorpus(), ModelFactory.create(config), body);
    }

    @Test
    void thePromptCarriesEveryPassageWithBrokerAndDateAndCitationsAreMapped() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            fake.replying("Sora 最长可生成 1 分钟的视频[2,1]。另一份报告也这样说【3】。无中生有的引用[9]。");
            withModel(fake, Duration.ofSeconds(10), (qa, client) -> {
                JsonNode a = client.post("/api/ask", QUESTION).json();
                assertEquals("llm", a.get("mode").asText());
                assertEquals("test-model", a.get("model").asText());
                assertFalse(a.get("abstained").asBoolean());
                assertTrue(a.get("degraded").isNull());

                JsonNode sources = a.get("sources");
                // k = 4; two of them overlap in one report and reach the model as one.
                assertEquals(3, sources.size());
                StringBuilder passages = new StringBuilder();
                for (int i = 0; i < sources.size(); i++) {
                    JsonNode s = sources.get(i);
                    String date = s.get("dateInferred").asBoolean()
                            ? s.get("date").asText() + "（推断）"
                            : s.get("date").asText();
                    passages.append(i > 0 ? "\n\n" : "")
                            .append("<passage n=\"")
                            .append(i + 1)
                            .append("\">\n[")
                            .append(i + 1)
                            .append("] ")
                            .append(s.get("broker").asText())
                            .append(" · ")
                            .append(date)
                            .append(" · 《")
                            .append(s.get("title").asText())
                            .append("》")
                            .append(
                                    s.get("section").asText().isEmpty()
                                            ? ""
                                            : " · " + s.get("section").asText())
                            .append("\n")
                            .append(s.get("passage").asText())
                            .append("\n</passage>");
                }
                assertEquals("Passages:\n\n" + passages + "\n\nQuestion: Sora 能生成多长的视频？", fake.lastUserMessage());
                JsonNode request = fake.requests().get(fake.requests().size() - 1);
                String system = request.at("/messages/0/content").asText();
                assertEquals(
                        Resources.text("/reportqa/prompts/answer-system.txt")
                                .strip()
                                .replace("{{noAnswer}}", "NO_ANSWER"),
                        system);
                assertEquals("system", request.at("/messages/0/role").asText());
                assertEquals("user", request.at("/messages/1/role").asText());
                assertEquals("Bearer " + KEY, fake.authorizations().get(0));

                // [2,1] → [1][2] (renumbered by first use), 【3】 → [3], [9] matches no passage: dropped.
                assertEquals(
                        "Sora 最长可生成 1 分钟的视频[1][2]。另一份报告也这样说[3]。无中生有的引用。",
                        a.get("answer").asText());
                JsonNode citations = a.get("citations");
                assertEquals(3, citations.size());
                assertEquals(sources.get(1).get("passageId").asText(), sourceOf(sources, citations.get(0)));
                assertEquals(sources.get(0).get("passageId").asText(), sourceOf(sources, citations.get(1)));
                assertEquals(sources.get(2).get("passageId").asText(), sourceOf(sources, citations.get(2)));
                for (int i = 0; i < 3; i++) {
                    assertEquals(i + 1, citations.get(i).get("n").asInt());
                }
                assertEquals(1, sources.get(1).get("n").asInt(), "the first cited source is marked [1]");
                assertTrue(fake.lastUserMessage().split("\\[3\\] ", -1).length == 2, "each passage once in the prompt");
                assertFalse(a.toString().contains(KEY), "the key never appears in a response");
            });
        }
    }

    @Test
    void aComparisonIsAskedReportByReportOverPassagesThatNeverOverlap() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            fake.replying("- 德邦证券 · 约 2024-03：Sora 迎来突破[1]。");
            withModel(fake, Duration.ofSeconds(10), (qa, client) -> {
                JsonNode a = client.post("/api/ask", "{\"question\": \"各家券商对 Sora 怎么看？\"}")
                        .json();
                assertEquals("llm", a.get("mode").asText());
                String user = fake.lastUserMessage();
                assertTrue(
                        user.endsWith("Question: 各家券商对 Sora 怎么看？\n"
                                + Resources.text("/reportqa/prompts/compare.txt")
                                        .strip()),
                        user);
                JsonNode sources = a.get("sources");
                java.util.Set<String> reports = new java.util.HashSet<>();
                for (int i = 0; i < sources.size(); i++) {
                    reports.add(sources.get(i).get("reportId").asText());
                    for (int j = i + 1; j < sources.size(); j++) {
                        JsonNode x = sources.get(i);
                        JsonNode y = sources.get(j);
                        boolean apart = !x.get("reportId")
                                        .asText()
                                        .equals(y.get("reportId").asText())
                                || x.get("end").asInt() < y.get("start").asInt()
                                || y.get("end").asInt() < x.get("start").asInt();
                        assertTrue(apart, "overlapping passages reach the model: " + x + " / " + y);
                    }
                }
                assertEquals(5, reports.size(), "every seed report is in a comparison's passages");
            });
        }
    }

    private static String sourceOf(JsonNode sources, JsonNode citation) {
        for (JsonNode s : sources) {
            if (s.get("reportId").asText().equals(citation.get("reportId").asText())
                    && s.get("start").asInt() == citation.get("start").asInt()) {
                return s.get("passageId").asText();
            }
        }
        throw new AssertionError("citation matches no source: " + citation);
    }

    @Test
    void aCitationWhoseSentenceSharesNothingWithItsPassageIsFlagged() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            fake.replying("巴黎是法国的首都[1]。");
            withModel(fake, Duration.ofSeconds(10), (qa, client) -> {
                JsonNode c = client.post("/api/ask", QUESTION)
                        .json()
                        .get("citations")
                        .get(0);
                assertTrue(c.get("unsupported").asBoolean());
            });
        }
    }

    @Test
    void anAnswerThatCitesNothingIsReplacedByTheExtractiveOne() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            fake.replying("Sora 可以生成一分钟的视频。");
            withModel(fake, Duration.ofSeconds(10), (qa, client) -> {
                JsonNode a = client.post("/api/ask", QUESTION).json();
                assertEquals(
                        "the model's answer cited no passage", a.get("degraded").asText());
                assertFallback(a, "the model's answer cited no passage");
            });
        }
    }

    @Test
    void noAnswerFromTheModelIsAnAbstention() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            fake.replying("NO_ANSWER");
            withModel(fake, Duration.ofSeconds(10), (qa, client) -> {
                JsonNode a = client.post("/api/ask", "{\"question\": \"昆仑万维的目标价是多少？\"}")
                        .json();
                assertTrue(a.get("abstained").asBoolean());
                assertEquals("llm", a.get("mode").asText());
                assertEquals(0, a.get("citations").size());
                assertFalse(a.get("answer").asText().contains("NO_ANSWER"));
                assertEquals(
                        "the model found no answer in the passages",
                        a.get("abstainReason").asText());
                assertEquals(
                        Resources.text("/reportqa/prompts/abstain.txt").strip(),
                        a.get("answer").asText());
            });
        }
    }

    @Test
    void aStreamedAnswerForwardsTokensAndEndsWithMappedCitations() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            String reply = "根据报告，Sora 可以生成长达一分钟的视频[2]，远超此前工具[1]。";
            fake.replying(reply);
            withModel(fake, Duration.ofSeconds(10), (qa, client) -> {
                List<Event> events = client.post("/api/ask/stream", QUESTION).events();
                assertEquals("sources", events.get(0).name());
                StringBuilder streamed = new StringBuilder();
                events.stream()
                        .filter(e -> e.name().equals("token"))
                        .forEach(e -> streamed.append(e.data().get("text").asText()));
                assertEquals(reply, streamed.toString(), "tokens arrive as the model sends them");
                JsonNode done = events.get(events.size() - 1).data();
                assertEquals("done", events.get(events.size() - 1).name());
                assertEquals("llm", done.get("mode").asText());
                assertEquals(
                        "根据报告，Sora 可以生成长达一分钟的视频[1]，远超此前工具[2]。",
                        done.get("answer").asText());
                assertEquals(2, done.get("citations").size());
                assertTrue(fake.requests().get(0).get("stream").asBoolean());
            });
        }
    }

    @Test
    void aFollowUpIsRewrittenByTheModelBeforeRetrieval() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            fake.replyingInOrder("德邦证券 建议关注 AI 公司", "德邦证券建议关注万兴科技[1]。");
            withModel(fake, Duration.ofSeconds(10), (qa, client) -> {
                String body =
                        "{\"question\": \"那德邦呢？\", \"history\": [{\"role\": \"user\", \"content\": \"上海证券建议关注哪些 AI 公司？\"}]}";
                JsonNode a = client.post("/api/ask", body).json();
                assertEquals("德邦证券 建议关注 AI 公司", a.get("query").asText());
                String rewritePrompt =
                        fake.requests().get(0).at("/messages/0/content").asText();
                assertTrue(
                        rewritePrompt.contains("user: 上海证券建议关注哪些 AI 公司？") && rewritePrompt.contains("那德邦呢？"),
                        rewritePrompt);
                a.get("sources")
                        .forEach(s -> assertEquals("德邦证券", s.get("broker").asText()));
            });
        }
    }

    @Test
    void aFollowUpWithASlowModelStillAnswersWithinTheTimeout() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            fake.slow(20_000, "太迟了[1]。");
            Duration timeout = Duration.ofSeconds(3);
            withModel(fake, timeout, (qa, client) -> {
                String body =
                        "{\"question\": \"那德邦证券呢？\", \"history\": [{\"role\": \"user\", \"content\": \"上海证券建议关注哪些 AI 公司？\"}]}";
                long t0 = System.nanoTime();
                JsonNode a = client.post("/api/ask", body).json();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals("extractive", a.get("mode").asText());
                // The rewrite and the answer share one deadline: not one timeout each (6 s and more).
                assertTrue(ms < timeout.toMillis() + 2_500, "answered after " + ms + " ms");
                assertTrue(a.get("query").asText().contains("AI"), "the previous question was carried over instead");
            });
        }
    }

    @Test
    void http429FallsBackToExtractiveWithTheReason() throws Exception {
        assertDegrades(
                f -> f.failingWith(429),
                Duration.ofSeconds(10),
                "the model server answered HTTP 429",
                "the model server answered HTTP 429");
    }

    @Test
    void http500FallsBackToExtractiveWithTheReason() throws Exception {
        assertDegrades(
                f -> f.failingWith(500),
                Duration.ofSeconds(10),
                "the model server answered HTTP 500",
                "the model server answered HTTP 500");
    }

    @Test
    void aSlowModelFallsBackWithinTheTimeout() throws Exception {
        // No headers for 20 s: the plain call hits the deadline; the stream is stalled after half of it.
        assertDegrades(
                f -> f.slow(20_000, "太迟了[1]。"),
                Duration.ofSeconds(2),
                "the model did not answer within 2 s",
                "the model's stream stalled");
    }

    @Test
    void aModelThatHangsMidAnswerFallsBack() throws Exception {
        assertDegrades(
                f -> f.stalling("Sora"),
                Duration.ofSeconds(2),
                "the model did not answer within 2 s",
                "the model's stream stalled");
    }

    @Test
    void aModelFailingOnMostQuestionsIsSkippedForAWhile() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            fake.failingWith(500);
            withModel(fake, Duration.ofSeconds(10), (qa, client) -> {
                for (int i = 0; i < 3; i++) {
                    assertFallback(client.post("/api/ask", QUESTION).json(), "the model server answered HTTP 500");
                }
                // Open: the next questions are answered extractively without asking the model.
                assertFallback(client.post("/api/ask", QUESTION).json(), "the model failed on most recent questions");
                assertFallback(
                        doneOf(client.post("/api/ask/stream", QUESTION)), "the model failed on most recent questions");
                assertEquals(3, fake.requests().size(), "the model was asked while the breaker was open");
                JsonNode health = client.get("/api/health").json();
                assertEquals("degraded", health.get("status").asText(), health.toString());
                assertEquals("open", health.at("/model/breaker").asText(), health.toString());
            });
        }
    }

    @Test
    void anEmptyReplyIsAFailureNotAnAbstention() throws Exception {
        // A stream of only [DONE] (or a body that is no stream) gives no text at all.
        assertDegrades(
                f -> f.replying(""),
                Duration.ofSeconds(5),
                "the model sent an empty reply",
                "the model sent an empty reply");
    }

    @Test
    void aReplyThatRunsOnIsCutOffAndFallsBack() throws Exception {
        String endless = "Sora 能生成一分钟的视频[1]。".repeat(1_000);
        assertDegrades(
                f -> f.replying(endless),
                Duration.ofSeconds(10),
                "the model's reply ran past " + ModelAnswerer.MAX_REPLY_CHARS + " characters",
                "the model's reply ran past " + ModelAnswerer.MAX_REPLY_CHARS + " characters");
    }

    @Test
    void everyModelRequestCapsTheReplyLength() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            fake.replying("Sora 最长可以生成一分钟的视频[1]。");
            withModel(fake, Duration.ofSeconds(10), (qa, client) -> {
                assertEquals(200, client.post("/api/ask", QUESTION).status());
                assertEquals(200, client.post("/api/ask/stream", QUESTION).status());
                assertEquals(2, fake.requests().size());
                for (JsonNode request : fake.requests()) {
                    assertEquals(
                            ModelFactory.MAX_TOKENS, request.path("max_tokens").asInt(-1), request.toString());
                }
            });
        }
    }

    @Test
    void aModelWhoseAnswerBreaksOffFallsBack() throws Exception {
        assertDegrades(f -> f.breaking("Sora"), Duration.ofSeconds(5), "model call failed", "model call failed");
    }

    @Test
    void textStreamedBeforeAFailureIsResetThenReplaced() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            fake.breaking("Sora 可以");
            withModel(fake, Duration.ofSeconds(5), (qa, client) -> {
                List<Event> events = client.post("/api/ask/stream", QUESTION).events();
                List<String> names = events.stream().map(Event::name).toList();
                int firstToken = names.indexOf("token");
                int reset = names.indexOf("reset");
                assertTrue(firstToken > 0 && reset > firstToken, names.toString());
                assertEquals(
                        "Sora 可以", events.get(firstToken).data().get("text").asText());
                JsonNode done = events.get(events.size() - 1).data();
                assertEquals(
                        done.get("degraded").asText(),
                        events.get(reset).data().get("reason").asText());
                StringBuilder after = new StringBuilder();
                events.subList(reset + 1, events.size()).stream()
                        .filter(e -> e.name().equals("token"))
                        .forEach(e -> after.append(e.data().get("text").asText()));
                assertEquals(
                        done.get("answer").asText(),
                        after.toString(),
                        "after the reset the tokens spell the fallback answer");
            });
        }
    }

    @Test
    void aRefusedConnectionFallsBack() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        withModelAt("http://127.0.0.1:" + port + "/v1", Duration.ofSeconds(5), (qa, client) -> {
            assertFallback(client.post("/api/ask", QUESTION).json(), "cannot connect to the model server");
            assertFallback(doneOf(client.post("/api/ask/stream", QUESTION)), "cannot connect to the model server");
        });
    }

    @Test
    void aClientThatLeavesMidStreamCancelsTheModelStream() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            fake.streamingSlowly("视频");
            withModel(fake, Duration.ofSeconds(60), (qa, client) -> {
                URI uri = URI.create(client.base() + "/api/ask/stream");
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(QUESTION))
                        .build();
                HttpResponse<InputStream> response =
                        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null && !line.equals("event: token")) {
                        // read up to the first token: the model stream is running
                    }
                    assertEquals("event: token", line);
                }
                // The client is gone: the next token cannot be written, so the model's stream is cancelled.
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (fake.abandonedStreams() == 0 && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                assertEquals(1, fake.abandonedStreams(), "the model stream was cancelled when the client left");
            });
        }
    }

    /**
     * The plain and the streamed answer both fall back to extractive with the reason given, each
     * well before the fake model would have answered (it waits 20–30 s; the bound is the timeout
     * plus 3 s for retrieval and the fallback).
     */
    private static void assertDegrades(
            Consumer<FakeOpenAi> behaviour, Duration timeout, String plainReason, String streamReason)
            throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            behaviour.accept(fake);
            withModel(fake, timeout, (qa, client) -> {
                long t0 = System.nanoTime();
                Response plain = client.post("/api/ask", QUESTION);
                long plainMs = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(200, plain.status());
                assertFallback(plain.json(), plainReason);
                t0 = System.nanoTime();
                Response streamed = client.post("/api/ask/stream", QUESTION);
                long streamMs = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(200, streamed.status());
                assertFallback(doneOf(streamed), streamReason);
                long bound = timeout.plusSeconds(3).toMillis();
                assertTrue(plainMs < bound, "plain answer after " + plainMs + " ms");
                assertTrue(streamMs < bound, "streamed answer after " + streamMs + " ms");
            });
        }
    }

    private static JsonNode doneOf(Response r) {
        List<Event> events = r.events();
        Event last = events.get(events.size() - 1);
        assertEquals("done", last.name(), r.body());
        return last.data();
    }

    /** An extractive fallback whose {@code degraded} reason starts with {@code reason}, shown in the answer too. */
    private static void assertFallback(JsonNode a, String reason) {
        assertEquals("extractive", a.get("mode").asText(), a.toString());
        assertNotNull(a.get("degraded").textValue(), "degraded says why");
        String degraded = a.get("degraded").asText();
        assertTrue(
                degraded.startsWith(reason),
                "expected a reason starting with '" + reason + "', got '" + degraded + "'");
        assertTrue(
                a.get("answer").asText().startsWith("（语言模型未能作答：" + degraded + "。"),
                a.get("answer").asText());
        assertFalse(a.get("abstained").asBoolean());
        assertTrue(a.get("citations").size() > 0);
        assertFalse(a.toString().contains(KEY));
    }
}
