package reportqa.retrieval.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.Fields;
import reportqa.retrieval.index.ReportIndex;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportMetadata;

/**
 * Finds passages for a question: BM25, dense, or both fused. The user's text is analysed into
 * terms and never parsed as query syntax, so {@code title:(}, {@code *} or {@code AND} are just text.
 *
 * <p>Hybrid fusion scores every candidate proposed by either retriever with both retrievers
 * exactly (a candidate missing from one list is scored, not given zero), normalises each score
 * over the candidates, and mixes them with a fixed weight.
 */
public final class Retriever {

    private final ReportIndex index;
    private final Embedder embedder;
    private final Analysis analysis;
    private final Analyzer analyzer;
    private final HybridOptions hybrid;
    private final QueryFilterDetector detector;
    private final BrokerRegistry brokers;
    private final QueryExpansion expansion = QueryExpansion.standard();

    public Retriever(ReportIndex index, Embedder embedder, Analysis analysis, HybridOptions hybrid, BrokerRegistry brokers) {
        this.index = index;
        this.embedder = embedder;
        this.analysis = analysis;
        this.analyzer = analysis.analyzer();
        this.hybrid = hybrid;
        this.detector = new QueryFilterDetector(brokers);
        this.brokers = brokers;
    }

    /** The passages for a request, best first. */
    public List<Passage> search(SearchRequest request) throws IOException {
        return retrieve(request).passages();
    }

    /**
     * The passages for a request, with the filters that were applied. A broker or report date named
     * in the question narrows the search (unless the request filters on it already); when that finds
     * nothing, the date and then the broker are let go, and the result says so.
     */
    public SearchResult retrieve(SearchRequest request) throws IOException {
        SearchFilters filters = request.filters();
        if (!request.autoFilters()) {
            return new SearchResult(run(request, filters), filters, "", List.of());
        }
        QueryFilterDetector.Detected d = detector.detect(request.query(), index.reports().values());
        SearchFilters withBroker = filters.brokers().isEmpty() && !d.brokers().isEmpty() ? filters.withBrokers(d.brokers()) : filters;
        SearchFilters withBoth = !filters.hasDateRange() && d.from() != null ? withBroker.withQuestionDates(d.from(), d.to()) : withBroker;
        List<SearchFilters> ladder = new ArrayList<>(List.of(withBoth, withBroker, filters));
        for (int i = 0; i < ladder.size(); i++) {
            SearchFilters f = ladder.get(i);
            if (i > 0 && f.equals(ladder.get(i - 1))) {
                continue;
            }
            List<Passage> found = run(request, f);
            if (!found.isEmpty() || f.equals(filters)) {
                List<Unmatched> unmatched = new ArrayList<>();
                d.absentBrokers().forEach(b -> unmatched.add(new Unmatched("reports from " + b, null)));
                if (withBoth.hasDateRange() && !f.hasDateRange()) {
                    unmatched.add(new Unmatched("reports dated " + (d.from().equals(d.to()) ? d.from() : d.from() + " ~ " + d.to())
                            + (d.brokers().isEmpty() ? "" : " from " + String.join(", ", d.brokers())), d.from()));
                }
                if (!withBroker.brokers().isEmpty() && f.brokers().isEmpty() && !withBroker.equals(filters)) {
                    unmatched.add(new Unmatched("passages from " + String.join(", ", withBroker.brokers()) + " about this", null));
                }
                return new SearchResult(found, f, note(f, filters, d), unmatched);
            }
        }
        throw new IllegalStateException("the ladder ends with the request's own filters");
    }

    private static String note(SearchFilters applied, SearchFilters requested, QueryFilterDetector.Detected d) {
        if (applied.equals(requested)) {
            return d.any() ? "nothing matched " + d.note() + " named in the question; searched without it" : "";
        }
        StringBuilder s = new StringBuilder("restricted to ");
        if (!applied.brokers().equals(requested.brokers())) {
            s.append("broker ").append(String.join(", ", applied.brokers()));
        }
        if (applied.hasDateRange() && !requested.hasDateRange()) {
            s.append(s.length() > 14 ? "; " : "").append("reports dated ")
                    .append(applied.from().equals(applied.to()) ? applied.from() : applied.from() + " ~ " + applied.to());
        }
        return s.append(" (named in the question)").toString();
    }

    private List<Passage> run(SearchRequest request, SearchFilters filters) throws IOException {
        Query filter = filterQuery(filters);
        // Every passage left is from the filtered brokers: their names would only pull in analyst
        // profiles and legal text that repeat them.
        String text = expansion.expand(brokers.withoutNames(request.query(), filters.brokers()));
        return index.withSearcher(searcher -> {
            List<Scored> scored = switch (request.mode()) {
                case BM25 -> lexical(searcher, text, filter, request.k());
                case DENSE -> dense(searcher, embedder.embedQuery(text), filter, request.k());
                case HYBRID -> fuse(searcher, text, filter, request.k());
            };
            List<Passage> out = new ArrayList<>(scored.size());
            for (Scored s : scored) {
                out.add(passage(searcher, s.doc, s.score, out.size() + 1));
            }
            return out;
        });
    }

    private record Scored(int doc, double score) {
    }

    // ------------------------------------------------------------------ lexical

    /** The BM25 query for the user's text, or null when it has no terms. */
    Query lexicalQuery(String text) {
        String q = hybrid.stripQuestionWords() ? QuestionWords.strip(text) : text;
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        for (String field : analysis.textFields()) {
            Query fq = termsQuery(field, q);
            if (fq != null) {
                all.add(fq, BooleanClause.Occur.SHOULD);
                clauses++;
            }
        }
        if (hybrid.titleBoost() > 0) {
            Query tq = termsQuery(Fields.TITLE, q);
            if (tq != null) {
                all.add(new BoostQuery(tq, (float) hybrid.titleBoost()), BooleanClause.Occur.SHOULD);
            }
        }
        return clauses == 0 ? null : all.build();
    }

    private Query termsQuery(String field, String text) {
        List<String> terms = Analysis.terms(analyzer, field, text);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) {
            b.add(new TermQuery(new Term(field, t)), BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }

    private List<Scored> lexical(IndexSearcher searcher, String text, Query filter, int n) throws IOException {
        Query q = lexicalQuery(text);
        if (q == null) {
            return List.of();
        }
        return scored(searcher.search(filtered(q, filter), n).scoreDocs);
    }

    private List<Scored> dense(IndexSearcher searcher, float[] vector, Query filter, int n) throws IOException {
        return scored(searcher.search(new KnnFloatVectorQuery(Fields.VECTOR, vector, n, filter), n).scoreDocs);
    }

    // ------------------------------------------------------------------ fusion

    private List<Scored> fuse(IndexSearcher searcher, String text, Query filter, int k) throws IOException {
        int n = Math.max(k, hybrid.candidates());
        float[] vector = embedder.embedQuery(text);
        Query lexicalQuery = lexicalQuery(text);
        Map<Integer, Double> lex = new HashMap<>();
        if (lexicalQuery != null) {
            for (Scored s : scored(searcher.search(filtered(lexicalQuery, filter), n).scoreDocs)) {
                lex.put(s.doc, s.score);
            }
        }
        Map<Integer, Double> den = new HashMap<>();
        for (Scored s : dense(searcher, vector, filter, n)) {
            den.put(s.doc, s.score);
        }
        Set<Integer> union = new java.util.TreeSet<>(lex.keySet());
        union.addAll(den.keySet());
        if (union.isEmpty()) {
            return List.of();
        }
        // Score the candidates each retriever did not propose, exactly.
        if (lexicalQuery != null) {
            List<Integer> missing = union.stream().filter(d -> !lex.containsKey(d)).toList();
            if (!missing.isEmpty()) {
                Query only = new TermInSetQuery(Fields.PASSAGE_ID, passageIds(searcher, missing));
                Query q = new BooleanQuery.Builder().add(lexicalQuery, BooleanClause.Occur.MUST)
                        .add(only, BooleanClause.Occur.FILTER).build();
                for (ScoreDoc sd : searcher.search(q, missing.size()).scoreDocs) {
                    lex.put(sd.doc, (double) sd.score);
                }
            }
        }
        for (int d : union) {
            den.computeIfAbsent(d, doc -> similarity(searcher, doc, vector));
        }
        Map<Integer, Double> l = minMax(lex, union);
        Map<Integer, Double> v = minMax(den, union);
        double w = hybrid.lexicalWeight();
        List<Scored> fused = new ArrayList<>(union.size());
        for (int d : union) {
            fused.add(new Scored(d, w * l.get(d) + (1 - w) * v.get(d)));
        }
        fused.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::doc));
        return fused.subList(0, Math.min(k, fused.size()));
    }

    /** Scores scaled to [0, 1] over the candidates; a candidate without a score gets 0. */
    private static Map<Integer, Double> minMax(Map<Integer, Double> scores, Set<Integer> union) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int d : union) {
            double s = scores.getOrDefault(d, 0.0);
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int d : union) {
            double s = scores.getOrDefault(d, 0.0);
            out.put(d, max > min ? (s - min) / (max - min) : 0.0);
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
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<BytesRef> passageIds(IndexSearcher searcher, List<Integer> docs) throws IOException {
        List<BytesRef> ids = new ArrayList<>(docs.size());
        for (int d : docs) {
            ids.add(new BytesRef(searcher.storedFields().document(d, Set.of(Fields.PASSAGE_ID)).get(Fields.PASSAGE_ID)));
        }
        return ids;
    }

    // ------------------------------------------------------------------ filters and results

    private static Query filtered(Query q, Query filter) {
        return new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
    }

    static Query filterQuery(SearchFilters f) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PASSAGE)), BooleanClause.Occur.FILTER);
        if (!f.includeBoilerplate()) {
            b.add(new TermQuery(new Term(Fields.BOILERPLATE, "false")), BooleanClause.Occur.FILTER);
        }
        if (!f.brokers().isEmpty()) {
            b.add(new TermInSetQuery(Fields.BROKER, f.brokers().stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER);
        }
        if (!f.industries().isEmpty()) {
            b.add(new TermInSetQuery(Fields.INDUSTRY, f.industries().stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER);
        }
        if (!f.reportIds().isEmpty()) {
            b.add(new TermInSetQuery(Fields.REPORT_ID, f.reportIds().stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER);
        }
        if (f.hasDateRange()) {
            // Overlap of [date_from, date_to] with [from, to]: date_from <= to and date_to >= from.
            long to = f.to() == null ? Long.MAX_VALUE : f.to().toEpochDay();
            long from = f.from() == null ? Long.MIN_VALUE : f.from().toEpochDay();
            b.add(LongPoint.newRangeQuery(Fields.DATE_FROM, Long.MIN_VALUE, to), BooleanClause.Occur.FILTER);
            b.add(LongPoint.newRangeQuery(Fields.DATE_TO, from, Long.MAX_VALUE), BooleanClause.Occur.FILTER);
            if (f.boundedDatesOnly()) {
                b.add(LongPoint.newRangeQuery(Fields.DATE_FROM, Long.MIN_VALUE + 1, Long.MAX_VALUE), BooleanClause.Occur.FILTER);
                b.add(LongPoint.newRangeQuery(Fields.DATE_TO, Long.MIN_VALUE, Long.MAX_VALUE - 1), BooleanClause.Occur.FILTER);
            }
        }
        return b.build();
    }

    private static List<Scored> scored(ScoreDoc[] docs) {
        List<Scored> out = new ArrayList<>(docs.length);
        for (ScoreDoc sd : docs) {
            out.add(new Scored(sd.doc, sd.score));
        }
        return out;
    }

    private Passage passage(IndexSearcher searcher, int doc, double score, int rank) throws IOException {
        Document d = searcher.storedFields().document(doc);
        String reportId = d.get(Fields.REPORT_ID);
        // Right after a refresh the report map may lag the searcher: read the report from it then.
        ReportMetadata metadata = index.report(reportId).map(Report::metadata)
                .orElseGet(() -> index.reportIn(searcher, reportId).map(Report::metadata).orElse(null));
        return new Passage(d.get(Fields.PASSAGE_ID), reportId, d.get(Fields.TEXT), d.get(Fields.SECTION),
                Boolean.parseBoolean(d.get(Fields.BOILERPLATE)),
                d.getField(Fields.START).numericValue().intValue(), d.getField(Fields.END).numericValue().intValue(),
                score, rank, metadata);
    }
}
