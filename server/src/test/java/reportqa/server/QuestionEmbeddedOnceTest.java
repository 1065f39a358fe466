package reportqa.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.TestServer.Client;
import reportqa.server.config.ServerConfig;

/**
 * The question's vector, made once: an answer searches with it and then weighs its sentences by it,
 * and a search of the same question later finds it made. Sending it to the model twice had cost an
 * extractive answer about a third of its CPU.
 */
class QuestionEmbeddedOnceTest {

    private static final String QUESTION = "Etna 生成的视频帧率能做到多少？";

    @Test
    void anAnswerAndASearchOfTheSameQuestionEmbedItOnce(@TempDir Path data) throws Exception {
        CountingEmbedder model = new CountingEmbedder(TestServer.embedder());
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, data, model, (app, client) -> {
            JsonNode answer = client.post("/api/ask", "{\"question\": \"" + QUESTION + "\"}")
                    .json();
            assertFalse(answer.path("abstained").asBoolean(), answer.toString());
            assertTrue(answer.path("citations").size() > 0, answer.toString());
            assertEquals(List.of(QUESTION), model.questions(), "searched with it and answered with it");
            JsonNode found = client.get("/api/search?mode=hybrid&k=5&q=" + Client.enc(QUESTION))
                    .json();
            assertEquals(5, found.path("passages").size(), found.toString());
            assertEquals(List.of(QUESTION), model.questions(), "the search finds the vector made");
            String other = "Etna 是在哪场活动上首次亮相的？";
            client.get("/api/search?mode=dense&k=5&q=" + Client.enc(other));
            assertEquals(List.of(QUESTION, other), model.questions(), "a new question is embedded");
        });
    }
}
