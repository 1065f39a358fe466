package reportqa.server.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.index.Fields;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.search.DenseShortlist;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.search.SearchMode;
import reportqa.retrieval.search.SearchRequest;

/**
 * Search at one library size, in process: builds the library's index the way the server does
 * ({@link ReportLibrary#open}), then times searches per mode over the product's whole search path
 * (question filters, expansion, fusion), the real model's query embedding alone, a restart on the
 * unchanged library, and adding one report; and, on the same passages and vectors, the two things a
 * user would otherwise pick: a plain Lucene {@link StandardAnalyzer} BM25 index and LangChain4j's
 * {@link InMemoryEmbeddingStore} (exact cosine search), whose results also give the recall of the
 * index's approximate vector search.
 */
public final class SearchBench {

    /** Passages a search returns. */
    static final int K = 10;

    /** What was measured at one size. */
    public record Point(
            int reports,
            int passages,
            String vectors,
            double buildSeconds,
            long indexBytes,
            Latency bm25,
            Latency dense,
            Latency hybrid,
            Latency queryEmbedding,
            Latency standardBm25,
            double standardBuildSeconds,
            Latency inMemoryDense,
            double inMemoryLoadSeconds,
            double denseRecallAt10,
            double reopenSeconds,
            double addOneSeconds,
            List<Shortlisted> shortlists) {

        public double passagesPerSecond() {
            return passages / buildSeconds;
        }
    }

    private final Embedder real;
    private final Consumer<String> log;

    /**
     * @param real the real embedding model: query embedding is timed with it, and small libraries
     *     are indexed with it
     */
    public SearchBench(Embedder real, Consumer<String> log) {
        this.real = real;
        this.log = log;
    }

    /**
     * Measures one library.
     *
     * @param work a folder of this size's own (index, cache, baselines)
     * @param embedder what the passages are embedded with (the real model, or the means of its
     *     sentence vectors: {@link SentenceMeanEmbedder})
     * @param queries the timed queries for bm25 and dense search, each run once
     * @param otherQueries as many other queries, for hybrid search: a query vector the dense run
     *     embedded is cached, and hybrid search must pay for its own
     * @param warmup queries run before timing, never timed
     * @param extra a report file to add for the incremental update
     */
    Point measure(
            Path work,
            ReportLibrary.Config config,
            Embedder embedder,
            String vectors,
            List<String> queries,
            List<String> otherQueries,
            List<String> warmup,
            Path extra)
            throws Exception {
        Path corpus = config.corpusDir();
        log.accept("indexing " + corpus + " (" + vectors + ")");
        long t0 = System.nanoTime();
        ReportLibrary.Opened opened = ReportLibrary.open(config, embedder, IndexProgress.NONE);
        IndexResult built = opened.update();
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        int reports;
        int passages;
        Latency bm25;
        Latency dense;
        Latency hybrid;
        List<double[]> denseScores = new ArrayList<>();
        try (ReportLibrary library = opened.library()) {
            reports = library.backend().reports().size();
            passages = library.backend().passageCount();
            log.accept(String.format("built %,d passages in %.1f s (%s)", passages, buildSeconds, built.summary()));
            for (SearchMode mode : SearchMode.values()) {
                for (String q : warmup) {
                    search(library, q, mode);
                }
            }
            bm25 = Latency.time(queries, q -> search(library, q, SearchMode.BM25));
            dense = Latency.time(queries, q -> search(library, q, SearchMode.DENSE));
            hybrid = Latency.time(otherQueries, q -> search(library, q, SearchMode.HYBRID));
            for (String q : queries.subList(0, Math.min(100, queries.size()))) {
                denseScores.add(library.backend().search(q, SearchMode.DENSE, SearchFilters.EVERY_PASSAGE, K).stream()
                        .mapToDouble(Passage::score)
                        .toArray());
            }
        }
        log.accept(String.format(
                "search p50: bm25 %.2f ms, dense %.2f ms, hybrid %.2f ms", bm25.p50(), dense.p50(), hybrid.p50()));
        Latency queryEmbedding = Latency.time(queries, real::embedQuery);
        // The baselines hold exactly the passages just searched (before a report is added).
        Baselines b = baselines(config.indexDir(), work.resolve("standard"), embedder, queries, denseScores);

        // A restart on the unchanged library; then, in it, one report dropped into the folder and
        // indexed while it is open (what serve's folder watch does), and removed again.
        t0 = System.nanoTime();
        try (ReportLibrary library =
                ReportLibrary.open(config, embedder, IndexProgress.NONE).library()) {
            double reopen = (System.nanoTime() - t0) / 1e9;
            Path added = corpus.resolve(extra.getFileName());
            Files.copy(extra, added);
            t0 = System.nanoTime();
            library.update(IndexProgress.NONE);
            double addOne = (System.nanoTime() - t0) / 1e9;
            if (library.backend().passages(idOf(added)).isEmpty()) {
                throw new IllegalStateException("the added report is not searchable");
            }
            Files.delete(added);
            library.update(IndexProgress.NONE);
            log.accept(String.format("restart %.2f s; one report added (live) %.2f s", reopen, addOne));
            return new Point(
                    reports,
                    passages,
                    vectors,
                    buildSeconds,
                    bytes(config.indexDir()),
                    bm25,
                    dense,
                    hybrid,
                    queryEmbedding,
                    b.bm25,
                    b.buildSeconds,
                    b.dense,
                    b.loadSeconds,
                    b.recall,
                    reopen,
                    addOne,
                    b.shortlists);
        }
    }

    private static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static void search(ReportLibrary library, String q, SearchMode mode) throws IOException {
        library.retriever().search(SearchRequest.question(q, K, mode, SearchFilters.NONE));
    }

    private record Baselines(
            Latency bm25,
            double buildSeconds,
            Latency dense,
            double loadSeconds,
            double recall,
            List<Shortlisted> shortlists) {}

    /**
     * The index's vector search with a shortlist {@code width} long: recall@10 against exact search
     * and the latency of the search alone (query vectors given).
     */
    public record Shortlisted(int width, double recallAt10, Latency latency) {}

    /** The shortlist lengths measured beside the product's own. */
    static final List<Integer> SHORTLIST_WIDTHS = List.of(200, 500, 1200, 2000, 4000);

    /**
     * The two baselines over the passages and vectors of the index in {@code indexDir}: a
     * StandardAnalyzer BM25 index built in {@code dir}, and every vector in an InMemoryEmbeddingStore.
     */
    private Baselines baselines(
            Path indexDir, Path dir, Embedder embedder, List<String> queries, List<double[]> denseScores)
            throws Exception {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        StandardAnalyzer analyzer = new StandardAnalyzer();
        double buildSeconds;
        long load = 0;
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir));
                FSDirectory out = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(out, new IndexWriterConfig(analyzer))) {
            long build = 0;
            for (LeafReaderContext leaf : reader.leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
                StoredFields stored = leaf.reader().storedFields();
                if (values == null) {
                    continue;
                }
                for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
                    if (leaf.reader().getLiveDocs() != null
                            && !leaf.reader().getLiveDocs().get(d)) {
                        continue;
                    }
                    Document doc = stored.document(d);
                    String id = doc.get(Fields.PASSAGE_ID);
                    float[] vector = values.vectorValue().clone();
                    long t0 = System.nanoTime();
                    store.add(id, Embedding.from(vector));
                    long t1 = System.nanoTime();
                    Document plain = new Document();
                    plain.add(new StringField("id", id, Field.Store.YES));
                    plain.add(new TextField("text", doc.get(Fields.TEXT), Field.Store.NO));
                    writer.addDocument(plain);
                    long t2 = System.nanoTime();
                    load += t1 - t0;
                    build += t2 - t1;
                }
            }
            long t0 = System.nanoTime();
            writer.commit();
            buildSeconds = (build + System.nanoTime() - t0) / 1e9;
        }
        Latency bm25;
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            QueryBuilder builder = new QueryBuilder(analyzer);
            for (String q : queries.subList(0, Math.min(50, queries.size()))) {
                Query query = builder.createBooleanQuery("text", q);
                if (query != null) {
                    searcher.search(query, K);
                }
            }
            bm25 = Latency.time(queries, q -> {
                Query query = builder.createBooleanQuery("text", q);
                if (query != null) {
                    searcher.search(query, K);
                }
            });
        }
        List<float[]> vectors = new ArrayList<>();
        for (String q : queries) {
            vectors.add(embedder.embedQuery(q));
        }
        Latency dense = Latency.time(vectors, v -> store.search(request(v)));
        // Recall of the index's vector search against exact search, on the same query vectors: a
        // result counts when it scores at least the exact 10th (both score (1 + cos) / 2). By score,
        // not by id: generated libraries repeat sentences, and passages of equal text tie.
        List<float[]> recallVectors = new ArrayList<>();
        List<Double> tenths = new ArrayList<>();
        List<double[]> productScores = new ArrayList<>();
        for (int i = 0; i < denseScores.size(); i++) {
            List<EmbeddingMatch<TextSegment>> exact =
                    store.search(request(vectors.get(i))).matches();
            if (exact.size() == K) {
                recallVectors.add(vectors.get(i));
                tenths.add(exact.get(K - 1).score());
                productScores.add(denseScores.get(i));
            }
        }
        double recall = recall(productScores, tenths);
        // The same with other shortlists: how long a library of this size needs its shortlist.
        List<Shortlisted> shortlists = new ArrayList<>();
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            for (int width : SHORTLIST_WIDTHS) {
                // A few searches first, untimed: a longer shortlist reads vector pages the shorter
                // one did not.
                for (float[] v : recallVectors.subList(0, Math.min(10, recallVectors.size()))) {
                    DenseShortlist.topScores(searcher, v, width, K);
                }
                List<double[]> scores = new ArrayList<>();
                Latency latency =
                        Latency.time(recallVectors, v -> scores.add(DenseShortlist.topScores(searcher, v, width, K)));
                shortlists.add(new Shortlisted(width, recall(scores, tenths), latency));
            }
        }
        log.accept(String.format(
                "baselines p50: StandardAnalyzer bm25 %.2f ms, InMemoryEmbeddingStore %.2f ms; dense recall@10 %.3f; shortlists %s",
                bm25.p50(), dense.p50(), recall, shortlists));
        return new Baselines(bm25, buildSeconds, dense, load / 1e9, recall, shortlists);
    }

    /** The share of the exact top 10s found: a result counts when it scores at least the exact 10th. */
    private static double recall(List<double[]> found, List<Double> tenths) {
        if (tenths.isEmpty()) {
            return 1.0;
        }
        int hit = 0;
        for (int i = 0; i < tenths.size(); i++) {
            for (double score : found.get(i)) {
                hit += score >= tenths.get(i) - 1e-6 ? 1 : 0;
            }
        }
        return (double) hit / (K * tenths.size());
    }

    private static EmbeddingSearchRequest request(float[] v) {
        return EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(v))
                .maxResults(K)
                .minScore(0.0)
                .build();
    }

    /** Bytes of the files in a folder, recursively. */
    static long bytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        }
    }
}
