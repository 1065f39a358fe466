package reportqa.retrieval.search;

import java.io.IOException;
import java.nio.file.Path;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.CorpusIndexer;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.index.ReportIndex;
import reportqa.retrieval.report.ReportParser;

/** Indexes for the search tests: a corpus folder indexed (or brought up to date) with the default settings. */
final class TestIndexes {

    private TestIndexes() {}

    /** Indexes {@code corpus} into {@code indexDir} with {@code embedder}: a build, or an update of what is there. */
    static IndexResult index(Embedder embedder, Path corpus, Path indexDir) throws IOException {
        CorpusIndexer indexer = new CorpusIndexer(
                ReportIndex.directory(indexDir),
                new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, embedder.modelId()),
                ReportParser.standard(),
                embedder);
        try (var directory = indexer.directory()) {
            return indexer.update(corpus, IndexProgress.NONE);
        }
    }
}
