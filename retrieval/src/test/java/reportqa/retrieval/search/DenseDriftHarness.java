package reportqa.retrieval.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.HashingEmbedder;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.TestCorpus;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.BgeSmallZhEmbedder;
import reportqa.retrieval.embed.CachingEmbedder;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.embed.EmbeddingCache;
import reportqa.retrieval.eval.EvalQuestion;
import reportqa.retrieval.eval.QuestionSet;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.Fields;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.index.ReportIndex;

/**
 * Measurement harness for issue #9 item 14, the figures in RELIABILITY.md (not a test: its name keeps
 * it out of {@code mvn verify}, and without its properties it skips). Each way of searching is
 * compared between an index updated incrementally and one built clean from the same final corpus,
 * and with an exact scan:
 *
 * <ul>
 *   <li>{@code measure}: CMRC dev less some reports, then updated ({@link DriftCorpus}), with the
 *       real model; dense and hybrid through the backend, graph walks of several widths, latency;
 *   <li>{@code synthetic}: the made-up corpus of {@link DenseSearchAfterUpdateTest};
 *   <li>{@code scale}: {@code -Dreportqa.drift.scale=N} made-up clustered vectors (100,000 took 18
 *       minutes to build twice on this machine).
 * </ul>
 *
 * <p>Run with {@code mvn -o -pl retrieval test -Dtest=DenseDriftHarness#measure
 * -Dsurefire.failIfNoSpecifiedTests=false -Dreportqa.cmrc=../shared/benchmarks/cmrc2018-dev
 * -Dreportqa.drift.work=/tmp/drift}; the work folder keeps the embedding cache and the scale indexes
 * between runs.
 */
class DenseDriftHarness {

    @Test
    void measure() throws Exception {
        String given = System.getProperty("reportqa.cmrc", "");
        String work = System.getProperty("reportqa.drift.work", "");
        Assumptions.assumeFalse(
                given.isBlank() || work.isBlank(), "harness: give -Dreportqa.cmrc and -Dreportqa.drift.work");
        Path dir = TestCorpus.dir().getParent().resolve(given).normalize();
        Path w = Path.of(work);
        Files.createDirectories(w);
        List<EvalQuestion> all = QuestionSet.load(dir.resolve("questions.jsonl"));
        List<EvalQuestion> questions = new ArrayList<>();
        for (int i = 0; i < all.size() && questions.size() < 200; i += 16) {
            questions.add(all.get(i));
        }
        BgeSmallZhEmbedder model = new BgeSmallZhEmbedder();
        Embedder embedder = new CachingEmbedder(model, new EmbeddingCache(w.resolve("cache"), model));
        Path live = w.resolve("live");
        Path inc = w.resolve("inc-index");
        Path clean = w.resolve("clean-index");
        long t0 = System.nanoTime();
        DriftCorpus.writeBefore(dir.resolve("corpus"), live);
        clear(inc);
        clear(clean);
        open(live, inc, w, model);
        DriftCorpus.writeAfter(dir.resolve("corpus"), live);
        open(live, inc, w, model);
        open(live, clean, w, model);
        System.out.printf("indexing: %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        List<float[]> vectors = new ArrayList<>();
        for (EvalQuestion q : questions) {
            vectors.add(embedder.embedQuery(q.question()));
        }
        Query filter = LuceneQueries.filter(SearchFilters.NONE);
        try (ReportIndex incIndex = ReportIndex.open(inc);
                ReportIndex cleanIndex = ReportIndex.open(clean)) {
            describe("incremental", incIndex);
            describe("clean", cleanIndex);
            List<List<String>> incExact = run(incIndex, vectors, s -> v -> exact(s, v, filter, 10));
            List<List<String>> cleanExact = run(cleanIndex, vectors, s -> v -> exact(s, v, filter, 10));
            compare("exact: incremental vs clean", incExact, cleanExact);
            for (int candidates : new int[] {10, 20, 50, 100, 200, 400}) {
                int c = candidates;
                long a = System.nanoTime();
                List<List<String>> i = run(incIndex, vectors, s -> v -> knn(s, v, filter, 10, c));
                long b = System.nanoTime();
                List<List<String>> k = run(cleanIndex, vectors, s -> v -> knn(s, v, filter, 10, c));
                long e = System.nanoTime();
                System.out.printf(
                        "hnsw candidates=%d: %.2f ms/query (incremental), %.2f ms/query (clean)%n",
                        c, (b - a) / 1e6 / vectors.size(), (e - b) / 1e6 / vectors.size());
                compare("  incremental vs clean", i, k);
                compare("  incremental vs exact", i, incExact);
                compare("  clean vs exact", k, cleanExact);
            }
            for (DenseSearch how : List.of(
                    new DenseSearch(1, 0), new DenseSearch(100, 0), new DenseSearch(200, 0), DenseSearch.DEFAULT)) {
                LuceneSearchBackend incBackend =
                        new LuceneSearchBackend(incIndex, embedder, Analysis.DEFAULT, HybridOptions.DEFAULT, how);
                LuceneSearchBackend cleanBackend =
                        new LuceneSearchBackend(cleanIndex, embedder, Analysis.DEFAULT, HybridOptions.DEFAULT, how);
                for (SearchMode mode : List.of(SearchMode.DENSE, SearchMode.HYBRID)) {
                    backend(incBackend, questions, mode); // warm-up
                    long a = System.nanoTime();
                    List<List<String>> ib = backend(incBackend, questions, mode);
                    long b = System.nanoTime();
                    List<List<String>> cb = backend(cleanBackend, questions, mode);
                    System.out.printf(
                            "backend %s, %s: %.2f ms/query (incremental), %.2f (clean), query embedding cached%n",
                            mode,
                            how,
                            (b - a) / 1e6 / questions.size(),
                            (System.nanoTime() - b) / 1e6 / questions.size());
                    compare("  incremental vs clean", ib, cb);
                    if (mode == SearchMode.DENSE) {
                        compare("  incremental vs exact", ib, incExact);
                        compare("  clean vs exact", cb, cleanExact);
                    }
                }
            }
        }
        try (ReportIndex incIndex = ReportIndex.open(inc)) {
            // Warmed latency: every way three rounds first, then five rounds timed.
            for (int round = 0; round < 2; round++) {
                int rounds = round == 0 ? 3 : 5;
                for (String way : List.of("hnsw10", "hnsw100", "hnsw200", "exact")) {
                    long a = System.nanoTime();
                    for (int r = 0; r < rounds; r++) {
                        run(incIndex, vectors, s -> v -> switch (way) {
                            case "hnsw10" -> knn(s, v, filter, 10, 10);
                            case "hnsw100" -> knn(s, v, filter, 10, 100);
                            case "hnsw200" -> knn(s, v, filter, 10, 200);
                            default -> exact(s, v, filter, 10);
                        });
                    }
                    if (round == 1) {
                        System.out.printf(
                                "warm latency %s: %.3f ms/query%n",
                                way, (System.nanoTime() - a) / 1e6 / (rounds * vectors.size()));
                    }
                }
            }
        }
        // One segment, no deletions: the incremental index force-merged.
        Path merged = w.resolve("merged-index");
        clear(merged);
        try (Directory from = FSDirectory.open(inc);
                Directory to = FSDirectory.open(merged)) {
            for (String f : from.listAll()) {
                if (!f.equals("write.lock")) {
                    to.copyFrom(from, f, f, IOContext.DEFAULT);
                }
            }
            long a = System.nanoTime();
            try (IndexWriter writer = new IndexWriter(to, new IndexWriterConfig(Analysis.DEFAULT.analyzer()))) {
                writer.forceMerge(1);
                writer.commit();
            }
            System.out.printf("forceMerge(1) of the incremental index: %d ms%n", (System.nanoTime() - a) / 1_000_000);
        }
        try (ReportIndex mergedIndex = ReportIndex.open(merged);
                ReportIndex cleanIndex = ReportIndex.open(clean)) {
            describe("merged", mergedIndex);
            for (int candidates : new int[] {10, 100}) {
                int c = candidates;
                List<List<String>> m = run(mergedIndex, vectors, s -> v -> knn(s, v, filter, 10, c));
                List<List<String>> k = run(cleanIndex, vectors, s -> v -> knn(s, v, filter, 10, c));
                compare("merged vs clean, candidates=" + c, m, k);
                compare(
                        "merged vs exact, candidates=" + c,
                        m,
                        run(cleanIndex, vectors, s -> v -> exact(s, v, filter, 10)));
            }
            for (SearchMode mode : List.of(SearchMode.DENSE, SearchMode.HYBRID)) {
                compare(
                        "backend " + mode + " merged vs clean",
                        backend(
                                new LuceneSearchBackend(mergedIndex, embedder, Analysis.DEFAULT, HybridOptions.DEFAULT),
                                questions,
                                mode),
                        backend(
                                new LuceneSearchBackend(cleanIndex, embedder, Analysis.DEFAULT, HybridOptions.DEFAULT),
                                questions,
                                mode));
            }
        }
    }

    /** The synthetic corpus of {@link DenseSearchAfterUpdateTest}, at several graph walk widths. */
    @Test
    void synthetic(@TempDir Path tmp) throws Exception {
        Assumptions.assumeFalse(System.getProperty("reportqa.drift.work", "").isBlank(), "harness");
        HashingEmbedder embedder = new HashingEmbedder();
        SyntheticReports synthetic = new SyntheticReports(14);
        synthetic.write(tmp.resolve("source"), 600);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            vectors.add(embedder.embedQuery(synthetic.query()));
        }
        Path live = tmp.resolve("live");
        DriftCorpus.writeBefore(tmp.resolve("source"), live);
        indexWith(embedder, live, tmp.resolve("inc"));
        DriftCorpus.writeAfter(tmp.resolve("source"), live);
        indexWith(embedder, live, tmp.resolve("inc"));
        indexWith(embedder, live, tmp.resolve("clean"));
        Query filter = LuceneQueries.filter(SearchFilters.NONE);
        try (ReportIndex incIndex = ReportIndex.open(tmp.resolve("inc"));
                ReportIndex cleanIndex = ReportIndex.open(tmp.resolve("clean"))) {
            describe("synthetic incremental", incIndex);
            describe("synthetic clean", cleanIndex);
            List<List<String>> incExact = run(incIndex, vectors, s -> v -> exact(s, v, filter, 10));
            List<List<String>> cleanExact = run(cleanIndex, vectors, s -> v -> exact(s, v, filter, 10));
            compare("synthetic exact: incremental vs clean", incExact, cleanExact);
            for (int candidates : new int[] {10, 50, 100, 200, 400, 800}) {
                int c = candidates;
                List<List<String>> i = run(incIndex, vectors, s -> v -> knn(s, v, filter, 10, c));
                List<List<String>> k = run(cleanIndex, vectors, s -> v -> knn(s, v, filter, 10, c));
                compare("synthetic candidates=" + c + " incremental vs clean", i, k);
                compare("  incremental vs exact", i, incExact);
                compare("  clean vs exact", k, cleanExact);
            }
        }
    }

    private static void indexWith(Embedder embedder, Path corpus, Path index) throws IOException {
        TestIndexes.index(embedder, corpus, index);
    }

    /**
     * Made-up clustered unit vectors at the scale issue #10 asks for: an index built, then updated
     * (some passages deleted, some added), against the same final passages built clean; graph walks
     * of several widths and the exact scan, their agreement and warm latency.
     */
    @Test
    void scale() throws Exception {
        String work = System.getProperty("reportqa.drift.work", "");
        int n = Integer.getInteger("reportqa.drift.scale", 0);
        Assumptions.assumeFalse(work.isBlank() || n == 0, "harness: give -Dreportqa.drift.scale=N");
        Path w = Path.of(work);
        Random random = new Random(10);
        int dim = 512;
        float[][] centroids = new float[n / 100][];
        for (int c = 0; c < centroids.length; c++) {
            centroids[c] = gaussian(random, dim, 1f);
        }
        IntFunction<float[]> point = i -> {
            Random r = new Random(i * 31L + 7);
            float[] v = gaussian(r, dim, 0.9f);
            float[] c = centroids[r.nextInt(centroids.length)];
            for (int d = 0; d < dim; d++) {
                v[d] += c[d];
            }
            return unit(v);
        };
        // Before: passages 0 .. n-1; the update deletes every 50th and adds n .. n + n/50 - 1.
        Path inc = w.resolve("scale-" + n + "-inc");
        Path clean = w.resolve("scale-" + n + "-clean");
        if (!Files.exists(clean.resolve("done"))) {
            clear(inc);
            clear(clean);
            long a = System.nanoTime();
            try (Directory d = FSDirectory.open(inc);
                    IndexWriter writer = new IndexWriter(d, new IndexWriterConfig(Analysis.DEFAULT.analyzer()))) {
                for (int i = 0; i < n; i++) {
                    writer.addDocument(passage(i, point.apply(i)));
                }
                writer.commit();
                long b = System.nanoTime();
                System.out.printf("scale %d: built in %d s%n", n, (b - a) / 1_000_000_000);
                for (int i = 0; i < n; i += 50) {
                    writer.deleteDocuments(new Term(Fields.PASSAGE_ID, "p" + i));
                }
                for (int i = n; i < n + n / 50; i++) {
                    writer.addDocument(passage(i, point.apply(i)));
                }
                writer.commit();
                System.out.printf("scale %d: updated in %d s%n", n, (System.nanoTime() - b) / 1_000_000_000);
            }
            a = System.nanoTime();
            try (Directory d = FSDirectory.open(clean);
                    IndexWriter writer = new IndexWriter(d, new IndexWriterConfig(Analysis.DEFAULT.analyzer()))) {
                for (int i = 0; i < n + n / 50; i++) {
                    if (i >= n || i % 50 != 0) {
                        writer.addDocument(passage(i, point.apply(i)));
                    }
                }
                writer.commit();
            }
            System.out.printf("scale %d: clean build in %d s%n", n, (System.nanoTime() - a) / 1_000_000_000);
            Files.writeString(clean.resolve("done"), "");
        }
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 200; q++) {
            float[] v = gaussian(random, dim, 0.9f);
            float[] c = centroids[random.nextInt(centroids.length)];
            for (int d = 0; d < dim; d++) {
                v[d] += c[d];
            }
            queries.add(unit(v));
        }
        Query filter = LuceneQueries.filter(SearchFilters.NONE);
        try (DirectoryReader incReader = DirectoryReader.open(FSDirectory.open(inc));
                DirectoryReader cleanReader = DirectoryReader.open(FSDirectory.open(clean))) {
            IndexSearcher incS = new IndexSearcher(incReader);
            IndexSearcher cleanS = new IndexSearcher(cleanReader);
            System.out.printf(
                    "scale %d: incremental %d segments %d deleted; clean %d segments%n",
                    n,
                    incReader.leaves().size(),
                    incReader.numDeletedDocs(),
                    cleanReader.leaves().size());
            DenseSearch exact = new DenseSearch(10, Integer.MAX_VALUE);
            List<List<String>> incExact = ids(incS, queries, exact, filter);
            List<List<String>> cleanExact = ids(cleanS, queries, exact, filter);
            compare("scale exact: incremental vs clean", incExact, cleanExact);
            for (DenseSearch how : List.of(
                    new DenseSearch(1, 0),
                    new DenseSearch(50, 0),
                    new DenseSearch(100, 0),
                    new DenseSearch(200, 0),
                    new DenseSearch(400, 0),
                    exact)) {
                ids(incS, queries, how, filter); // warm-up
                long a = System.nanoTime();
                List<List<String>> i = ids(incS, queries, how, filter);
                long b = System.nanoTime();
                List<List<String>> c = ids(cleanS, queries, how, filter);
                System.out.printf(
                        "scale %d %s: %.2f ms/query (incremental), %.2f (clean)%n",
                        n, how, (b - a) / 1e6 / queries.size(), (System.nanoTime() - b) / 1e6 / queries.size());
                compare("  incremental vs clean", i, c);
                compare("  incremental vs exact", i, incExact);
                compare("  clean vs exact", c, cleanExact);
            }
        }
    }

    private static List<List<String>> ids(IndexSearcher s, List<float[]> queries, DenseSearch how, Query filter)
            throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (float[] q : queries) {
            List<String> ids = new ArrayList<>();
            for (HybridFusion.Scored sd : how.top(s, q, filter, 10)) {
                ids.add(s.storedFields()
                        .document(sd.doc(), Set.of(Fields.PASSAGE_ID))
                        .get(Fields.PASSAGE_ID));
            }
            out.add(ids);
        }
        return out;
    }

    private static Document passage(int i, float[] v) {
        Document d = new Document();
        d.add(new StringField(Fields.TYPE, Fields.TYPE_PASSAGE, Field.Store.NO));
        d.add(new StringField(Fields.PASSAGE_ID, "p" + i, Field.Store.YES));
        d.add(new StringField(Fields.BOILERPLATE, "false", Field.Store.NO));
        d.add(new KnnFloatVectorField(Fields.VECTOR, v, VectorSimilarityFunction.COSINE));
        return d;
    }

    private static float[] gaussian(Random r, int dim, float sigma) {
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = (float) (r.nextGaussian() * sigma);
        }
        return v;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float f = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < v.length; d++) {
            v[d] *= f;
        }
        return v;
    }

    private static void open(Path corpus, Path index, Path w, BgeSmallZhEmbedder model) throws IOException {
        ReportLibrary.Config config = new ReportLibrary.Config(
                corpus,
                index,
                w.resolve("cache"),
                new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, model.modelId()),
                HybridOptions.DEFAULT);
        try (ReportLibrary lib =
                ReportLibrary.open(config, model, IndexProgress.NONE).library()) {
            System.out.println(index.getFileName() + ": " + lib.backend().passageCount() + " passages");
        }
    }

    private static List<List<String>> backend(
            LuceneSearchBackend backend, List<EvalQuestion> questions, SearchMode mode) throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (EvalQuestion q : questions) {
            out.add(backend.search(q.question(), mode, SearchFilters.NONE, 10).stream()
                    .map(Passage::passageId)
                    .toList());
        }
        return out;
    }

    interface Search {
        List<ScoreDoc> top(float[] v) throws IOException;
    }

    private static List<List<String>> run(ReportIndex index, List<float[]> vectors, Function<IndexSearcher, Search> how)
            throws IOException {
        return index.withSearcher(s -> {
            Search search = how.apply(s);
            List<List<String>> out = new ArrayList<>();
            for (float[] v : vectors) {
                List<String> ids = new ArrayList<>();
                for (ScoreDoc sd : search.top(v)) {
                    ids.add(s.storedFields()
                            .document(sd.doc, Set.of(Fields.PASSAGE_ID))
                            .get(Fields.PASSAGE_ID));
                }
                out.add(ids);
            }
            return out;
        });
    }

    private static List<ScoreDoc> knn(IndexSearcher s, float[] v, Query filter, int k, int candidates)
            throws IOException {
        ScoreDoc[] docs = s.search(new KnnFloatVectorQuery(Fields.VECTOR, v, candidates, filter), candidates).scoreDocs;
        return List.of(docs).subList(0, Math.min(k, docs.length));
    }

    /** Every live passage the filter allows, scored exactly. */
    static List<ScoreDoc> exact(IndexSearcher s, float[] v, Query filter, int k) throws IOException {
        Weight weight = s.createWeight(s.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1);
        List<ScoreDoc> all = new ArrayList<>();
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            Scorer scorer = weight.scorer(leaf);
            FloatVectorValues values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
            if (scorer == null || values == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            DocIdSetIterator it = scorer.iterator();
            for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
                if ((live == null || live.get(d)) && values.advance(d) == d) {
                    float score = VectorSimilarityFunction.COSINE.compare(v, values.vectorValue());
                    all.add(new ScoreDoc(leaf.docBase + d, score));
                }
            }
        }
        all.sort(Comparator.comparingDouble((ScoreDoc sd) -> -sd.score));
        return all.subList(0, Math.min(k, all.size()));
    }

    private static void compare(String what, List<List<String>> a, List<List<String>> b) {
        int same = 0;
        int sameSet = 0;
        int top1 = 0;
        int overlap = 0;
        for (int i = 0; i < a.size(); i++) {
            List<String> x = a.get(i);
            List<String> y = b.get(i);
            same += x.equals(y) ? 1 : 0;
            sameSet += new HashSet<>(x).equals(new HashSet<>(y)) ? 1 : 0;
            top1 += !x.isEmpty() && !y.isEmpty() && x.get(0).equals(y.get(0)) ? 1 : 0;
            Set<String> inter = new HashSet<>(x);
            inter.retainAll(y);
            overlap += inter.size();
        }
        System.out.printf(
                "%s: top-10 identical %d/%d, same set %d, top-1 %d, overlap %.4f%n",
                what, same, a.size(), sameSet, top1, overlap / (10.0 * a.size()));
    }

    private static void describe(String name, ReportIndex index) throws IOException {
        index.withSearcher(s -> {
            DirectoryReader r = (DirectoryReader) s.getIndexReader();
            System.out.printf(
                    "%s: %d segments, maxDoc %d, deleted %d%n",
                    name, r.leaves().size(), r.maxDoc(), r.numDeletedDocs());
            return null;
        });
    }

    private static void clear(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (var s = Files.list(p)) {
                for (Path f : s.toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
