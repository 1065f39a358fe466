package reportqa.retrieval.solr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import reportqa.retrieval.chunk.Chunk;
import reportqa.retrieval.index.CorpusIndexer;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.index.IndexStore;
import reportqa.retrieval.report.Report;

/**
 * The library written to a SolrCloud collection through SolrJ's cloud client: documents go to
 * their shards' leaders and are replicated from there. An update ends with one commit that opens
 * new searchers on every replica; until then searches see the collection as the last update left
 * it (the configset opens no searcher on a timer).
 *
 * <p>Unlike the embedded index, an update stopped half-way cannot be rolled back: Solr's timed hard
 * commits make what was sent durable, and the next commit shows it. The next update compares every
 * report's hash again and writes what differs, so the collection ends up as the folder is.
 */
final class SolrIndexStore implements IndexStore {

    /** Report documents read per page when an update lists what is indexed. */
    private static final int PAGE = 1_000;

    /** Documents sent in one request (about 3 MB: a passage's vector is 2 KB, its text about 1 KB). */
    private static final int BATCH = 1_000;

    private final SolrRequests solr;
    private final SolrDocuments documents;

    /**
     * @param corpus the corpus folder this process keeps the collection up to date with (recorded
     *     with each commit; see {@link #checkOwner})
     */
    SolrIndexStore(SolrRequests solr, IndexSettings settings, String corpus) {
        this.solr = solr;
        this.documents = new SolrDocuments(settings.analysis());
        this.settings = settings;
        this.corpus = corpus;
    }

    private final IndexSettings settings;
    private final String corpus;

    /** What the last commit recorded of how and from where the collection was built. */
    private record Recorded(String fingerprint, String corpus) {}

    private Recorded recorded() throws IOException {
        SolrQuery q = new SolrQuery("*:*");
        q.addFilterQuery(SolrFilters.anyOf(SolrFields.ID, List.of(SolrFields.SETTINGS_DOC)));
        q.setFields(SolrFields.SETTINGS, SolrFields.CORPUS);
        q.setRows(1);
        List<SolrDocument> docs = solr.query(q).getResults();
        return docs.isEmpty()
                ? null
                : new Recorded(
                        SolrDocuments.string(docs.get(0), SolrFields.SETTINGS),
                        SolrDocuments.string(docs.get(0), SolrFields.CORPUS));
    }

    @Override
    public String builtWith() throws IOException {
        Recorded r = recorded();
        return r == null ? null : r.fingerprint();
    }

    /**
     * Refuses a collection that holds another library: built from another corpus folder, or with
     * other settings. The embedded index is one process's own and is rebuilt when its settings
     * change; a collection may be shared by many processes, and one run with another folder (an
     * evaluation) or other settings (another version, another chunk size) would otherwise delete
     * what the others serve. A collection with no record yet (new, or a first build that never
     * committed) is built.
     */
    void checkOwner() throws IOException {
        Recorded r = recorded();
        if (r == null) {
            return;
        }
        String name = solr.target().collection();
        if (r.corpus() != null && !r.corpus().equals(corpus)) {
            throw new SolrRefusedException(
                    "collection " + name + " holds the library of the corpus folder " + r.corpus() + ", not of "
                            + corpus + ": name another collection (solr.collection) for this folder",
                    null);
        }
        if (!settings.fingerprint().equals(r.fingerprint())) {
            throw new SolrRefusedException(
                    "collection " + name + " was built with other settings (" + r.fingerprint() + "; these: "
                            + settings.fingerprint() + "), by another version of ReportQA or with other"
                            + " chunking, analysis or embedding model: it is not rebuilt under the processes"
                            + " that serve it. Delete it (or name a new one, solr.collection) to build it with"
                            + " these settings",
                    null);
        }
    }

    @Override
    public Update begin() {
        return new Writing();
    }

    @Override
    public String toString() {
        return "SolrCloud collection " + solr.target().collection() + " at "
                + solr.target().where();
    }

    private final class Writing implements Update {

        /** Documents not yet sent: sent a batch at a time, not a request per report. */
        private final List<SolrInputDocument> pending = new ArrayList<>();
        /** The reports whose documents are pending. */
        private final Set<String> pendingReports = new LinkedHashSet<>();

        @Override
        public Map<String, String> indexed(CorpusIndexer.Indexed known) throws IOException {
            Map<String, String> out = new HashMap<>();
            SolrQuery q = new SolrQuery(SolrFields.TYPE + ":" + SolrFields.TYPE_REPORT);
            q.setFields(SolrFields.REPORT_ID, SolrFields.SOURCE_HASH);
            solr.forEach(
                    q,
                    PAGE,
                    d -> out.put(
                            SolrDocuments.string(d, SolrFields.REPORT_ID),
                            SolrDocuments.string(d, SolrFields.SOURCE_HASH)));
            return out;
        }

        @Override
        public void deleteAll() throws IOException {
            pending.clear();
            pendingReports.clear();
            solr.update(new UpdateRequest().deleteByQuery("*:*"));
        }

        @Override
        public void replace(Report report, String sourceHash, List<Chunk> chunks, List<float[]> vectors)
                throws IOException {
            pending.addAll(documents.of(report, sourceHash, chunks, vectors));
            pendingReports.add(report.id());
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        @Override
        public void delete(String reportId) throws IOException {
            solr.update(new UpdateRequest().deleteByQuery(SolrFilters.anyOf(SolrFields.REPORT_ID, List.of(reportId))));
        }

        @Override
        public void commit(IndexResult result, String fingerprint) throws IOException {
            flush();
            if (result.modified() || !fingerprint.equals(builtWith())) {
                UpdateRequest settings = new UpdateRequest();
                settings.add(SolrDocuments.settings(fingerprint, corpus));
                solr.update(settings);
                solr.commit();
                if (result.rebuilt() && result.passagesWritten() > 0) {
                    // As the embedded index does after a whole build (and for the same reason): a
                    // dozen segments or more per shard, each searched on its own (333,920 passages
                    // on 2 shards: 16-17 segments each).
                    solr.optimize();
                }
            }
        }

        /**
         * Sends the pending documents, their reports' documents deleted first: a report's new text may
         * have fewer passages than its old one, and a report new to the last commit may still have
         * documents an update stopped half-way left (sent, made durable by a timed hard commit, not
         * yet visible). The delete goes in a request of its own, before the adds: SolrJ's cloud client
         * sends a request's adds to their shards before a delete-by-query that goes to every shard,
         * which would delete them. One delete per batch, not per report: each costs every shard a search.
         */
        private void flush() throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            solr.update(new UpdateRequest().deleteByQuery(SolrFilters.anyOf(SolrFields.REPORT_ID, pendingReports)));
            UpdateRequest add = new UpdateRequest();
            add.add(new ArrayList<>(pending));
            solr.update(add);
            // Cleared once sent: a failure ends the update (CorpusIndexer), and the next compares
            // every report again.
            pending.clear();
            pendingReports.clear();
        }

        @Override
        public void close() {
            // What was not committed is left to the next update, which compares every report again.
            pending.clear();
            pendingReports.clear();
        }
    }
}
