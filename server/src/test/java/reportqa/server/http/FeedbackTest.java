package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.TestServer;
import reportqa.server.cli.Main;
import reportqa.server.config.ServerConfig;
import reportqa.server.feedback.FeedbackLog;

/**
 * Issue #12: a reader's verdict on an answer is kept in the data folder (one JSON line each), read
 * back by {@code GET /api/feedback} and by {@code reportqa feedback}; bad verdicts are refused with
 * 4xx JSON and keep nothing.
 */
class FeedbackTest {

    @TempDir
    Path data;

    @Test
    void verdictsAreKeptAsJsonLinesAndReadBackByTheApiAndTheCommandLine() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, data, (qa, client) -> {
            JsonNode answer = client.post("/api/ask", "{\"question\": \"Sora 能生成多长的视频？\"}")
                    .json();
            String cited = answer.path("citations").path(0).path("reportId").asText();
            assertFalse(cited.isEmpty());
            TestServer.Response kept = client.post(
                    "/api/feedback",
                    "{\"verdict\": \"wrong_citation\", \"question\": \"Sora 能生成多长的视频？\", \"answer\": "
                            + answer.path("answer").toString() + ", \"comment\": \"[1] 说的是别的\","
                            + " \"citations\": [{\"n\": 1, \"reportId\": \"" + cited + "\", \"passageId\": \"p\"}],"
                            + " \"mode\": \"extractive\"}");
            assertEquals(201, kept.status(), kept.body());
            assertFalse(kept.json().path("id").asText().isEmpty());
            assertFalse(kept.json().path("at").asText().isEmpty());
            assertEquals(
                    201,
                    client.post("/api/feedback", "{\"verdict\": \"helpful\", \"question\": \"Kimi？\"}")
                            .status());

            // Refused, each with its code, and nothing kept.
            assertRefused(
                    client.post("/api/feedback", "{\"verdict\": \"great\", \"question\": \"q\"}"),
                    400,
                    "invalid_field");
            assertRefused(client.post("/api/feedback", "{\"verdict\": \"wrong\"}"), 400, "missing_field");
            assertRefused(
                    client.post(
                            "/api/feedback",
                            "{\"verdict\": \"wrong\", \"question\": \"q\", \"comment\": \""
                                    + "长".repeat(FeedbackHandler.MAX_COMMENT + 1) + "\"}"),
                    400,
                    "invalid_field");
            assertRefused(client.post("/api/feedback", "not json"), 400, "invalid_json");
            assertRefused(
                    client.post("/api/feedback", "{\"verdict\": \"wrong\", \"question\": 3}"), 400, "invalid_field");

            List<String> lines = Files.readAllLines(data.resolve(FeedbackLog.FILE));
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(
                    lines.get(0).contains("\"wrong_citation\"") && lines.get(0).contains(cited), lines.get(0));

            JsonNode all = client.get("/api/feedback").json().path("feedback");
            assertEquals(2, all.size());
            assertEquals("wrong_citation", all.path(0).path("verdict").asText(), "oldest first");
            assertEquals("[1] 说的是别的", all.path(0).path("comment").asText());
            JsonNode helpful =
                    client.get("/api/feedback?verdict=helpful").json().path("feedback");
            assertEquals(1, helpful.size());
            assertEquals("Kimi？", helpful.path(0).path("question").asText());
            assertRefused(client.get("/api/feedback?limit=0"), 400, "invalid_field");
        });

        // A line broken by hand is skipped; the command line reads the rest.
        Files.writeString(data.resolve(FeedbackLog.FILE), "{broken\n", StandardOpenOption.APPEND);
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.run(new String[] {"feedback", "--data", data.toString(), "--verdict", "wrong_citation"});
        } finally {
            System.setOut(old);
        }
        assertEquals(0, exit);
        List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, printed.size(), printed.toString());
        assertTrue(printed.get(0).contains("\"verdict\":\"wrong_citation\""), printed.get(0));
    }

    private static void assertRefused(TestServer.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().path("error").path("code").asText(), r.body());
    }
}
