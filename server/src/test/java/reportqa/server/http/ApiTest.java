package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.TestServer;
import reportqa.server.TestServer.Client;
import reportqa.server.TestServer.Event;
import reportqa.server.TestServer.Response;
import reportqa.server.config.ServerConfig;

/** The JSON API over real HTTP, with no model configured (extractive answers). */
class ApiTest {

    private static void withServer(TestServer.Body body) throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, body);
    }

    @Test
    void healthReportsIndexAndModelWithoutSecrets() throws Exception {
        withServer((qa, client) -> {
            Response r = client.get("/api/health");
            assertEquals(200, r.status());
            JsonNode h = r.json();
            assertEquals("ok", h.get("status").asText());
            assertEquals(0, h.get("problems").size());
            assertEquals(5, h.at("/corpus/reports").asInt());
            assertTrue(h.get("passages").asInt() > 50);
            assertFalse(h.at("/model/configured").asBoolean());
            assertEquals("extractive", h.at("/model/answerMode").asText());
        });
    }

    @Test
    void aReportThatCouldNotBeIndexedMakesHealthDegradedAndIsNamed(@TempDir java.nio.file.Path corpus)
            throws Exception {
        try (var seeds = java.nio.file.Files.list(TestServer.seedCorpus())) {
            for (java.nio.file.Path p :
                    seeds.filter(p -> p.toString().endsWith(".txt")).toList()) {
                java.nio.file.Files.copy(p, corpus.resolve(p.getFileName()));
            }
        }
        java.nio.file.Files.writeString(corpus.resolve("invisible.txt"), "\u200B\u202E\uFFFD");
        TestServer.test(ServerConfig.defaults(), corpus, null, (qa, client) -> {
            JsonNode h = client.get("/api/health").json();
            assertEquals("degraded", h.get("status").asText(), h.toString());
            assertEquals(
                    "1 report file(s) could not be indexed", h.at("/problems/0").asText());
            assertEquals("invisible", h.at("/corpus/failures/0/reportId").asText());
            assertEquals(5, h.at("/corpus/reports").asInt());
        });
    }

    @Test
    void aDamagedIndexIsRebuiltAtStartAndHealthSaysSoWithoutPaths(@TempDir java.nio.file.Path data) throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, data, (qa, client) -> {});
        java.nio.file.Path indexDir = indexFolder(data);
        java.nio.file.Path segment;
        try (var files = java.nio.file.Files.list(indexDir)) {
            segment = files.filter(p -> p.getFileName().toString().endsWith(".cfs"))
                    .findFirst()
                    .orElseThrow();
        }
        try (var ch = java.nio.channels.FileChannel.open(segment, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, data, (qa, client) -> {
            Response r = client.get("/api/health");
            JsonNode h = r.json();
            assertEquals("degraded", h.get("status").asText(), h.toString());
            String problem = h.at("/problems/0").asText();
            assertTrue(problem.startsWith("the index folder index/"), problem);
            assertTrue(problem.contains(segment.getFileName().toString()), problem);
            assertTrue(problem.endsWith("was rebuilt from the corpus at start"), problem);
            assertFalse(r.body().contains(data.toString()), "an absolute path in " + r.body());
            assertFalse(r.body().contains(data.toRealPath().toString()), "an absolute path in " + r.body());
            assertEquals(5, h.at("/corpus/reports").asInt());
            assertTrue(h.get("passages").asInt() > 50);
            JsonNode found =
                    client.get("/api/search?q=" + Client.enc("Kimi 支持多少字")).json();
            assertTrue(found.get("passages").size() > 0, found.toString());
        });
    }

    /** The one index folder under a data folder. */
    private static java.nio.file.Path indexFolder(java.nio.file.Path data) throws java.io.IOException {
        // The folder, not the records kept beside it (<folder>.verified, <folder>.sources).
        try (var dirs = java.nio.file.Files.list(data.resolve("index"))) {
            return dirs.filter(java.nio.file.Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void askAnswersExtractivelyWithCitationsToBrokerAndDate() throws Exception {
        withServer((qa, client) -> {
            Response r = client.post("/api/ask", "{\"question\": \"Etna 生成的视频有多长？帧率是多少？\"}");
            assertEquals(200, r.status(), r.body());
            JsonNode a = r.json();
            assertEquals("extractive", a.get("mode").asText());
            assertFalse(a.get("abstained").asBoolean());
            assertTrue(
                    a.get("answer").asText().startsWith("（未配置语言模型"),
                    a.get("answer").asText());
            assertTrue(a.get("answer").asText().contains("[1]"));
            JsonNode c1 = a.get("citations").get(0);
            assertEquals(1, c1.get("n").asInt());
            assertEquals("上海证券", c1.get("broker").asText());
            assertEquals("2024-03-19", c1.get("date").asText());
            assertFalse(c1.get("dateInferred").asBoolean());
            assertTrue(c1.get("passage").asText().contains("15 秒"));
            assertTrue(c1.get("end").asInt() > c1.get("start").asInt());
            assertTrue(a.get("sources").size() >= a.get("citations").size());
            assertTrue(a.at("/timings/retrieveMs").isNumber());
            assertTrue(a.get("degraded").isNull());
            assertEquals("", a.get("model").asText());
        });
    }

    @Test
    void anInferredDateIsNeverShownAsExact() throws Exception {
        withServer((qa, client) -> {
            JsonNode a = client.post("/api/ask", "{\"question\": \"华金证券认为 Sora 把视频生成时长提升了多少倍？\"}")
                    .json();
            JsonNode c = a.get("citations").get(0);
            assertEquals("华金证券", c.get("broker").asText());
            assertTrue(c.get("dateInferred").asBoolean());
            assertEquals("≥ 2024-02-16", c.get("date").asText());
        });
    }

    @Test
    void anUnanswerableQuestionAbstains() throws Exception {
        withServer((qa, client) -> {
            JsonNode a = client.post("/api/ask", "{\"question\": \"昆仑万维 2024 年的目标价是多少元？\"}")
                    .json();
            assertTrue(a.get("abstained").asBoolean(), a.toString());
            assertEquals(0, a.get("citations").size());
        });
    }

    @Test
    void streamSendsSourcesThenTokensThenDone() throws Exception {
        withServer((qa, client) -> {
            String body = "{\"question\": \"Open-Sora 1.0 的训练加速效果是多少？\"}";
            for (Response r : List.of(
                    client.post("/api/ask/stream", body),
                    client.postAccepting("/api/ask", body, "text/event-stream"))) {
                assertEquals(200, r.status());
                assertTrue(r.contentType().startsWith("text/event-stream"), r.contentType());
                List<Event> events = r.events();
                assertEquals("sources", events.get(0).name());
                assertTrue(events.get(0).data().get("sources").size() > 0);
                assertEquals("done", events.get(events.size() - 1).name());
                StringBuilder text = new StringBuilder();
                events.stream()
                        .filter(e -> e.name().equals("token"))
                        .forEach(e -> text.append(e.data().get("text").asText()));
                JsonNode done = events.get(events.size() - 1).data();
                assertEquals(done.get("answer").asText(), text.toString(), "the tokens spell the final answer");
                assertTrue(
                        done.get("answer").asText().contains("1.55"),
                        done.get("answer").asText());
            }
        });
    }

    @Test
    void followUpCarriesThePreviousQuestionAndTheNewBroker() throws Exception {
        withServer((qa, client) -> {
            String body = "{\"question\": \"那德邦证券呢？\", \"history\": ["
                    + "{\"role\": \"user\", \"content\": \"上海证券建议关注哪些 AI 公司？\"},"
                    + "{\"role\": \"assistant\", \"content\": \"汇纳科技、昆仑万维[1]\"}]}";
            JsonNode a = client.post("/api/ask", body).json();
            assertTrue(a.get("query").asText().contains("AI"), a.get("query").asText());
            assertFalse(a.get("query").asText().contains("上海证券"));
            for (JsonNode s : a.get("sources")) {
                assertEquals("德邦证券", s.get("broker").asText());
            }
        });
    }

    @Test
    void aFollowUpThatNamesItsOwnSubjectIsAnsweredAboutIt() throws Exception {
        withServer((qa, client) -> {
            String history =
                    "\"history\": [{\"role\": \"user\", \"content\": " + "\"上海证券3月25日那期周报说 Kimi 开始内测多少字的上下文？\"}]";
            JsonNode a = client.post(
                            "/api/ask", "{\"question\": \"那3月19日那期里 Transformer Debugger 是谁开放的？\", " + history + "}")
                    .json();
            String answer = a.get("answer").asText();
            // Kimi came over from the question before; the sentence that answers is about the debugger.
            assertFalse(a.get("abstained").asBoolean(), answer);
            assertTrue(answer.contains("OpenAI 开放了自己内部一直用于分析 Transformer 内部结构的工具"), answer);
        });
    }

    @Test
    void aFollowUpThatAsksForAnotherHeaderFieldGetsThatField() throws Exception {
        withServer((qa, client) -> {
            String history = "\"history\": [{\"role\": \"user\", \"content\": "
                    + "\"What rating does Debon Securities' media team keep in its Sora report?\"}]";
            JsonNode a = client.post(
                            "/api/ask", "{\"question\": \"Who's the research assistant on it?\", " + history + "}")
                    .json();
            String answer = a.get("answer").asText();
            // The rating came over with the conversation; the follow-up asks for the assistant.
            assertTrue(answer.contains("研究助理 王梅卿"), answer);
            assertFalse(answer.contains("优于大市"), answer);
        });
    }

    @Test
    void aFollowUpAsksTheHeaderFieldAgainOnlyWhenItAsksNothingOfItsOwn() throws Exception {
        withServer((qa, client) -> {
            String history = "\"history\": [{\"role\": \"user\", \"content\": "
                    + "\"Who is the analyst of Huajin Securities' flash report on video generation models?\"}]";
            JsonNode own = client.post(
                            "/api/ask",
                            "{\"question\": \"And which university did the analyst graduate from?\", " + history + "}")
                    .json();
            assertTrue(own.get("abstained").asBoolean(), own.get("answer").asText());
            assertFalse(
                    own.get("answer").asText().contains("倪爽"), own.get("answer").asText());
            String rating = "\"history\": [{\"role\": \"user\", \"content\": \"华金证券给传媒行业的评级是什么？\"}]";
            JsonNode again = client.post("/api/ask", "{\"question\": \"那德邦呢？\", " + rating + "}")
                    .json();
            assertTrue(
                    again.get("answer").asText().contains("优于大市"),
                    again.get("answer").asText());
        });
    }

    @Test
    void aRatingTheQuestionPresupposesAndNoReportGivesIsNotAnsweredWithAnother() throws Exception {
        withServer((qa, client) -> {
            JsonNode cut = client.post("/api/ask", "{\"question\": \"德邦证券为什么把传媒行业评级调成中性？\"}")
                    .json();
            assertTrue(cut.get("abstained").asBoolean(), cut.toString());
            assertEquals(
                    "the report gives no rating 中性 (优于大市（维持）)",
                    cut.get("abstainReason").asText());
            JsonNode english = client.post(
                            "/api/ask",
                            "{\"question\": \"Why did Huajin downgrade the media sector to Underperform?\"}")
                    .json();
            assertTrue(english.get("abstained").asBoolean(), english.toString());
            assertTrue(
                    english.get("abstainReason").asText().startsWith("the report gives no rating Underperform"),
                    english.get("abstainReason").asText());
            // The rating it does give is answered.
            JsonNode right = client.post("/api/ask", "{\"question\": \"德邦证券给传媒行业的评级是优于大市吗？\"}")
                    .json();
            assertFalse(right.get("abstained").asBoolean(), right.toString());
            assertTrue(
                    right.get("answer").asText().contains("优于大市"),
                    right.get("answer").asText());
        });
    }

    @Test
    void whoWroteAReportIsAnsweredFromItsHeaderInOtherWordsToo() throws Exception {
        withServer((qa, client) -> {
            JsonNode a = client.post("/api/ask", "{\"question\": \"华金证券那篇传媒快报是由哪位研究员撰写的？\"}")
                    .json();
            assertFalse(a.get("abstained").asBoolean(), a.toString());
            assertTrue(a.get("answer").asText().contains("倪爽"), a.get("answer").asText());
        });
    }

    @Test
    void aHeaderFactCitesItsLineAndListsTheAnalystsProfileTheSearchFoundBelowIt() throws Exception {
        withServer((qa, client) -> {
            JsonNode a = client.post("/api/ask", "{\"question\": \"德邦传媒那篇报告的分析师是谁？\"}")
                    .json();
            assertTrue(a.get("answer").asText().contains("马笑"), a.get("answer").asText());
            JsonNode sources = a.get("sources");
            assertEquals(1, a.get("citations").size(), a.toString());
            assertEquals(1, sources.get(0).get("n").asInt(), "the cited header line first");
            assertTrue(sources.get(0).get("passage").asText().contains("证券分析师"), sources.toString());
            assertEquals(
                    sources.get(0).get("passage").asText(),
                    a.get("citations").get(0).get("passage").asText());
            assertTrue(sources.size() > 1, "the rest of what the search found follows: " + sources);
            for (int i = 1; i < sources.size(); i++) {
                assertEquals(0, sources.get(i).get("n").asInt(), sources.toString());
                assertNotEquals(
                        sources.get(0).get("passageId").asText(),
                        sources.get(i).get("passageId").asText());
            }
            assertTrue(sources.get(1).get("passage").asText().contains("马笑，华中科技大学硕士"), sources.toString());
        });
    }

    @Test
    void anOfficeQuestionGetsTheOfficeInTheCityItNames() throws Exception {
        withServer((qa, client) -> {
            JsonNode a =
                    client.post("/api/ask", "{\"question\": \"华金证券北京办公室在哪\"}").json();
            assertFalse(a.get("abstained").asBoolean(), a.toString());
            assertTrue(
                    a.get("answer").asText().contains("北京市朝阳区建国路 108 号"),
                    a.get("answer").asText());
            assertFalse(
                    a.get("answer").asText().contains("深圳市"), a.get("answer").asText());
            JsonNode week = client.post("/api/ask", "{\"question\": \"德邦计算机那篇 Sora 报告覆盖的是哪一周？\"}")
                    .json();
            assertEquals("the report names no 覆盖周期", week.get("abstainReason").asText(), "a flash note covers no week");
            JsonNode none = client.post("/api/ask", "{\"question\": \"上海证券研究所的办公地址在哪里？\"}")
                    .json();
            assertTrue(none.get("abstained").asBoolean(), none.toString());
            assertEquals(
                    "the reports meant print no 办公地址 (address)",
                    none.get("abstainReason").asText());
        });
    }

    @Test
    void aBrokerAndAnIndustryPickThatReportAndTheNoteSaysSo() throws Exception {
        withServer((qa, client) -> {
            JsonNode a = client.post("/api/ask", "{\"question\": \"德邦计算机那篇报告认为 Sora 最长能生成多长的视频？\"}")
                    .json();
            assertTrue(
                    a.get("filterNote").asText().contains("reports on 计算机"),
                    a.get("filterNote").asText());
            for (JsonNode s : a.get("sources")) {
                assertEquals("004_5d62042c63f084b6", s.get("reportId").asText());
            }
            assertTrue(
                    a.get("answer").asText().contains("1 分钟"), a.get("answer").asText());
        });
    }

    @Test
    void aPhoneQuestionIsAnsweredByThePhoneNumberNextToThatAnalyst() throws Exception {
        withServer((qa, client) -> {
            JsonNode a =
                    client.post("/api/ask", "{\"question\": \"上海证券的陈旻电话多少？\"}").json();
            assertFalse(a.get("abstained").asBoolean(), a.toString());
            assertTrue(
                    a.get("answer").asText().contains("021-53686134"),
                    a.get("answer").asText());
        });
    }

    /**
     * A sentence that restates the question (一次性提升了 15 倍 for 一口气拉长了几倍) answers it though no
     * word of the attribute asked about is the report's; the same value asked of an attribute the
     * reports never give (参数量) is still not answered by it.
     */
    @Test
    void aSentenceRestatingTheQuestionAnswersItInOtherWords() throws Exception {
        withServer((qa, client) -> {
            JsonNode a = client.post("/api/ask", "{\"question\": \"相比业界水平，Sora 把生成视频的时长一口气拉长了几倍？\"}")
                    .json();
            assertFalse(a.get("abstained").asBoolean(), a.toString());
            assertTrue(
                    a.get("answer")
                            .asText()
                            .split("\n")[1]
                            .startsWith("- 华金证券 · ≥ 2024-02-16：相比业界水平，Sora 将视频生成的时长一次性提升了 15 倍"),
                    a.get("answer").asText());
            JsonNode b = client.post("/api/ask", "{\"question\": \"相比业界水平，Sora 的参数量提升了几倍？\"}")
                    .json();
            assertTrue(b.get("abstained").asBoolean(), b.toString());
        });
    }

    @Test
    void aShortNewQuestionIsNotTakenForAFollowUp() throws Exception {
        withServer((qa, client) -> {
            String body = "{\"question\": \"Kimi 是什么？\", \"history\": ["
                    + "{\"role\": \"user\", \"content\": \"德邦证券建议关注哪些公司？\"}]}";
            JsonNode a = client.post("/api/ask", body).json();
            assertEquals("Kimi 是什么？", a.get("query").asText());
            assertFalse(a.get("abstained").asBoolean(), a.get("answer").asText());
            assertEquals("", a.get("filterNote").asText());
        });
    }

    @Test
    void searchReturnsPassagesWithMetadataAndHonoursFilters() throws Exception {
        withServer((qa, client) -> {
            JsonNode r = client.get("/api/search?q=" + Client.enc("Kimi 支持多少字的上下文") + "&k=3")
                    .json();
            assertEquals("hybrid", r.get("mode").asText());
            assertEquals(3, r.get("passages").size());
            assertEquals("003_b9fc14e133e3b502", r.at("/passages/0/reportId").asText());
            assertEquals("2024-03-25", r.at("/passages/0/date").asText());

            JsonNode tebon = client.get(
                            "/api/search?q=" + Client.enc("视频模型") + "&broker=" + Client.enc("德邦证券") + "&mode=bm25")
                    .json();
            assertTrue(tebon.get("passages").size() > 0);
            tebon.get("passages")
                    .forEach(p -> assertEquals("德邦证券", p.get("broker").asText()));

            JsonNode dated = client.get("/api/search?q=" + Client.enc("视频模型") + "&from=2024-03-20&to=2024-03-31")
                    .json();
            dated.get("passages")
                    .forEach(p -> assertFalse(p.get("reportId").asText().startsWith("000_"), "dated 2024-03-19"));
        });
    }

    @Test
    void reportsListMetadataAndOneReportHasTextAndPassageOffsets() throws Exception {
        withServer((qa, client) -> {
            JsonNode list = client.get("/api/reports").json();
            assertEquals(5, list.size());
            JsonNode first = list.get(0);
            assertEquals("000_49d3edf45c38a390", first.get("id").asText());
            assertEquals("上海证券", first.get("broker").asText());
            assertEquals("[\"陈旻\"]", first.get("analysts").toString(), "exactly one analyst");

            JsonNode one = client.get("/api/reports/002_bcc5796c86ba42b6").json();
            assertEquals("约 2024-03", one.at("/report/date").asText());
            String text = one.get("text").asText();
            JsonNode p = one.get("passages").get(3);
            assertTrue(p.get("end").asInt() <= text.length());
            assertTrue(one.get("sections").size() > 3);
            assertTrue(one.at("/provenance/broker").asText().contains("tebon.com.cn"));
        });
    }

    @Test
    void badRequestsGetPreciseJsonErrors() throws Exception {
        withServer((qa, client) -> {
            assertError(client.post("/api/ask", "{not json"), 400, "invalid_json");
            assertError(client.post("/api/ask", ""), 400, "invalid_json");
            assertError(client.post("/api/ask", "[1, 2]"), 400, "invalid_json");
            assertError(client.post("/api/ask", "{}"), 400, "missing_field");
            assertError(client.post("/api/ask", "{\"question\": 42}"), 400, "invalid_field");
            assertError(client.post("/api/ask", "{\"question\": \"   \"}"), 400, "question_empty");
            assertError(
                    client.post("/api/ask", "{\"question\": \"" + "长".repeat(2001) + "\"}"), 400, "question_too_long");
            assertError(client.post("/api/ask", "{\"question\": \"Sora\", \"k\": 0}"), 400, "k_out_of_range");
            assertError(client.post("/api/ask", "{\"question\": \"Sora\", \"k\": 500}"), 400, "k_out_of_range");
            assertError(client.post("/api/ask", "{\"question\": \"Sora\", \"k\": \"six\"}"), 400, "invalid_field");
            assertError(client.post("/api/ask", "{\"question\": \"Sora\", \"mode\": \"fuzzy\"}"), 400, "unknown_mode");
            assertError(
                    client.post("/api/ask", "{\"question\": \"Sora\", \"filters\": {\"from\": \"March\"}}"),
                    400,
                    "bad_date");
            assertError(
                    client.post(
                            "/api/ask",
                            "{\"question\": \"Sora\", \"filters\": {\"from\": \"2024-03-02\", \"to\": \"2024-03-01\"}}"),
                    400,
                    "bad_date");
            assertError(
                    client.post("/api/ask", "{\"question\": \"Sora\", \"filters\": {\"reports\": [\"nope\"]}}"),
                    404,
                    "unknown_report");
            assertError(
                    client.post("/api/ask", "{\"question\": \"Sora\", \"filters\": {\"brokers\": [1]}}"),
                    400,
                    "invalid_field");
            assertError(
                    client.post(
                            "/api/ask",
                            "{\"question\": \"Sora\", \"history\": [{\"role\": \"system\", \"content\": \"x\"}]}"),
                    400,
                    "invalid_field");
            assertError(client.post("/api/ask", "{\"question\": \"Sora\", \"history\": \"hi\"}"), 400, "invalid_field");
            assertError(
                    client.post("/api/ask", "{\"question\": \"" + "x".repeat(70_000) + "\"}"), 413, "body_too_large");
            assertError(client.post("/api/ask/stream", "{}"), 400, "missing_field");
            assertError(client.get("/api/search"), 400, "question_empty");
            assertError(client.get("/api/search?q=Sora&k=abc"), 400, "invalid_field");
            assertError(client.get("/api/search?q=Sora&k=1000"), 400, "k_out_of_range");
            assertError(client.get("/api/search?q=Sora&from=2024-13-01"), 400, "bad_date");
            assertError(client.get("/api/reports/nope"), 404, "unknown_report");
            assertError(client.get("/api/search?q=Sora&broker=" + Client.enc("中信证券")), 404, "unknown_broker");
            assertError(
                    client.post("/api/ask", "{\"question\": \"Sora\", \"filters\": {\"brokers\": [\"中信证券\"]}}"),
                    404,
                    "unknown_broker");
            assertError(
                    client.post("/api/ask/stream", "{\"question\": \"Sora\", \"filters\": {\"brokers\": [\"XYZ\"]}}"),
                    404,
                    "unknown_broker");
            assertError(client.get("/api/nothing-here"), 404, "not_found");
        });
    }

    @Test
    void queryTextIsNeverParsedAsSyntax() throws Exception {
        withServer((qa, client) -> {
            Response r = client.get("/api/search?q=" + Client.enc("title:(Sora AND * \"") + "&mode=bm25");
            assertEquals(200, r.status(), r.body());
            Response a = client.post("/api/ask", "{\"question\": \"title:(Sora AND *\"}");
            assertEquals(200, a.status(), a.body());
            assertNull(a.json().get("error"));
        });
    }

    @Test
    void aWrongMethodIs405AndAFormOrTextBodyIs415() throws Exception {
        withServer((qa, client) -> {
            assertError(client.get("/api/ask"), 405, "method_not_allowed");
            assertError(client.request("DELETE", "/api/reports"), 405, "method_not_allowed");
            assertError(client.request("PUT", "/api/health"), 405, "method_not_allowed");
            assertError(
                    client.postAs("/api/ask", "question=Sora", "application/x-www-form-urlencoded"),
                    415,
                    "unsupported_media_type");
            assertError(
                    client.postAs("/api/ask", "{\"question\": \"Sora\"}", "text/plain"), 415, "unsupported_media_type");
            assertError(
                    client.postAs("/api/ask/stream", "{\"question\": \"Sora\"}", "multipart/form-data; boundary=x"),
                    415,
                    "unsupported_media_type");
            assertEquals(
                    200,
                    client.postAs("/api/ask", "{\"question\": \"Sora\"}", "application/json; charset=utf-8")
                            .status());
        });
    }

    @Test
    void concurrentQuestionsGetTheSameAnswersAsSequentialOnes() throws Exception {
        withServer((qa, client) -> {
            List<String> questions = List.of(
                    "Sora 能生成多长的视频？",
                    "Kimi 支持多少字的上下文？",
                    "Open-Sora 1.0 的训练加速效果是多少？",
                    "德邦证券建议关注哪些公司？",
                    "华金证券认为 Sora 把视频生成时长提升了多少倍？",
                    "昆仑万维 2024 年的目标价是多少元？");
            Map<String, String> sequential = new HashMap<>();
            for (String q : questions) {
                sequential.put(q, answerOf(client.post("/api/ask", "{\"question\": \"" + q + "\"}")));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<String[]>> results = new ArrayList<>();
                for (int round = 0; round < 4; round++) {
                    for (String q : questions) {
                        results.add(pool.submit(() ->
                                new String[] {q, answerOf(client.post("/api/ask", "{\"question\": \"" + q + "\"}"))}));
                        results.add(pool.submit(() -> new String[] {
                            q, doneAnswerOf(client.post("/api/ask/stream", "{\"question\": \"" + q + "\"}"))
                        }));
                    }
                }
                for (Future<String[]> f : results) {
                    String[] r = f.get(60, TimeUnit.SECONDS);
                    assertEquals(sequential.get(r[0]), r[1], r[0]);
                }
            } finally {
                pool.shutdownNow();
            }
        });
    }

    private static String answerOf(Response r) {
        assertEquals(200, r.status(), r.body());
        return r.json().get("answer").asText() + "|" + r.json().get("citations").toString();
    }

    private static String doneAnswerOf(Response r) {
        assertEquals(200, r.status(), r.body());
        List<Event> events = r.events();
        JsonNode done = events.get(events.size() - 1).data();
        assertEquals("done", events.get(events.size() - 1).name());
        return done.get("answer").asText() + "|" + done.get("citations").toString();
    }

    private static void assertError(Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals(code, r.json().at("/error/code").asText(), r.body());
        assertFalse(r.json().at("/error/message").asText().isBlank());
    }
}
