package reportqa.server.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.Vectors;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportParser;
import reportqa.retrieval.report.Vocabulary;
import reportqa.retrieval.search.HybridOptions;

/** The benchmark's parts on small inputs: what they measure must be what they say. */
class BenchSuiteTest {

    private static List<String> seedSentences() throws Exception {
        return ScaleCorpus.sentencesOf(List.of(Path.of("..", "corpus")));
    }

    @Test
    void generatedReportsAreDeterministicAndParseLikeReports(@TempDir Path dir) throws Exception {
        List<String> sentences = seedSentences();
        assertTrue(sentences.size() > 200, "the seed reports give a few hundred sentences: " + sentences.size());
        ScaleCorpus corpus = new ScaleCorpus(sentences, BrokerRegistry.standard());
        List<Path> a = corpus.write(dir.resolve("a"), 6, 7);
        List<Path> b = corpus.write(dir.resolve("b"), 6, 7);
        List<Path> c = corpus.write(dir.resolve("c"), 6, 8);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), "same seed, same bytes");
        }
        assertNotEquals(Files.readString(a.get(0)), Files.readString(c.get(0)), "another seed, another library");
        ReportParser parser = new ReportParser(BrokerRegistry.standard(), Vocabulary.standard());
        List<String> brokers = BrokerRegistry.standard().brokers().stream()
                .map(BrokerRegistry.Broker::name)
                .toList();
        for (Path p : a) {
            Report r = parser.parse(p);
            assertTrue(
                    brokers.contains(r.metadata().broker()),
                    p + ": broker " + r.metadata().broker());
            assertTrue(r.metadata().date().isKnown() && !r.metadata().date().inferred(), p + ": a stated date");
            assertFalse(r.metadata().industry().isEmpty(), p + ": an industry");
            assertFalse(r.metadata().analysts().isEmpty(), p + ": analysts");
            assertTrue(r.text().length() > 1_000, p + ": a body");
        }
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBmp() {
        String s = "资料𠀀来源";
        assertEquals("资料", ScaleCorpus.prefix(s, 3), "the pair is left out whole");
        assertEquals("资料𠀀", ScaleCorpus.prefix(s, 4));
        assertEquals(s, ScaleCorpus.prefix(s, 40));
    }

    @Test
    void hashedVectorsHaveUnitLengthAndTextsSharingCharactersAreNearer() {
        HashedEmbedder e = new HashedEmbedder(512);
        float[] sora = e.embedQuery("Sora 能生成多长的视频");
        float[] same = e.embedPassages(List.of("Sora 能生成多长的视频")).get(0);
        float[] near = e.embedQuery("Sora 生成的视频有多长");
        float[] far = e.embedQuery("银行业净息差继续收窄");
        double norm = 0;
        for (float x : sora) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-5);
        assertArrayEquals(sora, same, "queries and passages are embedded alike");
        assertTrue(Vectors.cosine(sora, near) > Vectors.cosine(sora, far) + 0.3);
        assertEquals(1.0, norm(e.embedQuery("")), 1e-6, "an empty text still has a unit vector");
    }

    /**
     * A passage's sentence-mean vector is the normalised mean of its sentences' vectors, each
     * sentence embedded once; a piece of a learned sentence takes its vector, a sentence not learnt
     * before is embedded then and counted; a query is embedded by the model itself.
     */
    @Test
    void sentenceMeanVectorsAreTheMeansOfTheModelsSentenceVectors() {
        HashedEmbedder model = new HashedEmbedder(512);
        SentenceMeanEmbedder means = new SentenceMeanEmbedder(model);
        String a = "Sora 可以生成长达一分钟的视频。";
        String b = "月之暗面宣布 Kimi 智能助手启动 200 万字无损上下文内测。";
        means.learn(List.of(a, b));
        float[] va = model.embedPassages(List.of(a)).get(0);
        float[] vb = model.embedPassages(List.of(b)).get(0);
        float[] mean = new float[512];
        for (int i = 0; i < 512; i++) {
            mean[i] = va[i] + vb[i];
        }
        float[] got = means.embedPassages(List.of(a + b)).get(0);
        assertEquals(1.0, Vectors.cosine(mean, got), 1e-6);
        assertEquals(1.0, norm(got), 1e-5);
        assertEquals(0, means.fragmentsEmbedded());
        float[] cut = means.embedPassages(List.of(a + "\n视频的分辨率")).get(0);
        assertEquals(1, means.fragmentsEmbedded());
        assertTrue(Vectors.cosine(cut, va) < 1.0 - 1e-4, "the fragment counts in the mean");
        // A piece of a learned sentence (a passage's edge cut it) takes that sentence's vector.
        float[] piece = means.embedPassages(List.of("Kimi 智能助手启动 200 万字")).get(0);
        assertEquals(1.0, Vectors.cosine(vb, piece), 1e-6);
        assertEquals(1, means.piecesOfKnownSentences());
        assertEquals(1, means.fragmentsEmbedded(), "not embedded");
        assertArrayEquals(model.embedQuery("Sora 能生成多长的视频"), means.embedQuery("Sora 能生成多长的视频"));
        assertEquals("sentence-mean-" + model.modelId(), means.modelId());
    }

    private static double norm(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        return n;
    }

    @Test
    void percentilesAreNearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[99 - i] = (i + 1) * 1_000_000L;
        }
        Latency l = Latency.ofNanos(nanos);
        assertEquals(100, l.count());
        assertEquals(50.0, l.p50(), 1e-9);
        assertEquals(99.0, l.p99(), 1e-9);
        assertEquals(50.5, l.mean(), 1e-9);
        assertEquals(0, Latency.ofNanos(new long[0]).count());
    }

    @Test
    void oneSizeIsBuiltSearchedComparedAndWrittenUp(@TempDir Path dir) throws Exception {
        List<String> sentences = seedSentences();
        ScaleCorpus generator = new ScaleCorpus(sentences, BrokerRegistry.standard());
        Path corpus = dir.resolve("corpus");
        generator.write(corpus, 8, 3);
        Path extra = dir.resolve("extra");
        Path added = generator.write(extra, 1, 4).get(0);
        Path renamed = Files.move(added, extra.resolve("added_000000.txt"));
        HashedEmbedder hashed = new HashedEmbedder(512);
        ReportLibrary.Config config = new ReportLibrary.Config(
                corpus,
                dir.resolve("index"),
                dir.resolve("cache"),
                new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, hashed.modelId()),
                HybridOptions.DEFAULT);
        List<String> queries = BenchSuite.queries(sentences, new java.util.SplittableRandom(1), 20);
        List<String> other = BenchSuite.queries(sentences, new java.util.SplittableRandom(2), 20);
        SearchBench.Point p = new SearchBench(hashed, s -> {})
                .measure(dir, config, hashed, "hashed", queries, other, queries.subList(0, 5), renamed);
        assertEquals(8, p.reports());
        assertTrue(p.passages() > 8 * 5, "passages: " + p.passages());
        assertEquals(20, p.bm25().count());
        assertEquals(20, p.hybrid().count());
        assertEquals(20, p.standardBm25().count());
        assertEquals(20, p.inMemoryDense().count());
        // Under 5,000 vectors the index's vector search is exact: it finds what exact search finds.
        assertEquals(1.0, p.denseRecallAt10(), 1e-9);
        // The format's own search, with each shortlist: one as long as the library finds the exact top 10.
        assertEquals(
                SearchBench.SHORTLIST_WIDTHS,
                p.shortlists().stream().map(SearchBench.Shortlisted::width).toList());
        for (SearchBench.Shortlisted w : p.shortlists()) {
            assertTrue(w.recallAt10() > 0.5 && w.recallAt10() <= 1.0, w.toString());
            assertEquals(20, w.latency().count(), "each query with ten exact neighbours searched once: " + w);
        }
        assertEquals(1.0, p.shortlists().get(p.shortlists().size() - 1).recallAt10(), 1e-9);
        assertFalse(Files.exists(corpus.resolve("added_000000.txt")), "the added report is taken out again");

        BenchSuite.Options options = new BenchSuite.Options(
                List.of(8),
                0,
                null,
                List.of(),
                Path.of("..", "corpus"),
                null,
                dir,
                20,
                4,
                1,
                1,
                "512m",
                null,
                Path.of("uploaded.pdf"),
                3,
                LoadClient.Choice.AUTO);
        HttpLoad.Result ask = new HttpLoad.Result(
                "/api/ask (extractive)", 4, 1.0, 100, 0, Latency.ofNanos(new long[] {5_000_000L}), "", "wrk 4.1.0");
        HttpLoad.Result askByJava = new HttpLoad.Result(
                "/api/ask (extractive)", 4, 2.0, 120, 0, Latency.ofNanos(new long[] {9_000_000L}), "", HttpLoad.NAME);
        BenchSuite.Results results = new BenchSuite.Results(
                options,
                80.0,
                30,
                List.of(p),
                java.util.Arrays.asList((ServeProbe.Started) null),
                List.of(ask, askByJava),
                List.of(new Profile.Frame("NoiseLines.kind", 0.5)),
                List.of(),
                10,
                new HttpLoad.Result(
                        "/api/ask (extractive, profiled)",
                        4,
                        1.0,
                        80,
                        0,
                        Latency.ofNanos(new long[] {6_000_000L}),
                        "",
                        "wrk 4.1.0"),
                new ServeProbe.Started(List.of(2.5), 300L << 20, 120L << 20, 80L << 20, "-Xmx512m")
                        .after(List.of(3.4, 2.1)),
                List.of(3.2, 0.61, 0.5),
                12.0);
        Path md = dir.resolve("BENCHMARKS.md");
        Path png = dir.resolve("chart.png");
        BenchReport.write(results, "reportqa bench-suite --sizes 8", md, png);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, "a PNG");
        String text = Files.readString(md);
        assertTrue(text.contains("![search latency and server memory against library size](chart.png)"), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "| 8 | %,d | hashed |", p.passages())), text);
        assertTrue(text.contains("| /api/ask (extractive) | wrk 4.1.0 | 4 | 1 | 100 | 100 | 5.0 | 5.0 | 0 |"), text);
        assertTrue(
                text.contains("| /api/ask (extractive) | Java (java.net.http) | 4 | 2 | 120 | 60 | 9.0 | 9.0 | 0 |"),
                text);
        assertTrue(text.contains("loaded over loopback by wrk 4.1.0 and Java (java.net.http) in a process"), text);
        assertTrue(text.contains("and its rows (right after wrk's, on the same endpoint) show how much."), text);
        assertTrue(text.contains("| `NoiseLines.kind` | 50.0% |"), text);
        assertTrue(text.contains("(10 samples) during another run of the same load"), text);
        assertTrue(text.contains("Uploading a PDF (`uploaded.pdf`"), text);
        assertTrue(text.contains("find most vectors in the embedding cache: 3.20, 0.61, 0.50."), text);
        assertTrue(text.contains("(under it: 80 requests/s)"), text);
        assertTrue(
                text.contains("| seed reports (`reportqa serve`) |  | 2.5 (3.4 / 2.1 / 2.5) | 300 | 120 | 80 |"), text);
        assertTrue(text.contains("Started with -Xms64m -Xmx"), text);
        assertTrue(text.contains("The Java client (-Xmx256m) spends about 2.2 ms of CPU a request"), text);
        assertTrue(text.contains("The others each follow a warm-up of 1 s on the same endpoint"), text);
        assertTrue(
                text.contains(String.format(
                        java.util.Locale.ROOT,
                        "| %,d | %.3f · %.2f ms |",
                        p.passages(),
                        p.shortlists().get(0).recallAt10(),
                        p.shortlists().get(0).latency().p50())),
                text);
        // A hand-written part after the marker survives a new run; the figures above it are replaced.
        Files.writeString(md, "old figures\n" + BenchReport.BY_HAND + "\n## Floors\nmet or missed\n");
        BenchReport.write(results, "reportqa bench-suite --sizes 8", md, png);
        String again = Files.readString(md);
        assertFalse(again.contains("old figures"), again);
        assertTrue(again.endsWith(BenchReport.BY_HAND + "\n## Floors\nmet or missed\n"), again);
        assertTrue(again.startsWith("# Benchmarks"), again);
    }
}
