package reportqa.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.TestServer;
import reportqa.server.config.ServerConfig;
import reportqa.server.http.PdfLibraryTest;

/** The upload benchmark against the real server: each round searchable, then removed again. */
class UploadBenchTest {

    @Test
    void aSeedPrintedAsPdfIsUploadedAsANewReportTimedUntilSearchableAndRemovedAgain(@TempDir Path corpus)
            throws Exception {
        TestServer.copySeedTexts(corpus);
        Path pdf = PdfLibraryTest.fixtures().stream()
                .filter(p -> p.getFileName().toString().startsWith("003_"))
                .findFirst()
                .orElseThrow();
        TestServer.test(ServerConfig.defaults(), corpus, null, (qa, client) -> {
            List<Double> seconds;
            // With the folder watched, as `serve` does: its updates run between the uploads' (a
            // removal while one reads the folder once showed the removed upload as failed).
            try (var watcher = reportqa.server.ingest.CorpusWatcher.start(
                    corpus, qa.uploads()::updateFromFolder, java.time.Duration.ofMillis(100))) {
                seconds = new UploadBench(client.base()).measure(pdf, 4);
            }
            assertEquals(4, seconds.size());
            assertTrue(seconds.stream().allMatch(x -> x > 0), seconds.toString());
            assertEquals(5, client.get("/api/reports").json().size(), "the upload is removed again");
            assertTrue(Files.notExists(corpus.resolve(UploadBench.NAME)));

            // A file the server refuses is an error with its reason, not a figure.
            Path notPdf = Files.writeString(corpus.getParent().resolve("fake.pdf"), "no PDF at all");
            IOException refused =
                    assertThrows(IOException.class, () -> new UploadBench(client.base()).measure(notPdf, 1));
            assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
        });
    }
}
