package reportqa.retrieval.solr;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger LOG = LoggerFactory.getLogger(SolrSearchBackend.class);

    /**
     * The least {@code topK} of a kNN query: HNSW's search keeps this many candidates on its way
     * through the graph, and a short list misses neighbours a longer one finds.
     */
    static final int KNN_WIDTH = 200;

    private static final ObjectMapper JSON = Json.mapper();

    private final SolrRequests solr;
    private final Embedder embedder;
    private final LexicalTerms terms;
    private final HybridOptions hybrid;
    private volatile Map<String, ReportCard> cards = Map.of();
    private volatile Memo<String, Report> whole = new Memo<>(64);
    private final ScheduledExecutorService refreshing = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "solr-cards");
        t.setDaemon(true);
        return t;
    });

    SolrSearchBackend(SolrRequests solr, Embedder embedder, LexicalTerms terms, HybridOptions hybrid)
            throws IOException {
        this.solr = solr;
        this.embedder = embedder;
        this.terms = terms;
        this.hybrid = hybrid;
        refresh();
        refreshing.scheduleWithFixedDelay(
                this::refreshQuietly, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reads the report cards again: after an update, so that searches cite the reports as now
     * indexed, and every {@link #REFRESH} (other processes update the collection too).
     */
    public void refresh() throws IOException {
        Map<String, ReportCard> loaded = new TreeMap<>();
        readCards(SolrFields.TYPE + ":" + SolrFields.TYPE_REPORT, loaded);
        cards = Collections.unmodifiableMap(loaded);
        whole = new Memo<>(64);
    }

    /** How often the cards are read again while the backend is open. */
    static final Duration REFRESH = Duration.ofSeconds(60);

    private void refreshQuietly() {
        try {
            refresh();
        } catch (IOException | RuntimeException e) {
            // The cards read before still serve; the next refresh tries again.
            LOG.warn(
                    "the report cards of collection {} could not be read again: {}",
                    solr.target().collection(),
                    e.getMessage());
        }
    }

    /** Adds to {@code into} the card of every report document {@code q} matches. */
    private void readCards(String q, Map<String, ReportCard> into) throws IOException {
        SolrQuery query = new SolrQuery(q);
        query.setFields(SolrFields.REPORT_CARD);
        List<IOException> bad = new ArrayList<>();
        solr.forEach(query, 1_000, d -> {
            try {
                ReportCard card = JSON.readValue(SolrDocuments.string(d, SolrFields.REPORT_CARD), ReportCard.class);
                into.put(card.id(), card);
            } catch (IOException e) {
                bad.add(e);
            }
        });
        if (!bad.isEmpty()) {
            throw new IOException(
                    "a report card in collection " + solr.target().collection() + " cannot be read", bad.get(0));
        }
    }

    /**
     * The cards, with those of the reports of these passages read now if they are not known yet (a
     * report another process added since the last refresh): a passage is never cited without its
     * broker and date.
     */
    private Map<String, ReportCard> cardsFor(Collection<SolrDocument> passages) throws IOException {
        Map<String, ReportCard> known = cards;
        Set<String> missing = new TreeSet<>();
        for (SolrDocument d : passages) {
            String id = SolrDocuments.string(d, SolrFields.REPORT_ID);
            if (id != null && !known.containsKey(id)) {
                missing.add(SolrFields.reportDoc(id));
            }
        }
        if (missing.isEmpty()) {
            return known;
        }
        synchronized (this) {
            Map<String, ReportCard> more = new TreeMap<>(cards);
            readCards(SolrFilters.anyOf(SolrFields.ID, missing), more);
            cards = Collections.unmodifiableMap(more);
            return cards;
        }
    }

    @Override
    public List<Passage> search(String text, SearchMode mode, SearchFilters filters, int k) throws IOException {
        return solr.within(() -> searchWithin(text, mode, filters, k));
    }

    private List<Passage> searchWithin(String text, SearchMode mode, SearchFilters filters, int k) throws IOException {
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
        // The two retrievers at once, then the scores each did not give at once: two round trips
        // to the cluster where one after another would be four.
        SolrQuery knn = knnQuery(vector, Math.max(n, KNN_WIDTH), filters);
        List<QueryResponse> first = solr.queryAll(
                lexicalQuery == null
                        ? List.of(prepared(knn, n, false))
                        : List.of(prepared(knn, n, false), prepared(lexicalQuery, n, false)));
        Map<String, Double> den = scores(first.get(0));
        Map<String, Double> lex = lexicalQuery == null ? new HashMap<>() : scores(first.get(1));
        if (lex.isEmpty() && den.isEmpty()) {
            return List.of();
        }
        // Every candidate scored by both retrievers: a dense candidate BM25 did not propose is scored
        // for BM25 (if it matches a term at all), and a BM25 candidate gets its similarity.
        List<String> lexMissing =
                den.keySet().stream().filter(id -> !lex.containsKey(id)).toList();
        List<String> denMissing =
                lex.keySet().stream().filter(id -> !den.containsKey(id)).toList();
        List<SolrQuery> missing = new ArrayList<>(2);
        if (!denMissing.isEmpty()) {
            SolrQuery exact = onlyThese(knnQuery(vector, denMissing.size(), filters), denMissing);
            missing.add(prepared(exact, denMissing.size(), false));
        }
        boolean lexicalMissing = lexicalQuery != null && !lexMissing.isEmpty();
        if (lexicalMissing) {
            missing.add(prepared(onlyThese(lexicalQuery, lexMissing), lexMissing.size(), false));
        }
        List<QueryResponse> second = solr.queryAll(missing);
        if (!denMissing.isEmpty()) {
            den.putAll(scores(second.get(0)));
        }
        if (lexicalMissing) {
            lex.putAll(scores(second.get(second.size() - 1)));
        }
        // HybridFusion ranks documents by number, ties by the lower: passages numbered in the
        // embedded index's order (a library built whole: reports by id, passages in text order).
        TreeSet<String> union = new TreeSet<>(SolrSearchBackend::inIndexOrder);
        union.addAll(lex.keySet());
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
        Map<String, ReportCard> known = cardsFor(docs.values());
        List<Passage> out = new ArrayList<>(order.size());
        for (Map.Entry<String, Double> e : order.entrySet()) {
            SolrDocument doc = docs.get(e.getKey());
            if (doc != null) {
                out.add(SolrDocuments.passage(doc, e.getValue(), out.size() + 1, known));
            }
        }
        return out;
    }

    /** Passage ids ({@code report#ordinal}) by report id, then by ordinal as a number ({@code r#2} before {@code r#10}). */
    static int inIndexOrder(String a, String b) {
        int ha = a.lastIndexOf('#');
        int hb = b.lastIndexOf('#');
        if (ha < 0 || hb < 0) {
            return a.compareTo(b);
        }
        int byReport = a.substring(0, ha).compareTo(b.substring(0, hb));
        if (byReport != 0) {
            return byReport;
        }
        try {
            return Integer.compare(Integer.parseInt(a.substring(ha + 1)), Integer.parseInt(b.substring(hb + 1)));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
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
        return solr.query(prepared(q, rows, wholePassages));
    }

    /** {@code q} asking for {@code rows} passages, best first, with their stored fields or their ids and scores alone. */
    private static SolrQuery prepared(SolrQuery q, int rows, boolean wholePassages) {
        SolrQuery copy = q.getCopy();
        copy.setRows(rows);
        // Equal scores in the embedded index's order: a library built whole holds its reports in id
        // order and each report's passages in text order (Lucene breaks ties by that order; Solr by
        // shard, which depends on where passages fall).
        copy.setSort(SolrQuery.SortClause.desc("score"));
        copy.addSort(SolrFields.REPORT_ID, SolrQuery.ORDER.asc);
        copy.addSort(SolrFields.START, SolrQuery.ORDER.asc);
        copy.setFields(wholePassages ? SolrFields.PASSAGE_FIELDS : SolrFields.ID + ",score");
        return copy;
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

    private List<Passage> passages(QueryResponse r) throws IOException {
        SolrDocumentList docs = r.getResults();
        Map<String, ReportCard> known = cardsFor(docs);
        List<Passage> out = new ArrayList<>(docs.size());
        for (SolrDocument d : docs) {
            out.add(SolrDocuments.passage(d, score(d), out.size() + 1, known));
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
        // Read whether or not its card is known yet: another process may have added it since the
        // last refresh. Only a report found is kept (one removed since is not found).
        if (!cards.containsKey(id)) {
            return Optional.ofNullable(readReport(id));
        }
        try {
            return Optional.of(whole.get(id, key -> {
                Report r = readReport(key);
                if (r == null) {
                    throw new Removed();
                }
                return r;
            }));
        } catch (Removed e) {
            return Optional.empty();
        }
    }

    /** A report whose card is known was not found: removed since the cards were read. */
    private static final class Removed extends RuntimeException {
        Removed() {
            super(null, null, false, false);
        }
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
        q.setFields(SolrFields.PASSAGE_FIELDS);
        // A page at a time, however many it has (its card may be older than the collection).
        List<SolrDocument> docs = new ArrayList<>();
        solr.forEach(q, 1_000, docs::add);
        Map<String, ReportCard> known = cardsFor(docs);
        List<Passage> out = new ArrayList<>(docs.size());
        for (SolrDocument d : docs) {
            out.add(SolrDocuments.passage(d, 0, 0, known));
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
        refreshing.shutdownNow();
        solr.close();
    }
}
