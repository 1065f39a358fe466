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
import org.apache.solr.client.solrj.util.ClientUtils;
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

    SolrIndexStore(SolrRequests solr, IndexSettings settings) {
        this.solr = solr;
        this.documents = new SolrDocuments(settings.analysis());
    }

    @Override
    public String builtWith() throws IOException {
        SolrQuery q = new SolrQuery(SolrFields.ID + ":" + ClientUtils.escapeQueryChars(SolrFields.SETTINGS_DOC));
        q.setFields(SolrFields.SETTINGS);
        q.setRows(1);
        List<SolrDocument> docs = solr.query(q).getResults();
        return docs.isEmpty() ? null : SolrDocuments.string(docs.get(0), SolrFields.SETTINGS);
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
            solr.update(new UpdateRequest()
                    .deleteByQuery(SolrFields.REPORT_ID + ":" + ClientUtils.escapeQueryChars(reportId)));
        }

        @Override
        public void commit(IndexResult result, String fingerprint) throws IOException {
            flush();
            if (result.modified() || !fingerprint.equals(builtWith())) {
                UpdateRequest settings = new UpdateRequest();
                settings.add(SolrDocuments.settings(fingerprint));
                solr.update(settings);
                solr.commit();
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
            pending.clear();
            pendingReports.clear();
            solr.update(add);
        }

        @Override
        public void close() {
            // What was not committed is left to the next update, which compares every report again.
            pending.clear();
            pendingReports.clear();
        }
    }
}
