package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.HashingEmbedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.index.ReportIndex;

/**
 * Hybrid search scores the candidates of each retriever with the other one exactly, by two routes:
 * a small library by one lexical search deep enough to reach the dense candidates, a large one by
 * scoring its dense candidates on their own while its lexical search runs. Both must fuse the same
 * scores into the same ranking.
 */
class HybridScoringTest {

    @TempDir
    Path tmp;

    private final HashingEmbedder embedder = new HashingEmbedder();

    @Test
    void aLargeLibrarysRouteScoresEveryCandidateAsTheSmallOnesDoes() throws IOException {
        SyntheticReports synthetic = new SyntheticReports(21);
        Path corpus = tmp.resolve("corpus");
        synthetic.write(corpus, 150);
        Path indexDir = tmp.resolve("index");
        index(corpus, indexDir);
        // An update rewrites 30 reports with other text: new segments, and deleted passages in the old.
        Path other = tmp.resolve("other");
        new SyntheticReports(22).write(other, 30);
        try (var files = Files.list(other)) {
            for (Path f : files.toList()) {
                Files.copy(f, corpus.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertEquals(30, index(corpus, indexDir).changed().size());
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            questions.add(synthetic.query());
        }
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            int segments = index.withSearcher(s -> s.getIndexReader().leaves().size());
            int deleted = index.withSearcher(s -> s.getIndexReader().numDeletedDocs());
            assertTrue(segments > 1 && deleted > 0, segments + " segments, " + deleted + " deleted");
            // Scanned exactly (the small route), and walked through a graph as wide as the library
            // (the large route: an exact limit of 0), so that both propose the same dense candidates.
            LuceneSearchBackend small = new LuceneSearchBackend(
                    index, embedder, Analysis.DEFAULT, HybridOptions.DEFAULT, new DenseSearch(200, 100_000));
            LuceneSearchBackend large = new LuceneSearchBackend(
                    index, embedder, Analysis.DEFAULT, HybridOptions.DEFAULT, new DenseSearch(100_000, 0));
            int scoredOnTheirOwn = 0;
            for (String q : questions) {
                List<String> bySmall = ranked(small, q);
                assertEquals(bySmall, ranked(large, q), q);
                // Results BM25 did not propose (beyond its 50 best) but whose terms it matches: the
                // candidates the large route scores on its own, with a score that counts.
                List<String> proposed = ids(small.search(q, SearchMode.BM25, SearchFilters.NONE, 50));
                List<String> matching = ids(small.search(q, SearchMode.BM25, SearchFilters.NONE, 1_000));
                for (String line : bySmall) {
                    String id = line.split(" ")[0];
                    scoredOnTheirOwn += !proposed.contains(id) && matching.contains(id) ? 1 : 0;
                }
            }
            assertTrue(
                    scoredOnTheirOwn > 0, "no result was a dense candidate beyond BM25's own that matches its terms");
        }
    }

    private IndexResult index(Path corpus, Path indexDir) throws IOException {
        return TestIndexes.index(embedder, corpus, indexDir);
    }

    private static List<String> ranked(LuceneSearchBackend backend, String q) throws IOException {
        List<String> out = new ArrayList<>();
        for (Passage p : backend.search(q, SearchMode.HYBRID, SearchFilters.NONE, 20)) {
            out.add(p.passageId() + " " + String.format("%.6f", p.score()));
        }
        return out;
    }

    private static List<String> ids(List<Passage> passages) {
        return passages.stream().map(Passage::passageId).toList();
    }
}
