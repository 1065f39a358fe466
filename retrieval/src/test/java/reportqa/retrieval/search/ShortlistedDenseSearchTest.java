package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.HashingEmbedder;
import reportqa.retrieval.TestCorpus;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.CorpusIndexer;
import reportqa.retrieval.index.CorpusScan;
import reportqa.retrieval.index.Fields;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.index.ReportIndex;
import reportqa.retrieval.index.SignScanVectorsFormat;
import reportqa.retrieval.report.ReportParser;

/**
 * Passage vectors are written as their signs as well as in full: the signs are scanned for a
 * shortlist, and the shortlist is scored on the floats, so that a shortlisted search gives the very
 * scores an exact scan gives (a search can move from one to the other as the library grows).
 */
class ShortlistedDenseSearchTest {

    @TempDir
    Path tmp;

    @Test
    void theShortlistIsScoredExactly() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        for (Path p : CorpusScan.reportFiles(TestCorpus.dir())) {
            Files.copy(p, corpus.resolve(p.getFileName()));
        }
        HashingEmbedder embedder = new HashingEmbedder();
        Path indexDir = tmp.resolve("index");
        new CorpusIndexer(
                        ReportIndex.directory(indexDir),
                        new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, embedder.modelId()),
                        ReportParser.standard(),
                        embedder)
                .update(corpus, IndexProgress.NONE);
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir))) {
            for (LeafReaderContext leaf : reader.leaves()) {
                assertEquals(
                        SignScanVectorsFormat.NAME,
                        leaf.reader()
                                .getFieldInfos()
                                .fieldInfo(Fields.VECTOR)
                                .getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY));
            }
            IndexSearcher searcher = new IndexSearcher(reader);
            Query passages = new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PASSAGE));
            // A shortlist of 10 of 98 passages: the format's search (a filter matching no more
            // passages than the width would be scanned exactly by Lucene instead).
            DenseSearch shortlisted = new DenseSearch(10, 0);
            DenseSearch exact = new DenseSearch(200, Integer.MAX_VALUE);
            for (String q : List.of("Sora 能生成多长的视频？", "德邦证券对传媒行业的评级", "Kimi 支持多长的上下文")) {
                float[] v = embedder.embedQuery(q);
                Map<Integer, Double> exactScores = new HashMap<>();
                for (HybridFusion.Scored s : exact.top(searcher, v, passages, 200)) {
                    exactScores.put(s.doc(), s.score());
                }
                assertEquals(98, exactScores.size());
                List<HybridFusion.Scored> found = shortlisted.top(searcher, v, passages, 10);
                assertEquals(10, found.size(), q);
                for (HybridFusion.Scored s : found) {
                    // Exactly the float score: an estimate from the signs is another number.
                    assertEquals(exactScores.get(s.doc()), s.score(), 0.0, q);
                }
            }
        }
    }
}
