package reportqa.retrieval.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.Fields;
import reportqa.retrieval.index.ReportIndex;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.text.LineKinds;

/**
 * The embedded search backend: BM25, dense (a scan of the vectors' signs, see {@link DenseSearch}) or hybrid search over a
 * {@link ReportIndex}.
 *
 * <p>Hybrid search scores every candidate proposed by either retriever with both retrievers
 * exactly (a candidate BM25 did not propose is scored, not given zero), then fuses them with
 * {@link HybridFusion}.
 */
public final class LuceneSearchBackend implements SearchBackend {

    private final ReportIndex index;
    private final Embedder embedder;
    private final LuceneQueries queries;
    private final HybridOptions hybrid;
    private final DenseSearch denseSearch;
    private final DenseSearch hybridDenseSearch;

    public LuceneSearchBackend(ReportIndex index, Embedder embedder, Analysis analysis, HybridOptions hybrid) {
        this(index, embedder, analysis, hybrid, DenseSearch.DEFAULT, DenseSearch.FOR_HYBRID);
    }

    /** With another dense shortlist, in dense and hybrid search alike: for measuring it. */
    LuceneSearchBackend(
            ReportIndex index, Embedder embedder, Analysis analysis, HybridOptions hybrid, DenseSearch denseSearch) {
        this(index, embedder, analysis, hybrid, denseSearch, denseSearch);
    }

    private LuceneSearchBackend(
            ReportIndex index,
            Embedder embedder,
            Analysis analysis,
            HybridOptions hybrid,
            DenseSearch denseSearch,
            DenseSearch hybridDenseSearch) {
        this.index = index;
        this.embedder = embedder;
        this.queries = new LuceneQueries(analysis, hybrid);
        this.hybrid = hybrid;
        this.denseSearch = denseSearch;
        this.hybridDenseSearch = hybridDenseSearch;
    }

    @Override
    public List<Passage> search(String text, SearchMode mode, SearchFilters filters, int k) throws IOException {
        Query filter = LuceneQueries.filter(filters);
        return index.withSearcher(searcher -> {
            List<HybridFusion.Scored> scored =
                    switch (mode) {
                        case BM25 -> lexical(searcher, queries.lexical(text), filters, k);
                        case DENSE -> denseSearch.top(searcher, embedder.embedQuery(text), filter, k);
                        case HYBRID -> hybrid(searcher, text, filters, filter, k);
                    };
            List<Passage> out = new ArrayList<>(scored.size());
            for (HybridFusion.Scored s : scored) {
                out.add(passage(searcher, s.doc(), s.score(), out.size() + 1));
            }
            return out;
        });
    }

    @Override
    public Map<String, ReportCard> reports() {
        return index.reports();
    }

    @Override
    public Optional<Report> report(String id) throws IOException {
        return index.report(id);
    }

    @Override
    public List<Passage> passages(String reportId) throws IOException {
        return index.withSearcher(s -> {
            List<Passage> out = new ArrayList<>();
            Query ofReport = LuceneQueries.passagesOf(reportId);
            // As many hits as the report has passages: a top-n search fills its queue with n
            // placeholders first, and n = every document of the index (333,920 passages) made each
            // call cost as much as the rest of an answer on a 10,000-report library.
            for (ScoreDoc sd : s.search(ofReport, Math.max(1, s.count(ofReport))).scoreDocs) {
                out.add(passage(s, sd.doc, 0, 0));
            }
            out.sort(Comparator.comparingInt(Passage::start));
            return out;
        });
    }

    @Override
    public int passageCount() throws IOException {
        return index.passageCount();
    }

    private static List<HybridFusion.Scored> lexical(IndexSearcher searcher, Query q, SearchFilters filters, int n)
            throws IOException {
        if (q == null) {
            return List.of();
        }
        // Counting no more hits than are kept lets Lucene skip non-competitive documents from the
        // first n on (by default it counts 1,000 hits exactly first). The top n are the same.
        TopScoreDocCollectorManager top = new TopScoreDocCollectorManager(n, null, n);
        return scored(searcher.search(LuceneQueries.filtered(q, filters), top).scoreDocs);
    }

    private List<HybridFusion.Scored> hybrid(
            ReportIndex.Snapshot searcher, String text, SearchFilters filters, Query filter, int k) throws IOException {
        int n = Math.max(k, hybrid.candidates());
        Query lexicalQuery = queries.lexical(text);
        // A small library's lexical search is cheap however deep: one search 2n deep scores most
        // dense candidates (at most n) too (its hits past the first n are used as scores only, so
        // the candidates are those of a search n deep); any it does not reach are scored on their
        // own after it. A large one's is kept n deep (block-max WAND skips less the deeper it goes),
        // and its dense candidates are scored on their own while it runs.
        boolean small = hybridDenseSearch.scansExactly(searcher);
        int deep = small ? 2 * n : n;
        // BM25 runs beside the query's embedding and the vector walk: neither needs the other.
        SpareCore.Started<List<HybridFusion.Scored>> lexicalHits =
                SpareCore.start(() -> lexical(searcher, lexicalQuery, filters, deep));
        Map<Integer, Double> den = new HashMap<>();
        Map<Integer, Double> denseLexical = Map.of();
        float[] vector;
        try {
            vector = embedder.embedQuery(text);
            hybridDenseSearch.top(searcher, vector, filter, n).forEach(s -> den.put(s.doc(), s.score()));
            // In a large library most dense candidates are not among BM25's n best: they are scored
            // while that search still runs rather than after it.
            if (!small && lexicalQuery != null) {
                denseLexical = lexicalScores(searcher, lexicalQuery, den.keySet());
            }
        } catch (IOException | RuntimeException | Error e) {
            // The lexical search reads the caller's searcher: it ends before the searcher is let go.
            SpareCore.finish(lexicalHits, e);
            throw e;
        }
        List<HybridFusion.Scored> hits = SpareCore.result(lexicalHits);
        Map<Integer, Double> lex = new HashMap<>();
        Map<Integer, Double> beyond = new HashMap<>();
        for (int i = 0; i < hits.size(); i++) {
            (i < n ? lex : beyond).put(hits.get(i).doc(), hits.get(i).score());
        }
        if (lex.isEmpty() && den.isEmpty()) {
            return List.of();
        }
        // Score the candidates each retriever did not propose, exactly: a dense candidate the deep
        // search did not reach matches no term when that search ran out of hits.
        boolean everyHit = hits.size() < deep;
        if (lexicalQuery != null) {
            List<Integer> missing = new ArrayList<>();
            for (int d : den.keySet()) {
                if (lex.containsKey(d)) {
                    continue;
                }
                Double score = small ? beyond.get(d) : denseLexical.get(d);
                if (score != null) {
                    lex.put(d, score);
                } else if (small && !everyHit) {
                    missing.add(d);
                }
            }
            lex.putAll(lexicalScores(searcher, lexicalQuery, missing));
        }
        for (int d : lex.keySet()) {
            den.computeIfAbsent(d, doc -> similarity(searcher, doc, vector));
        }
        return HybridFusion.fuse(lex, den, hybrid.lexicalWeight(), k);
    }

    /**
     * The BM25 scores of the given documents for {@code q}, as a search would give them; a document
     * that matches no term of it has none. Each document's scorer is advanced to it directly: no
     * search, no stored field read, and no check that the document is live: the documents are
     * search results (dense candidates), which are.
     */
    private static Map<Integer, Double> lexicalScores(IndexSearcher searcher, Query q, Collection<Integer> docs)
            throws IOException {
        if (docs.isEmpty()) {
            return Map.of();
        }
        int[] sorted = docs.stream().mapToInt(Integer::intValue).sorted().toArray();
        Weight weight = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE, 1f);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Map<Integer, Double> out = new HashMap<>();
        int leafIndex = -1;
        Scorer scorer = null;
        for (int doc : sorted) {
            int at = ReaderUtil.subIndex(doc, leaves);
            LeafReaderContext leaf = leaves.get(at);
            if (at != leafIndex) {
                leafIndex = at;
                scorer = weight.scorer(leaf);
            }
            if (scorer == null) {
                continue;
            }
            int local = doc - leaf.docBase;
            DocIdSetIterator it = scorer.iterator();
            if (it.docID() < local) {
                it.advance(local);
            }
            if (it.docID() == local) {
                out.put(doc, (double) scorer.score());
            }
        }
        return out;
    }

    private static double similarity(IndexSearcher searcher, int doc, float[] query) {
        try {
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            FloatVectorValues values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
            int local = doc - leaf.docBase;
            if (values == null || values.advance(local) != local) {
                return 0.0;
            }
            return VectorSimilarityFunction.COSINE.compare(query, values.vectorValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<HybridFusion.Scored> scored(ScoreDoc[] docs) {
        List<HybridFusion.Scored> out = new ArrayList<>(docs.length);
        for (ScoreDoc sd : docs) {
            out.add(new HybridFusion.Scored(sd.doc, sd.score));
        }
        return out;
    }

    /** A stored passage document decoded, with the metadata of its report in the same commit. */
    private static Passage passage(ReportIndex.Snapshot searcher, int doc, double score, int rank) throws IOException {
        Document d = searcher.document(doc);
        String reportId = d.get(Fields.REPORT_ID);
        ReportCard report = searcher.reports().get(reportId);
        ReportMetadata metadata = report == null ? null : report.metadata();
        return new Passage(
                d.get(Fields.PASSAGE_ID),
                reportId,
                d.get(Fields.TEXT),
                d.get(Fields.SECTION),
                Boolean.parseBoolean(d.get(Fields.BOILERPLATE)),
                d.getField(Fields.START).numericValue().intValue(),
                d.getField(Fields.END).numericValue().intValue(),
                score,
                rank,
                metadata,
                LineKinds.decode(d.get(Fields.LINE_KINDS)).orElse(null),
                d.getField(Fields.PAGE) == null
                        ? 0
                        : d.getField(Fields.PAGE).numericValue().intValue());
    }
}
