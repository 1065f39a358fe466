package reportqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.search.HybridOptions;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.search.SearchMode;
import reportqa.retrieval.search.SearchRequest;

/** An open library brought up to date with its corpus folder, without being opened again. */
class LibraryUpdateTest {

    @TempDir
    Path tmp;

    private final HashingEmbedder embedder = new HashingEmbedder();

    /** A corpus folder holding copies of the seed reports. */
    private Path seedCorpus() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        for (Path p : TestCorpus.reportFiles()) {
            Files.copy(p, corpus.resolve(p.getFileName()));
        }
        return corpus;
    }

    /** A library of {@code corpus} with the default settings, its data under the test's folder. */
    private ReportLibrary.Config config(Path corpus) {
        return ReportLibrary.Config.under(
                tmp.resolve("data"),
                corpus,
                new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, embedder.modelId()),
                HybridOptions.DEFAULT);
    }

    @Test
    void aReportAddedChangedOrRemovedIsSearchableAfterAnUpdateAndTheOthersAreNotReadAgain() throws Exception {
        Path corpus = seedCorpus();
        ReportLibrary.Config config = config(corpus);
        try (ReportLibrary library =
                ReportLibrary.open(config, embedder, IndexProgress.NONE).library()) {
            Map<String, ReportCard> before = library.backend().reports();
            assertEquals(5, before.size());

            // A copy of a seed report whose body names something no other report does.
            String seed = Files.readString(TestCorpus.report("000_49d3edf45c38a390"));
            assertTrue(seed.contains("超讯通信"));
            Files.writeString(corpus.resolve("added_report.txt"), seed.replace("超讯通信", "银河鲸鱼"));
            IndexResult added = library.update(IndexProgress.NONE);
            assertEquals(List.of("added_report"), added.added(), added.summary());
            assertEquals(5, added.unchanged().size(), added.summary());
            assertSame(added, library.lastUpdate());
            assertTrue(found("银河鲸鱼", library).contains("added_report"));
            // The reports of the segments the update did not write are the ones read before, not read again.
            Map<String, ReportCard> after = library.backend().reports();
            assertEquals(6, after.size());
            for (String id : before.keySet()) {
                assertSame(before.get(id), after.get(id), id);
            }

            Files.writeString(corpus.resolve("added_report.txt"), seed.replace("超讯通信", "黑洞麒麟"));
            IndexResult changed = library.update(IndexProgress.NONE);
            assertEquals(List.of("added_report"), changed.changed(), changed.summary());
            assertFalse(found("银河鲸鱼", library).contains("added_report"));
            assertTrue(found("黑洞麒麟", library).contains("added_report"));
            assertNotSame(after.get("added_report"), library.backend().reports().get("added_report"));

            Files.delete(corpus.resolve("added_report.txt"));
            IndexResult removed = library.update(IndexProgress.NONE);
            assertEquals(List.of("added_report"), removed.removed(), removed.summary());
            assertFalse(library.backend().reports().containsKey("added_report"));
            assertFalse(found("黑洞麒麟", library).contains("added_report"));

            // Nothing changed: nothing written, and the same reports.
            IndexResult nothing = library.update(IndexProgress.NONE);
            assertFalse(nothing.modified(), nothing.summary());
        }
    }

    /**
     * Opened on its last commit, a library searches what that commit holds (a report added while it
     * was closed is not there yet, nor is one removed gone) and has no update to show until its
     * caller runs one; without a commit to open it is built first, as it would be up to date.
     */
    @Test
    void openedOnItsLastCommitALibrarySearchesThatCommitUntilUpdated() throws Exception {
        Path corpus = seedCorpus();
        ReportLibrary.Config config = config(corpus);
        ReportLibrary.Opened built =
                ReportLibrary.open(config, embedder, IndexProgress.NONE, ReportLibrary.Opening.LAST_COMMIT);
        try (ReportLibrary library = built.library()) {
            assertEquals(5, built.update().added().size(), "no commit to open: built first");
            assertSame(built.update(), library.lastUpdate());
        }

        String seed = Files.readString(TestCorpus.report("000_49d3edf45c38a390"));
        Files.writeString(corpus.resolve("added_report.txt"), seed.replace("超讯通信", "银河鲸鱼"));
        Files.delete(corpus.resolve("004_5d62042c63f084b6.txt"));
        ReportLibrary.Opened opened =
                ReportLibrary.open(config, embedder, IndexProgress.NONE, ReportLibrary.Opening.LAST_COMMIT);
        try (ReportLibrary library = opened.library()) {
            assertEquals(null, opened.update());
            assertEquals(null, library.lastUpdate());
            assertFalse(found("银河鲸鱼", library).contains("added_report"));
            assertTrue(library.backend().reports().containsKey("004_5d62042c63f084b6"));

            IndexResult update = library.update(IndexProgress.NONE);
            assertEquals(List.of("added_report"), update.added(), update.summary());
            assertEquals(List.of("004_5d62042c63f084b6"), update.removed(), update.summary());
            assertSame(update, library.lastUpdate());
            assertTrue(found("银河鲸鱼", library).contains("added_report"));
            assertFalse(library.backend().reports().containsKey("004_5d62042c63f084b6"));
        }
        // Opened up to date (what every command but serve asks for), the same folder needs nothing.
        try (ReportLibrary library =
                ReportLibrary.open(config, embedder, IndexProgress.NONE).library()) {
            assertFalse(library.lastUpdate().modified(), library.lastUpdate().summary());
        }
    }

    private static List<String> found(String q, ReportLibrary library) throws Exception {
        return library
                .retriever()
                .search(SearchRequest.question(q, 10, SearchMode.BM25, SearchFilters.NONE))
                .passages()
                .stream()
                .map(Passage::reportId)
                .toList();
    }
}
