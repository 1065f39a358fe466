package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.HashingEmbedder;
import reportqa.retrieval.TestCorpus;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.CachingEmbedder;
import reportqa.retrieval.embed.EmbeddingCache;
import reportqa.retrieval.report.ReportParser;
import reportqa.retrieval.search.HybridOptions;
import reportqa.retrieval.search.LuceneSearchBackend;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.QuestionFilters;
import reportqa.retrieval.search.Retriever;
import reportqa.retrieval.search.SearchMode;
import reportqa.retrieval.search.SearchRequest;

class CorpusIndexerTest {

    @TempDir
    Path tmp;

    Path corpus;
    Path indexDir;
    HashingEmbedder embedder;

    @BeforeEach
    void copySeeds() throws Exception {
        corpus = Files.createDirectories(tmp.resolve("corpus"));
        for (Path p : CorpusScan.reportFiles(TestCorpus.dir())) {
            Files.copy(p, corpus.resolve(p.getFileName()));
        }
        indexDir = tmp.resolve("index");
        embedder = new HashingEmbedder();
    }

    private CorpusIndexer indexer(ChunkingOptions chunking) throws Exception {
        return new CorpusIndexer(
                ReportIndex.directory(indexDir),
                new IndexSettings(Analysis.DEFAULT, chunking, embedder.modelId()),
                ReportParser.standard(),
                embedder);
    }

    private CorpusIndexer indexer() throws Exception {
        return indexer(ChunkingOptions.DEFAULT);
    }

    @Test
    void onlyWhatChangedIsReindexed() throws Exception {
        IndexResult first = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(5, first.added().size());
        assertTrue(first.passagesWritten() > 50);
        int embedded = embedder.passagesEmbedded.get();

        IndexResult again = indexer().update(corpus, IndexProgress.NONE);
        assertFalse(again.modified());
        assertEquals(5, again.unchanged().size());
        assertEquals(0, again.passagesWritten());
        assertEquals(embedded, embedder.passagesEmbedded.get(), "nothing embedded when nothing changed");

        Files.writeString(
                corpus.resolve("003_b9fc14e133e3b502.txt"), "\n补充：Open-Sora 1.1 已发布。", StandardOpenOption.APPEND);
        Files.delete(corpus.resolve("004_5d62042c63f084b6.txt"));
        Files.copy(TestCorpus.report("004_5d62042c63f084b6"), corpus.resolve("new_report.txt"));
        IndexResult third = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(List.of("new_report"), third.added());
        assertEquals(List.of("003_b9fc14e133e3b502"), third.changed());
        assertEquals(List.of("004_5d62042c63f084b6"), third.removed());
        assertEquals(3, third.unchanged().size());

        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(
                    List.of(
                            "000_49d3edf45c38a390",
                            "001_e256dbcac6dad0ec",
                            "002_bcc5796c86ba42b6",
                            "003_b9fc14e133e3b502",
                            "new_report"),
                    List.copyOf(index.reports().keySet()));
            assertTrue(index.report("003_b9fc14e133e3b502").orElseThrow().text().contains("Open-Sora 1.1 已发布"));
        }
    }

    @Test
    void brokenFilesAreSkippedAndReportedWhileTheRestIsIndexed() throws Exception {
        Files.write(corpus.resolve("broken.txt"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0x41, (byte) 0xC3});
        Files.writeString(corpus.resolve("empty.txt"), "");
        Files.writeString(corpus.resolve("bad_sidecar.txt"), "正文一句。");
        Files.writeString(corpus.resolve("bad_sidecar.meta.json"), "{not json");
        IndexResult r = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(5, r.added().size());
        assertEquals(
                List.of("bad_sidecar", "broken", "empty"),
                r.failures().stream()
                        .map(IndexResult.Failure::reportId)
                        .sorted()
                        .toList());
        assertTrue(r.failures().stream().anyMatch(f -> f.reason().contains("UTF-8")));
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(5, index.reports().size());
        }
    }

    @Test
    void aSidecarChangeReindexesTheReportWithItsMetadata() throws Exception {
        indexer().update(corpus, IndexProgress.NONE);
        Files.writeString(
                corpus.resolve("004_5d62042c63f084b6.meta.json"), "{\"date\": \"2024-02-20\"}", StandardCharsets.UTF_8);
        IndexResult r = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(List.of("004_5d62042c63f084b6"), r.changed());
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(
                    "2024-02-20",
                    index.report("004_5d62042c63f084b6")
                            .orElseThrow()
                            .metadata()
                            .date()
                            .display());
        }
    }

    @Test
    void otherSettingsRebuildTheIndex() throws Exception {
        indexer().update(corpus, IndexProgress.NONE);
        IndexResult r = indexer(new ChunkingOptions(200, 50)).update(corpus, IndexProgress.NONE);
        assertTrue(r.rebuilt());
        assertEquals(5, r.added().size());
    }

    @Test
    void aCrashDuringIndexingLeavesTheLastCommitUsable() throws Exception {
        indexer().update(corpus, IndexProgress.NONE);
        int passages;
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            passages = index.passageCount();
        }
        Files.writeString(corpus.resolve("000_49d3edf45c38a390.txt"), "\n新增段落：崩溃标记。", StandardOpenOption.APPEND);
        Files.writeString(corpus.resolve("zzz.txt"), "另一份报告。崩溃标记。");
        embedder.failOn("崩溃标记");
        assertThrows(IllegalStateException.class, () -> indexer().update(corpus, IndexProgress.NONE));
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(passages, index.passageCount());
            assertEquals(5, index.reports().size());
            assertFalse(
                    index.report("000_49d3edf45c38a390").orElseThrow().text().contains("崩溃标记"));
        }
        embedder.failOn(null);
        IndexResult recovered = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(List.of("zzz"), recovered.added());
        assertEquals(List.of("000_49d3edf45c38a390"), recovered.changed());
    }

    @Test
    void searchesSeeTheOldCommitUntilRefreshed() throws Exception {
        indexer().update(corpus, IndexProgress.NONE);
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            Retriever retriever = Retriever.standard(
                    new LuceneSearchBackend(index, embedder, Analysis.DEFAULT, HybridOptions.DEFAULT));
            Files.writeString(corpus.resolve("extra.txt"), "独角兽公司发布了量子计算芯片。");
            indexer().update(corpus, IndexProgress.NONE);
            SearchRequest q = new SearchRequest("量子计算芯片", 3, SearchMode.BM25, null, QuestionFilters.IGNORE);
            assertTrue(retriever.search(q).passages().stream()
                    .noneMatch(p -> p.reportId().equals("extra")));
            index.refresh();
            Passage found = retriever.search(q).passages().get(0);
            assertEquals("extra", found.reportId());
            assertNotNull(found.metadata(), "metadata from the refreshed commit");
            assertEquals(6, index.reports().size());
        }
    }

    @Test
    void embeddingsAreCachedAcrossRestarts() throws Exception {
        Path cacheDir = tmp.resolve("cache");
        HashingEmbedder first = new HashingEmbedder();
        new CorpusIndexer(
                        ReportIndex.directory(tmp.resolve("a")),
                        new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, first.modelId()),
                        ReportParser.standard(),
                        new CachingEmbedder(first, new EmbeddingCache(cacheDir, first.modelId(), first.dimension())))
                .update(corpus, IndexProgress.NONE);
        assertTrue(first.passagesEmbedded.get() > 50);

        // A fresh process: new cache object reading the same file, a new index folder.
        HashingEmbedder second = new HashingEmbedder();
        EmbeddingCache reopened = new EmbeddingCache(cacheDir, second.modelId(), second.dimension());
        IndexResult r = new CorpusIndexer(
                        ReportIndex.directory(tmp.resolve("b")),
                        new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, second.modelId()),
                        ReportParser.standard(),
                        new CachingEmbedder(second, reopened))
                .update(corpus, IndexProgress.NONE);
        assertEquals(5, r.added().size());
        assertEquals(0, second.passagesEmbedded.get(), "every passage vector came from the cache");
    }

    @Test
    void aCacheFileCutShortByACrashIsRepaired() throws Exception {
        Path cacheDir = tmp.resolve("cache");
        EmbeddingCache cache = new EmbeddingCache(cacheDir, "m", 4);
        cache.putAll(Map.of("一", new float[] {1, 2, 3, 4}, "二", new float[] {5, 6, 7, 8}));
        Path file;
        try (var files = Files.list(cacheDir)) {
            file = files.findFirst().orElseThrow();
        }
        Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        EmbeddingCache reopened = new EmbeddingCache(cacheDir, "m", 4);
        assertEquals(2, reopened.size());
        assertEquals(5f, reopened.get("二")[0]);
        reopened.putAll(Map.of("三", new float[] {9, 9, 9, 9}));
        assertEquals(3, new EmbeddingCache(cacheDir, "m", 4).size());
    }
}
