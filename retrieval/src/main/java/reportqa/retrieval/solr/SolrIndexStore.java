package reportqa.retrieval.solr;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
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
            solr.update(new UpdateRequest().deleteByQuery("*:*"));
        }

        @Override
        public void replace(Report report, String sourceHash, List<Chunk> chunks, List<float[]> vectors)
                throws IOException {
            // Two requests, the delete first: SolrJ's cloud client sends a request's adds to their
            // shards before the delete-by-query that goes to every shard, which would delete them.
            // Searches see neither until the commit.
            delete(report.id());
            UpdateRequest add = new UpdateRequest();
            add.add(documents.of(report, sourceHash, chunks, vectors));
            solr.update(add);
        }

        @Override
        public void delete(String reportId) throws IOException {
            solr.update(new UpdateRequest()
                    .deleteByQuery(SolrFields.REPORT_ID + ":" + ClientUtils.escapeQueryChars(reportId)));
        }

        @Override
        public void commit(IndexResult result, String fingerprint) throws IOException {
            if (result.modified() || !fingerprint.equals(builtWith())) {
                UpdateRequest settings = new UpdateRequest();
                settings.add(SolrDocuments.settings(fingerprint));
                solr.update(settings);
                solr.commit();
            }
        }

        @Override
        public void close() {
            // Nothing is held between requests.
        }
    }
}
