package reportqa.server.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import reportqa.server.TestServer;
import reportqa.server.config.ServerConfig;

/** Comparison answers (one line per report) on the seed reports, over HTTP. */
class ComparisonAnswerTest {

    @Test
    void anEnglishComparisonIsNotEmptiedByTheWordsNoPassageHolds() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            // "Which brokers" makes it a comparison; its other words (did, work, Qian, Jinyu …) are in no
            // Chinese passage, and requiring one of them per line left the answer empty, not even abstained.
            JsonNode a = client.post(
                            "/api/ask",
                            "{\"question\": \"Which brokers did Qian Jinyu work at before joining Tebon?\"}")
                    .json();
            assertFalse(a.get("abstained").asBoolean(), a.toString());
            assertTrue(a.get("answer").asText().contains("曾就职于华福证券、国泰君安"), a.toString());

            // A name the passages do hold still decides which reports address the comparison.
            JsonNode kimi =
                    client.post("/api/ask", "{\"question\": \"哪些券商提到了 Kimi？\"}").json();
            String answer = kimi.get("answer").asText();
            assertEquals(1, answer.lines().filter(l -> l.startsWith("- ")).count(), answer);
            assertTrue(answer.contains("- 上海证券 · 2024-03-25"), answer);
            assertTrue(answer.contains("未谈及此问题的报告："), answer);
        });
    }
}
