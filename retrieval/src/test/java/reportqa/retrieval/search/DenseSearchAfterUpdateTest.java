package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.HashingEmbedder;
import reportqa.retrieval.TestCorpus;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.index.ReportIndex;

/**
 * Issue #9 item 14: after an incremental update (reports removed, changed and added), dense search
 * must find the same passages as an index built clean from the same corpus. The vector search of a
 * large index is approximate (a shortlist drawn from the vectors' signs, then scored exactly), and
 * was once a graph that depended on how the index got its segments: asked for only as many passages
 * as it returned, it missed true neighbours differently in each.
 *
 * <p>The corpus is made up ({@link SyntheticReports}: 600 reports, about 1,800 passages) and the
 * embedder hashes character bigrams, which was harder for the graph than real embeddings: asked for
 * 10, the graph found only 68 % of the true top 10, and after the update 47 of 200 questions had the
 * clean build's top 10.
 */
class DenseSearchAfterUpdateTest {

    private static final Logger LOG = LoggerFactory.getLogger(DenseSearchAfterUpdateTest.class);

    private static final int REPORTS = 600;
    private static final int QUESTIONS = 200;

    @TempDir
    Path tmp;

    private final HashingEmbedder embedder = new HashingEmbedder();

    @Test
    void denseTopTenAfterAnIncrementalUpdateIsTheSameAsAfterACleanBuild() throws Exception {
        Built built = buildUpdatedAndClean();
        List<List<String>> afterUpdate = topTen(built.updated(), built.questions(), null);
        List<List<String>> afterCleanBuild = topTen(built.clean(), built.questions(), null);
        int same = 0;
        for (int i = 0; i < QUESTIONS; i++) {
            same += afterUpdate.get(i).equals(afterCleanBuild.get(i)) ? 1 : 0;
        }
        LOG.info("dense top-10 after the update identical to the clean build for {}/{} questions", same, QUESTIONS);
        assertEquals(QUESTIONS, same, "questions whose dense top 10 after the update is the clean build's");
        // The scan of a small index is exact: Lucene's own exact search (a walk as wide as the index) agrees.
        assertEquals(
                topTen(built.updated(), built.questions(), new DenseSearch(10_000, 0)),
                afterUpdate,
                "the exact scan finds what Lucene's exact search finds");
    }

    @Test
    void aLargeIndexOfVectorsOfOneSignIsSearchedExactlyAfterAnUpdate() throws Exception {
        Built built = buildUpdatedAndClean();
        // An exact limit of 0 makes this small index stand for a large one: searched through its
        // vector format, whose shortlist would be drawn from the vectors' signs. Hashed bigram counts
        // are positive wherever they are not zero, their signs alike (SignBalance): such a field is
        // searched exactly, and a shortlist of 100 of about 1,800 passages finds the true top 10 (it
        // found 0.17 and 0.13 of it from the signs).
        DenseSearch shortlisted = new DenseSearch(100, 0);
        List<List<String>> exact = topTen(built.updated(), built.questions(), new DenseSearch(10_000, 0));
        double updated = overlap(topTen(built.updated(), built.questions(), shortlisted), exact);
        double clean = overlap(topTen(built.clean(), built.questions(), shortlisted), exact);
        LOG.info(
                "shortlist of 100, share of the true top 10 found: {} after the update, {} built clean",
                updated,
                clean);
        assertEquals(1.0, updated, 1e-9);
        assertEquals(1.0, clean, 1e-9);
    }

    @Test
    void passagesOfEqualScoreAreRankedByPassageIdNotByWhenTheyWereIndexed() throws Exception {
        // The same report filed twice among others; touching one (a trailing line end: the same text)
        // re-indexes it, which puts its passages after the other's in the index (a new segment).
        Path corpus = tmp.resolve("twins");
        new SyntheticReports(9).write(corpus, 200);
        Path a = corpus.resolve("a.txt");
        Files.copy(TestCorpus.report("004_5d62042c63f084b6"), a);
        Files.copy(a, corpus.resolve("b.txt"));
        Path updated = tmp.resolve("twins-updated");
        index(corpus, updated);
        Files.writeString(a, "\n", StandardOpenOption.APPEND);
        assertEquals(List.of("a"), index(corpus, updated).changed());
        Path clean = tmp.resolve("twins-clean");
        index(corpus, clean);

        String question;
        try (ReportIndex index = ReportIndex.open(updated)) {
            question = backend(index, DenseSearch.DEFAULT).passages("a").get(1).text();
        }
        List<String> afterUpdate = topTen(updated, List.of(question), null).get(0);
        List<String> afterCleanBuild = topTen(clean, List.of(question), null).get(0);
        assertEquals(List.of("a#1", "b#1"), afterUpdate.subList(0, 2), "the twins' passages, tied, by id");
        assertEquals(afterCleanBuild, afterUpdate);
    }

    /** Two indexes of the same final corpus: one updated incrementally, one built clean; and questions. */
    private record Built(Path updated, Path clean, List<String> questions) {}

    private Built buildUpdatedAndClean() throws IOException {
        SyntheticReports synthetic = new SyntheticReports(14);
        Path source = tmp.resolve("source");
        synthetic.write(source, REPORTS);
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < QUESTIONS; i++) {
            questions.add(synthetic.query());
        }
        Path live = tmp.resolve("live");
        DriftCorpus.writeBefore(source, live);
        Path updated = tmp.resolve("updated-index");
        index(live, updated);
        DriftCorpus.writeAfter(source, live);
        IndexResult update = index(live, updated);
        assertTrue(
                !update.added().isEmpty()
                        && !update.changed().isEmpty()
                        && !update.removed().isEmpty(),
                update::summary);
        Path clean = tmp.resolve("clean-index");
        index(live, clean);
        return new Built(updated, clean, questions);
    }

    private IndexResult index(Path corpus, Path indexDir) throws IOException {
        return TestIndexes.index(embedder, corpus, indexDir);
    }

    /** Dense top-10 passage ids per question; {@code how} null for the backend as shipped. */
    private List<List<String>> topTen(Path indexDir, List<String> questions, DenseSearch how) throws IOException {
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            LuceneSearchBackend backend = how == null
                    ? new LuceneSearchBackend(index, embedder, Analysis.DEFAULT, HybridOptions.DEFAULT)
                    : backend(index, how);
            List<List<String>> out = new ArrayList<>();
            for (String q : questions) {
                out.add(backend.search(q, SearchMode.DENSE, SearchFilters.NONE, 10).stream()
                        .map(Passage::passageId)
                        .toList());
            }
            return out;
        }
    }

    private LuceneSearchBackend backend(ReportIndex index, DenseSearch how) {
        return new LuceneSearchBackend(index, embedder, Analysis.DEFAULT, HybridOptions.DEFAULT, how);
    }

    /** The share of {@code truth}'s passages that {@code found} holds, over all questions. */
    private static double overlap(List<List<String>> found, List<List<String>> truth) {
        int hits = 0;
        int all = 0;
        for (int i = 0; i < truth.size(); i++) {
            Set<String> got = new HashSet<>(found.get(i));
            for (String id : truth.get(i)) {
                hits += got.contains(id) ? 1 : 0;
                all++;
            }
        }
        return (double) hits / all;
    }
}
