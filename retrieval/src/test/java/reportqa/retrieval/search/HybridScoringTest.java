package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.HashingEmbedder;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.CorpusIndexer;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.index.ReportIndex;
import reportqa.retrieval.report.ReportParser;

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
        CorpusIndexer indexer = new CorpusIndexer(
                ReportIndex.directory(indexDir),
                new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, embedder.modelId()),
                ReportParser.standard(),
                embedder);
        try (var directory = indexer.directory()) {
            indexer.update(corpus, IndexProgress.NONE);
        }
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            questions.add(synthetic.query());
        }
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertTrue(index.passageCount() >= 300, "passages: " + index.passageCount());
            // Scanned exactly (the small route), and walked through a graph as wide as the library
            // (the large route: an exact limit of 0), so that both propose the same dense candidates.
            LuceneSearchBackend small = new LuceneSearchBackend(
                    index, embedder, Analysis.DEFAULT, HybridOptions.DEFAULT, new DenseSearch(200, 100_000));
            LuceneSearchBackend large = new LuceneSearchBackend(
                    index, embedder, Analysis.DEFAULT, HybridOptions.DEFAULT, new DenseSearch(100_000, 0));
            int lexicalOnly = 0;
            for (String q : questions) {
                List<String> bySmall = ranked(small, q);
                assertEquals(bySmall, ranked(large, q), q);
                // The candidates BM25 alone did not propose are what the large route scores on its own.
                List<String> bm25 = ids(small.search(q, SearchMode.BM25, SearchFilters.NONE, 50));
                lexicalOnly += bySmall.stream().anyMatch(id -> !bm25.contains(id.split(" ")[0])) ? 1 : 0;
            }
            assertTrue(lexicalOnly > 0, "no question's hybrid results went beyond BM25's candidates");
        }
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
