package reportqa.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.TestServer;
import reportqa.server.TestServer.Client;
import reportqa.server.config.ServerConfig;

/** A report (text or PDF) dropped into the corpus folder of a running server becomes searchable without a restart. */
class CorpusWatcherTest {

    @TempDir
    Path tmp;

    @Test
    void aReportDroppedIntoTheFolderIsIndexedAndOneRemovedLeavesTheLibrary() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        try (var files = Files.list(TestServer.seedCorpus())) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .toList()) {
                Files.copy(p, corpus.resolve(p.getFileName()));
            }
        }
        String seed = Files.readString(corpus.resolve("000_49d3edf45c38a390.txt"));
        assertTrue(seed.contains("超讯通信"));
        TestServer.test(ServerConfig.defaults(), corpus, null, tmp.resolve("data"), (app, client) -> {
            var opened = app.library().lastUpdate();
            // As `serve` watches: through the uploads, so that a dropped file gets a state as an uploaded one.
            try (CorpusWatcher watcher =
                    CorpusWatcher.start(corpus, app.uploads()::updateFromFolder, Duration.ofMillis(100))) {
                // The watcher first catches up with what changed since the update at start (nothing here).
                long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                while (app.library().lastUpdate() == opened && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertFalse(
                        app.library().lastUpdate().modified(),
                        app.library().lastUpdate().summary());
                assertFalse(search(client, "银河鲸鱼").contains("dropped_report"));
                // A file that is no report (an editor's swap file) starts no update.
                var before = app.library().lastUpdate();
                Files.writeString(corpus.resolve("notes.swp"), "草稿");
                Thread.sleep(1_000);
                assertSame(before, app.library().lastUpdate(), "updated for a file that is no report");
                // Written in two parts, as a copy is: the update waits for the folder to be quiet.
                Path dropped = corpus.resolve("dropped_report.txt");
                Files.writeString(dropped, seed.substring(0, seed.length() / 2));
                Files.writeString(
                        dropped, seed.replace("超讯通信", "银河鲸鱼"), java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
                awaitReports(client, r -> r.contains("\"dropped_report\""));
                // The list and the passages come from one commit: once listed, the report is searchable.
                assertTrue(search(client, "银河鲸鱼").contains("dropped_report"));
                JsonNode health = client.get("/api/health").json();
                assertEquals(6, health.at("/corpus/reports").asInt(), health.toString());
                assertEquals("SEARCHABLE", settledState(client, "dropped_report"));

                // A dropped file that cannot be read is failed with why, and left where it is.
                Files.writeString(corpus.resolve("dropped_broken.pdf"), "%PDF-1.7 cut short");
                assertEquals("FAILED", settledState(client, "dropped_broken"));
                assertTrue(Files.exists(corpus.resolve("dropped_broken.pdf")), "a dropped file is never removed");
                Files.delete(corpus.resolve("dropped_broken.pdf"));

                // A PDF too: read with its pages.
                Files.copy(reportqa.server.http.PdfLibraryTest.fixtures().get(0), corpus.resolve("dropped_pdf.pdf"));
                awaitReports(client, r -> r.contains("\"dropped_pdf\""));
                JsonNode pdf = client.get("/api/reports/dropped_pdf").json();
                assertTrue(
                        pdf.path("pageStarts").size() >= 2,
                        pdf.path("pageStarts").toString());
                Files.delete(corpus.resolve("dropped_pdf.pdf"));
                awaitReports(client, r -> !r.contains("\"dropped_pdf\""));

                Files.delete(dropped);
                awaitReports(client, r -> !r.contains("\"dropped_report\""));
                assertFalse(search(client, "银河鲸鱼").contains("dropped_report"));
                health = client.get("/api/health").json();
                assertTrue(health.at("/corpus/lastUpdate").asText().contains("1 removed"), health.toString());
                assertEquals("REMOVED", settledState(client, "dropped_report"));
            }
        });
    }

    /**
     * A file's state in /api/uploads once it has one that is settled (not queued, being read or
     * removed): the library lists a report a moment before its state is settled. A minute at most.
     */
    private static String settledState(Client client, String id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String state = uploadState(client, id);
        while ((state.isEmpty()
                        || List.of("QUEUED", "EXTRACTING", "EMBEDDING", "REMOVING")
                                .contains(state))
                && System.nanoTime() < until) {
            Thread.sleep(50);
            state = uploadState(client, id);
        }
        return state;
    }

    /** A file's state in /api/uploads, or "" when it has none. */
    private static String uploadState(Client client, String id) {
        for (JsonNode u : client.get("/api/uploads").json().path("uploads")) {
            if (u.path("id").asText().equals(id)) {
                return u.path("state").asText();
            }
        }
        return "";
    }

    private static String search(Client client, String q) {
        return client.get("/api/search?mode=bm25&k=10&q=" + Client.enc(q))
                .json()
                .get("passages")
                .toString();
    }

    /** Waits (up to a minute: the machine may be busy) until the report list satisfies {@code done}. */
    private static void awaitReports(Client client, Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = client.get("/api/reports").body();
            if (done.test(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the report list never changed as expected: " + last);
    }
}
