package reportqa.retrieval.solr;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import reportqa.retrieval.Json;
import reportqa.retrieval.Memo;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.search.HybridFusion;
import reportqa.retrieval.search.HybridOptions;
import reportqa.retrieval.search.LexicalTerms;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.SearchBackend;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.search.SearchMode;

/**
 * The search backend on a SolrCloud collection: BM25 and kNN run by Solr as Solr queries, the
 * filters as filter queries, fused by ReportQA exactly as the embedded backend fuses them
 * ({@link HybridFusion} over every candidate scored by both retrievers).
 *
 * <p>BM25 asks for the very terms the embedded backend asks for ({@link LexicalTerms}: ReportQA
 * analyses the question, Solr's query analyzer only splits the terms apart again), and the
 * configset's exact statistics make its scores those of one index, however the passages fall across
 * shards. kNN is Solr's HNSW graph per shard, each shard's best {@code topK} merged: asked for at
 * least {@link #KNN_WIDTH}, then cut to what the search needs. Scores are cosine similarities as
 * (1 + cos) / 2, as Lucene gives them.
 *
 * <p>The report cards (what is kept in memory of each report) are read when the backend opens and
 * again after each update ({@link #refresh()}), as the embedded backend reads them per commit.
 */
public final class SolrSearchBackend implements SearchBackend, Closeable {

    /**
     * The least {@code topK} of a kNN query: HNSW's search keeps this many candidates on its way
     * through the graph, and a short list misses neighbours a longer one finds.
     */
    static final int KNN_WIDTH = 200;

    /** The most passages a report's passages are read in one request. */
    private static final int MAX_REPORT_PASSAGES = 100_000;

    private static final ObjectMapper JSON = Json.mapper();

    private final SolrRequests solr;
    private final Embedder embedder;
    private final LexicalTerms terms;
    private final HybridOptions hybrid;
    private volatile Map<String, ReportCard> cards = Map.of();
    private volatile Memo<String, Report> whole = new Memo<>(64);

    SolrSearchBackend(SolrRequests solr, Embedder embedder, LexicalTerms terms, HybridOptions hybrid)
            throws IOException {
        this.solr = solr;
        this.embedder = embedder;
        this.terms = terms;
        this.hybrid = hybrid;
        refresh();
    }

    /** Reads the report cards again: after an update, so that searches cite the reports as now indexed. */
    public void refresh() throws IOException {
        Map<String, ReportCard> loaded = new TreeMap<>();
        SolrQuery q = new SolrQuery(SolrFields.TYPE + ":" + SolrFields.TYPE_REPORT);
        q.setFields(SolrFields.REPORT_CARD);
        List<IOException> bad = new ArrayList<>();
        solr.forEach(q, 1_000, d -> {
            try {
                ReportCard card = JSON.readValue(SolrDocuments.string(d, SolrFields.REPORT_CARD), ReportCard.class);
                loaded.put(card.id(), card);
            } catch (IOException e) {
                bad.add(e);
            }
        });
        if (!bad.isEmpty()) {
            throw new IOException(
                    "a report card in collection " + solr.target().collection() + " cannot be read", bad.get(0));
        }
        cards = Collections.unmodifiableMap(loaded);
        whole = new Memo<>(64);
    }

    @Override
    public List<Passage> search(String text, SearchMode mode, SearchFilters filters, int k) throws IOException {
        return switch (mode) {
            case BM25 -> {
                SolrQuery q = lexicalQuery(text, filters);
                yield q == null ? List.of() : passages(query(q, k, true));
            }
            case DENSE ->
                passages(query(knnQuery(embedder.embedQuery(text), Math.max(k, KNN_WIDTH), filters), k, true));
            case HYBRID -> hybrid(text, filters, k);
        };
    }

    private List<Passage> hybrid(String text, SearchFilters filters, int k) throws IOException {
        int n = Math.max(k, hybrid.candidates());
        SolrQuery lexicalQuery = lexicalQuery(text, filters);
        float[] vector = embedder.embedQuery(text);
        Map<String, Double> lex = lexicalQuery == null ? new HashMap<>() : scores(query(lexicalQuery, n, false));
        Map<String, Double> den = scores(query(knnQuery(vector, Math.max(n, KNN_WIDTH), filters), n, false));
        if (lex.isEmpty() && den.isEmpty()) {
            return List.of();
        }
        // Every candidate scored by both retrievers: a dense candidate BM25 did not propose is scored
        // for BM25 (if it matches a term at all), and a BM25 candidate gets its similarity.
        List<String> lexMissing =
                den.keySet().stream().filter(id -> !lex.containsKey(id)).toList();
        List<String> denMissing =
                lex.keySet().stream().filter(id -> !den.containsKey(id)).toList();
        if (lexicalQuery != null && !lexMissing.isEmpty()) {
            lex.putAll(scores(query(onlyThese(lexicalQuery, lexMissing), lexMissing.size(), false)));
        }
        if (!denMissing.isEmpty()) {
            SolrQuery exact = onlyThese(knnQuery(vector, denMissing.size(), filters), denMissing);
            den.putAll(scores(query(exact, denMissing.size(), false)));
        }
        // HybridFusion ranks documents by number, ties by the lower: passages numbered in id order.
        TreeSet<String> union = new TreeSet<>(lex.keySet());
        union.addAll(den.keySet());
        List<String> ids = new ArrayList<>(union);
        Map<Integer, Double> l = new HashMap<>();
        Map<Integer, Double> d = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Double ls = lex.get(ids.get(i));
            Double ds = den.get(ids.get(i));
            if (ls != null) {
                l.put(i, ls);
            }
            if (ds != null) {
                d.put(i, ds);
            }
        }
        List<HybridFusion.Scored> fused = HybridFusion.fuse(l, d, hybrid.lexicalWeight(), k);
        Map<String, Double> order = new LinkedHashMap<>();
        fused.forEach(s -> order.put(ids.get(s.doc()), s.score()));
        Map<String, SolrDocument> docs = documents(order.keySet());
        List<Passage> out = new ArrayList<>(order.size());
        for (Map.Entry<String, Double> e : order.entrySet()) {
            SolrDocument doc = docs.get(e.getKey());
            if (doc != null) {
                out.add(SolrDocuments.passage(doc, e.getValue(), out.size() + 1, cards));
            }
        }
        return out;
    }

    /** BM25 over the terms of the text, as {@link LexicalTerms} makes them, or null when there are none. */
    private SolrQuery lexicalQuery(String text, SearchFilters filters) {
        List<LexicalTerms.Clause> clauses = terms.of(text);
        if (clauses.isEmpty()) {
            return null;
        }
        StringBuilder q = new StringBuilder();
        for (LexicalTerms.Clause c : clauses) {
            if (q.length() > 0) {
                q.append(' ');
            }
            q.append(c.field()).append(':').append(ClientUtils.escapeQueryChars(c.term()));
            if (c.boost() != 1f) {
                q.append('^').append(new BigDecimal(Float.toString(c.boost())).toPlainString());
            }
        }
        SolrQuery query = new SolrQuery(q.toString());
        query.set("defType", "lucene");
        query.set("q.op", "OR");
        SolrFilters.add(query, filters);
        return query;
    }

    /** The {@code topK} passages nearest to the vector on each shard, among those the filters allow. */
    private static SolrQuery knnQuery(float[] vector, int topK, SearchFilters filters) {
        StringBuilder v = new StringBuilder(vector.length * 12);
        v.append("{!knn f=")
                .append(SolrFields.VECTOR)
                .append(" topK=")
                .append(topK)
                .append("}[");
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                v.append(',');
            }
            v.append(vector[i]);
        }
        v.append(']');
        SolrQuery query = new SolrQuery(v.toString());
        SolrFilters.add(query, filters);
        return query;
    }

    /** {@code q} restricted to the passages of these ids. */
    private static SolrQuery onlyThese(SolrQuery q, Collection<String> ids) {
        SolrQuery copy = q.getCopy();
        copy.addFilterQuery(SolrFilters.anyOf(SolrFields.ID, ids));
        return copy;
    }

    private QueryResponse query(SolrQuery q, int rows, boolean wholePassages) throws IOException {
        SolrQuery copy = q.getCopy();
        copy.setRows(rows);
        // Equal scores in the embedded index's order: a library built whole holds its reports in id
        // order and each report's passages in text order (Lucene breaks ties by that order; Solr by
        // shard, which depends on where passages fall).
        copy.setSort(SolrQuery.SortClause.desc("score"));
        copy.addSort(SolrFields.REPORT_ID, SolrQuery.ORDER.asc);
        copy.addSort(SolrFields.START, SolrQuery.ORDER.asc);
        copy.setFields(wholePassages ? SolrFields.PASSAGE_FIELDS : SolrFields.ID + ",score");
        return solr.query(copy);
    }

    private static Map<String, Double> scores(QueryResponse r) {
        Map<String, Double> out = new HashMap<>();
        for (SolrDocument d : r.getResults()) {
            out.put(SolrDocuments.string(d, SolrFields.ID), score(d));
        }
        return out;
    }

    private static double score(SolrDocument d) {
        Object s = d.getFieldValue("score");
        return s instanceof Number n ? n.doubleValue() : 0.0;
    }

    private List<Passage> passages(QueryResponse r) {
        SolrDocumentList docs = r.getResults();
        List<Passage> out = new ArrayList<>(docs.size());
        for (SolrDocument d : docs) {
            out.add(SolrDocuments.passage(d, score(d), out.size() + 1, cards));
        }
        return out;
    }

    /** The stored passages of these ids, by id. */
    private Map<String, SolrDocument> documents(Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        SolrQuery q = new SolrQuery("*:*");
        q.addFilterQuery(SolrFilters.anyOf(SolrFields.ID, ids));
        Map<String, SolrDocument> out = new HashMap<>();
        for (SolrDocument d : query(q, ids.size(), true).getResults()) {
            out.put(SolrDocuments.string(d, SolrFields.ID), d);
        }
        return out;
    }

    @Override
    public Map<String, ReportCard> reports() {
        return cards;
    }

    @Override
    public Optional<Report> report(String id) throws IOException {
        if (!cards.containsKey(id)) {
            return Optional.empty();
        }
        Report r = whole.get(id, this::readReport);
        return Optional.ofNullable(r);
    }

    private Report readReport(String id) throws IOException {
        SolrQuery q = new SolrQuery("*:*");
        q.addFilterQuery(SolrFilters.anyOf(SolrFields.ID, List.of(SolrFields.reportDoc(id))));
        q.setFields(SolrFields.REPORT_JSON);
        q.setRows(1);
        SolrDocumentList docs = solr.query(q).getResults();
        if (docs.isEmpty()) {
            return null;
        }
        return JSON.readValue(SolrDocuments.string(docs.get(0), SolrFields.REPORT_JSON), Report.class);
    }

    @Override
    public List<Passage> passages(String reportId) throws IOException {
        SolrQuery q = new SolrQuery("*:*");
        q.addFilterQuery(SolrFields.TYPE + ":" + SolrFields.TYPE_PASSAGE);
        q.addFilterQuery(SolrFilters.anyOf(SolrFields.REPORT_ID, List.of(reportId)));
        ReportCard card = cards.get(reportId);
        int rows = card == null || card.passages() <= 0 ? MAX_REPORT_PASSAGES : card.passages();
        List<Passage> out = new ArrayList<>();
        for (SolrDocument d : query(q, rows, true).getResults()) {
            out.add(SolrDocuments.passage(d, 0, 0, cards));
        }
        out.sort(Comparator.comparingInt(Passage::start));
        return out;
    }

    /** How many passages are indexed, asked once: a count for health, which never waits for retries. */
    @Override
    public int passageCount() throws IOException {
        return (int) solr.countOnce(new SolrQuery(SolrFields.TYPE + ":" + SolrFields.TYPE_PASSAGE));
    }

    /** The cluster and collection as the cluster state says now; never throws. */
    public SolrHealth health() {
        return SolrHealth.of(solr);
    }

    @Override
    public void close() {
        solr.close();
    }
}
