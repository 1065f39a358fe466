package reportqa.retrieval.solr;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.HashingEmbedder;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.SeedLibrary;
import reportqa.retrieval.TestCorpus;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.BgeSmallZhEmbedder;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.eval.EvalQuestion;
import reportqa.retrieval.eval.EvalResult;
import reportqa.retrieval.eval.Evaluator;
import reportqa.retrieval.eval.QuestionSet;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.search.HybridOptions;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.search.SearchMode;
import reportqa.retrieval.search.SearchRequest;

/**
 * The SolrCloud backend on a real 2-node SolrCloud cluster (Solr's own {@code MiniSolrCloudCluster},
 * in process), each collection 2 shards × 2 replicas: it finds what the embedded index finds, stays
 * up while a node goes down, and follows the corpus folder as the embedded index does.
 */
class SolrCloudBackendTest {

    private static final Logger LOG = LoggerFactory.getLogger(SolrCloudBackendTest.class);

    /** How far the SolrCloud backend's recall@5 and MRR@10 may stray from the embedded backend's (issue #14). */
    private static final double SAME = 0.005;

    @TempDir
    static Path clusterDir;

    private static TestSolrCloud solr;

    @BeforeAll
    static void startTheCluster() throws Exception {
        long t0 = System.nanoTime();
        solr = TestSolrCloud.start(2, clusterDir.resolve("solr"));
        LOG.info("2-node SolrCloud cluster started in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stopTheCluster() throws Exception {
        solr.close();
    }

    private static SolrCloudTarget target(String collection) {
        return SolrCloudTarget.zooKeeper(solr.zkHost(), collection, 2, 2);
    }

    private static ReportLibrary.Config config(Path corpus, Path data, Embedder model, String collection) {
        return new ReportLibrary.Config(
                        corpus,
                        data.resolve("index"),
                        data.resolve("cache"),
                        new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, model.modelId()),
                        HybridOptions.DEFAULT)
                .withSolrCloud(target(collection));
    }

    @Test
    void theHeldOutGoldenQuestionsFindWhatTheEmbeddedIndexFinds(@TempDir Path data) throws Exception {
        List<EvalQuestion> questions = QuestionSet.load(TestCorpus.dir().resolve("questions-test.jsonl"));
        ReportLibrary embedded = SeedLibrary.get();
        BgeSmallZhEmbedder model = new BgeSmallZhEmbedder();
        try (ReportLibrary cloud = ReportLibrary.open(
                        config(TestCorpus.dir(), data, model, "golden"), model, IndexProgress.NONE)
                .library()) {
            assertEquals(embedded.backend().passageCount(), cloud.backend().passageCount());
            assertEquals(embedded.backend().reports(), cloud.backend().reports());
            for (SearchMode mode : SearchMode.values()) {
                EvalResult e = new Evaluator(embedded.retriever()).evaluate(questions, mode);
                EvalResult s = new Evaluator(cloud.retriever()).evaluate(questions, mode);
                LOG.info(
                        "held-out golden {}: embedded {} ({} ms/query), SolrCloud 2×2 {} ({} ms/query)",
                        mode.key(),
                        e.metrics(),
                        e.meanQueryMillis(),
                        s.metrics(),
                        s.meanQueryMillis());
                assertSameFigures(mode, e, s);
                if (mode == SearchMode.BM25) {
                    // BM25 is the same query over the same terms with collection-wide statistics: the
                    // same passages with the same scores, not just the same figures.
                    assertSameRankings(e, s);
                }
            }
            assertFiltersSelectTheSamePassages(embedded, cloud);
        }
    }

    /**
     * Every kind of filter (brokers, report ids, publication dates, boilerplate, bounded dates) lets
     * through the same passages in both backends, in every mode.
     */
    private static void assertFiltersSelectTheSamePassages(ReportLibrary embedded, ReportLibrary cloud)
            throws IOException {
        List<SearchFilters> filters = new ArrayList<>();
        filters.add(SearchFilters.EVERY_PASSAGE);
        for (ReportCard card : embedded.backend().reports().values()) {
            ReportMetadata m = card.metadata();
            filters.add(SearchFilters.NONE.withBrokers(Set.of(m.broker())));
            filters.add(SearchFilters.NONE.withReportIds(Set.of(card.id())));
            if (m.date().earliest() != null) {
                LocalDate day = m.date().earliest();
                filters.add(new SearchFilters(Set.of(), day, day, Set.of(), false, false));
                filters.add(new SearchFilters(Set.of(), day.minusDays(3), null, Set.of(), true, true));
                filters.add(new SearchFilters(Set.of(m.broker()), null, day.plusDays(1), Set.of(), false, false));
            }
        }
        int compared = 0;
        for (SearchFilters f : filters) {
            for (SearchMode mode : SearchMode.values()) {
                for (String q : List.of("人工智能 视频生成", "投资评级 风险提示", "Sora")) {
                    List<Passage> e = embedded.backend().search(q, mode, f, 50);
                    List<Passage> s = cloud.backend().search(q, mode, f, 50);
                    assertEquals(
                            e.stream().map(Passage::passageId).sorted().toList(),
                            s.stream().map(Passage::passageId).sorted().toList(),
                            () -> mode.key() + " " + q + " under " + f);
                    compared += e.size();
                }
            }
        }
        LOG.info("{} filters × 3 modes × 3 queries: {} passages, the same in both backends", filters.size(), compared);
        assertTrue(compared > 1000, compared + " passages compared");
    }

    @Test
    void cmrcDevFindsWhatTheEmbeddedIndexFinds(@TempDir Path data) throws Exception {
        Path cmrc = Cmrc.dir();
        List<EvalQuestion> questions = QuestionSet.load(cmrc.resolve("questions.jsonl"));
        BgeSmallZhEmbedder model = new BgeSmallZhEmbedder();
        // One embedding cache for both: the passages are embedded once.
        ReportLibrary.Config cloudConfig = config(cmrc.resolve("corpus"), data, model, "cmrc");
        ReportLibrary.Config embeddedConfig = new ReportLibrary.Config(
                cloudConfig.corpusDir(),
                cloudConfig.indexDir(),
                cloudConfig.cacheDir(),
                cloudConfig.settings(),
                cloudConfig.hybrid());
        try (ReportLibrary embedded = ReportLibrary.open(embeddedConfig, model, IndexProgress.NONE)
                        .library();
                ReportLibrary cloud = ReportLibrary.open(cloudConfig, model, IndexProgress.NONE)
                        .library()) {
            assertEquals(embedded.backend().passageCount(), cloud.backend().passageCount());
            for (SearchMode mode : List.of(SearchMode.HYBRID, SearchMode.BM25)) {
                EvalResult e = new Evaluator(embedded.retriever()).evaluate(questions, mode);
                EvalResult s = new Evaluator(cloud.retriever()).evaluate(questions, mode);
                LOG.info(
                        "CMRC dev {}: embedded {} ({} ms/query), SolrCloud 2×2 {} ({} ms/query)",
                        mode.key(),
                        e.metrics(),
                        e.meanQueryMillis(),
                        s.metrics(),
                        s.meanQueryMillis());
                assertTrue(s.questions() >= 3000, () -> s.questions() + " questions scored");
                assertSameFigures(mode, e, s);
            }
        }
    }

    private static void assertSameFigures(SearchMode mode, EvalResult embedded, EvalResult cloud) {
        assertAll(
                () -> assertEquals(embedded.questions(), cloud.questions()),
                () -> assertEquals(
                        embedded.metric("recall@5"),
                        cloud.metric("recall@5"),
                        SAME,
                        () -> mode.key() + " recall@5: " + embedded.metrics() + " vs " + cloud.metrics()),
                () -> assertEquals(
                        embedded.metric("mrr@10"),
                        cloud.metric("mrr@10"),
                        SAME,
                        () -> mode.key() + " mrr@10: " + embedded.metrics() + " vs " + cloud.metrics()));
    }

    private static void assertSameRankings(EvalResult embedded, EvalResult cloud) {
        assertEquals(embedded.rankings().size(), cloud.rankings().size());
        int compared = 0;
        for (int i = 0; i < embedded.rankings().size(); i++) {
            List<Passage> e = embedded.rankings().get(i).passages();
            List<Passage> s = cloud.rankings().get(i).passages();
            String query = embedded.rankings().get(i).query();
            assertEquals(e.size(), s.size(), query);
            for (int r = 0; r < e.size(); r++) {
                // Passages of equal score may come in either order; the scores at each rank may not differ.
                assertEquals(
                        e.get(r).score(),
                        s.get(r).score(),
                        1e-4 * Math.max(1, e.get(r).score()),
                        query + " #" + r);
                compared++;
            }
            // The same passages, but for those tied with the last one kept (which of them make the cut
            // is a tie).
            assertEquals(above(e), above(s), query);
        }
        assertTrue(compared > 1000, compared + " ranked passages compared");
    }

    /** The ids of the passages scored above the last one's score, sorted (ties may come in either order). */
    private static List<String> above(List<Passage> passages) {
        if (passages.isEmpty()) {
            return List.of();
        }
        double last = passages.get(passages.size() - 1).score();
        List<String> ids = new ArrayList<>();
        for (Passage p : passages) {
            if (p.score() > last + 1e-4 * Math.max(1, last)) {
                ids.add(p.passageId());
            }
        }
        ids.sort(null);
        return ids;
    }

    @Test
    void aNodeStoppedWhileQuestionsAreAskedCostsNoFailedSearch(@TempDir Path data) throws Exception {
        HashingEmbedder model = new HashingEmbedder();
        List<String> questions = List.of("Sora 能生成多长的视频", "德邦证券 推荐", "英伟达 算力", "视频生成模型", "投资评级");
        try (ReportLibrary cloud = ReportLibrary.open(
                        config(TestCorpus.dir(), data, model, "failover"), model, IndexProgress.NONE)
                .library()) {
            AtomicBoolean asking = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread asker = new Thread(() -> {
                int i = 0;
                while (asking.get()) {
                    try {
                        List<Passage> found = cloud.retriever()
                                .search(SearchRequest.question(
                                        questions.get(i++ % questions.size()),
                                        5,
                                        SearchMode.HYBRID,
                                        SearchFilters.NONE))
                                .passages();
                        if (found.isEmpty()) {
                            failures.add(new AssertionError("nothing found"));
                        }
                        answered.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        failures.add(e);
                    }
                }
            });
            asker.start();
            try {
                awaitAnswers(answered, 20);
                JettySolrRunner stopped = solr.cluster().stopJettySolrRunner(1);
                solr.cluster().waitForJettyToStop(stopped);
                int atStop = answered.get();
                SolrSearchBackend backend = (SolrSearchBackend) cloud.backend();
                LOG.info("one node stopped: {}", backend.health());
                // Each shard keeps a replica on the other node: searchable throughout, degraded health.
                SolrHealth health = awaitHealth(backend, "degraded");
                assertEquals(1, health.liveNodes().size(), health::toString);
                assertEquals(2, health.shardsServing(), health::toString);
                awaitAnswers(answered, atStop + 50);
                solr.cluster().startJettySolrRunner(stopped, true);
                solr.cluster().waitForActiveCollection("failover", 30, TimeUnit.SECONDS);
                int atRestart = answered.get();
                awaitAnswers(answered, atRestart + 20);
            } finally {
                asking.set(false);
                asker.join();
            }
            LOG.info("{} searches while a node stopped and started again, {} failed", answered.get(), failures.size());
            assertTrue(failures.isEmpty(), () -> failures.size() + " searches failed, the first: " + failures.get(0));
            awaitHealth((SolrSearchBackend) cloud.backend(), "ok");
        }
    }

    private static SolrHealth awaitHealth(SolrSearchBackend backend, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            SolrHealth h = backend.health();
            if (h.status().equals(status) && h.shardsWithLeader() == h.shards()) {
                return h;
            }
            assertTrue(System.nanoTime() < deadline, () -> "health still " + h);
            Thread.sleep(100);
        }
    }

    private static void awaitAnswers(AtomicInteger answered, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (answered.get() < atLeast) {
            assertTrue(System.nanoTime() < deadline, () -> "only " + answered.get() + " searches answered");
            Thread.sleep(20);
        }
    }

    @Test
    void reportsAddedChangedAndRemovedInTheFolderAreSoInTheCollection(@TempDir Path data) throws Exception {
        HashingEmbedder model = new HashingEmbedder();
        Path corpus = data.resolve("corpus");
        Files.createDirectories(corpus);
        List<Path> seed = TestCorpus.reportFiles();
        Files.copy(seed.get(0), corpus.resolve(seed.get(0).getFileName()));
        Files.copy(seed.get(1), corpus.resolve(seed.get(1).getFileName()));
        try (ReportLibrary cloud = ReportLibrary.open(config(corpus, data, model, "updates"), model, IndexProgress.NONE)
                .library()) {
            assertEquals(2, cloud.backend().reports().size());
            int before = cloud.backend().passageCount();

            // Named like a query operator: ids are matched as terms, never parsed as syntax.
            Path added = corpus.resolve("NOT.txt");
            Files.copy(seed.get(2), added);
            IndexResult update = cloud.update(IndexProgress.NONE);
            String id = "NOT";
            assertEquals(List.of(id), update.added());
            assertTrue(cloud.backend().reports().containsKey(id));
            List<Passage> ofAdded = cloud.backend().passages(id);
            assertFalse(ofAdded.isEmpty());
            assertEquals(before + ofAdded.size(), cloud.backend().passageCount());
            String phrase = ofAdded.get(ofAdded.size() / 2).text().strip().substring(0, 20);
            List<Passage> found = cloud.backend().search(phrase, SearchMode.BM25, SearchFilters.EVERY_PASSAGE, 3);
            assertEquals(id, found.get(0).reportId(), phrase);
            assertEquals(cloud.backend().report(id).orElseThrow().id(), id);

            // Changed, and shorter: its passages replaced, none left from before.
            String text = Files.readString(added);
            Files.writeString(added, text.substring(0, text.length() / 3) + "\n\n补充说明：本段为测试新增的唯一文字甲乙丙丁。\n");
            assertEquals(List.of(id), cloud.update(IndexProgress.NONE).changed());
            List<Passage> changed = cloud.backend().passages(id);
            assertTrue(changed.size() < ofAdded.size(), changed.size() + " passages, before " + ofAdded.size());
            assertTrue(changed.stream().anyMatch(p -> p.text().contains("甲乙丙丁")));
            assertEquals(before + changed.size(), cloud.backend().passageCount());

            Files.delete(added);
            assertEquals(List.of(id), cloud.update(IndexProgress.NONE).removed());
            assertFalse(cloud.backend().reports().containsKey(id));
            assertTrue(cloud.backend().passages(id).isEmpty());
            assertTrue(cloud.backend().report(id).isEmpty());
            assertEquals(before, cloud.backend().passageCount());
        }
        // Opened again: nothing is read or written (the collection is as the folder is).
        try (ReportLibrary again = ReportLibrary.open(config(corpus, data, model, "updates"), model, IndexProgress.NONE)
                .library()) {
            assertEquals(
                    2, again.lastUpdate().unchanged().size(), again.lastUpdate().summary());
            assertFalse(again.lastUpdate().modified(), again.lastUpdate().summary());
        }
        // Another folder, or other settings, on the same collection: refused, the library left as it is.
        Path other = Files.createDirectories(data.resolve("other"));
        Files.copy(seed.get(3), other.resolve(seed.get(3).getFileName()));
        SolrRefusedException otherFolder = assertThrows(
                SolrRefusedException.class,
                () -> ReportLibrary.open(config(other, data, model, "updates"), model, IndexProgress.NONE));
        assertTrue(
                otherFolder.getMessage().contains("holds the library of the corpus folder"), otherFolder.getMessage());
        ReportLibrary.Config shorter = config(corpus, data, model, "updates");
        ReportLibrary.Config otherSettings = new ReportLibrary.Config(
                        shorter.corpusDir(),
                        shorter.indexDir(),
                        shorter.cacheDir(),
                        new IndexSettings(Analysis.DEFAULT, new ChunkingOptions(200, 50), model.modelId()),
                        shorter.hybrid())
                .withSolrCloud(shorter.solrCloud());
        SolrRefusedException otherChunks = assertThrows(
                SolrRefusedException.class, () -> ReportLibrary.open(otherSettings, model, IndexProgress.NONE));
        assertTrue(otherChunks.getMessage().contains("was built with other settings"), otherChunks.getMessage());
        try (ReportLibrary still = ReportLibrary.open(config(corpus, data, model, "updates"), model, IndexProgress.NONE)
                .library()) {
            assertEquals(2, still.backend().reports().size());
            assertFalse(still.lastUpdate().modified(), still.lastUpdate().summary());
        }
    }

    @Test
    void anUnreachableClusterIsAClearErrorNotAHang() {
        HashingEmbedder model = new HashingEmbedder();
        SolrCloudTarget nowhere = new SolrCloudTarget(
                "", List.of("http://127.0.0.1:9/solr"), "lib", 1, 1, Duration.ofSeconds(2), Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        SolrUnavailableException e = assertThrows(
                SolrUnavailableException.class,
                () -> SolrCloud.open(
                        nowhere,
                        new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, model.modelId()),
                        model,
                        HybridOptions.DEFAULT,
                        "corpus"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("unreachable cluster refused in {} ms: {}", ms, e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:9"), e.getMessage());
        assertTrue(ms < 10_000, ms + " ms");
    }
}
