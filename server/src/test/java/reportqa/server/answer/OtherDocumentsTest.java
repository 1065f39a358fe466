package reportqa.server.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.TestServer;
import reportqa.server.config.ServerConfig;

/**
 * Documents that are not broker reports (an encyclopaedia's articles, as in CMRC 2018) answered as
 * they are: a book's author is read from the text, not taken for a report's analysts; a university
 * whose name begins with a broker's short name (东吴大学) does not make the answer say the library
 * has no report from that broker.
 */
class OtherDocumentsTest {

    private static final String BOOK =
            "海，另一个未知的宇宙\n\n" + "《海，另一个未知的宇宙》是一本介绍深海生物的科普书，作者是法国海洋学家克洛德·努里迪。" + "该书于 2006 年出版，收录了两百多幅深海生物的照片。\n";

    private static final String UNIVERSITY =
            "东吴大学香港同学会\n\n" + "东吴大学香港同学会成立于 1956 年，首任会长是彭绍贤，会址设于九龙。" + "同学会每年举办校友聚会，并设有奖学金。\n";

    @Test
    void aBookAuthorAndAUniversityAreAnsweredFromTheText(@TempDir Path dir) throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("book.txt"), BOOK, StandardCharsets.UTF_8);
        Files.writeString(corpus.resolve("alumni.txt"), UNIVERSITY, StandardCharsets.UTF_8);
        TestServer.test(ServerConfig.defaults(), corpus, null, dir.resolve("data"), (qa, client) -> {
            JsonNode book = client.post("/api/ask", "{\"question\": \"《海，另一个未知的宇宙》的作者是谁？\"}")
                    .json();
            assertFalse(book.get("abstained").asBoolean(), book.toString());
            assertTrue(book.get("answer").asText().contains("克洛德·努里迪"), book.toString());

            JsonNode alumni = client.post("/api/ask", "{\"question\": \"东吴大学香港同学会的首任会长是谁？\"}")
                    .json();
            assertFalse(alumni.get("abstained").asBoolean(), alumni.toString());
            assertTrue(alumni.get("answer").asText().contains("彭绍贤"), alumni.toString());
            assertEquals("", alumni.path("filterNote").asText(""), "no broker filter: " + alumni);
        });
    }
}
