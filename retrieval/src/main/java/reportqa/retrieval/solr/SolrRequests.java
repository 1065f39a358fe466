package reportqa.retrieval.solr;

import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.CursorMarkParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests ReportQA sends to its collection, in one place: queries (POST: a question's vector
 * alone is about 6 KB of text), updates, the commit. A request the cluster fails with an error of
 * its own (a node going down under it, no leader yet) is tried once more after a pause, on whichever
 * replica the cluster state then offers; what still fails is a {@link SolrUnavailableException}.
 * A request the cluster refuses as bad (4xx) is not retried.
 */
final class SolrRequests implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SolrRequests.class);

    /** Pauses before the retries: a leader is re-elected within a few seconds of a node's loss. */
    private static final long[] PAUSES_MS = {250, 1_000, 3_000};

    private final JdkCloudSolrClient client;
    private final SolrCloudTarget target;

    SolrRequests(JdkCloudSolrClient client, SolrCloudTarget target) {
        this.client = client;
        this.target = target;
    }

    SolrCloudTarget target() {
        return target;
    }

    JdkCloudSolrClient client() {
        return client;
    }

    /** Runs a query against the collection. */
    QueryResponse query(SolrQuery q) throws IOException {
        QueryRequest request = new QueryRequest(q, SolrRequest.METHOD.POST);
        return send("query", () -> request.process(client, target.collection()));
    }

    /** Every document {@code q} matches, a page at a time (a cursor: the order by the unique key). */
    void forEach(SolrQuery q, int page, Consumer<SolrDocument> each) throws IOException {
        SolrQuery paged = q.getCopy();
        paged.setRows(page);
        paged.setSort(SolrFields.ID, SolrQuery.ORDER.asc);
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        while (true) {
            paged.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse r = query(paged);
            r.getResults().forEach(each);
            String next = r.getNextCursorMark();
            if (next == null || next.equals(cursor)) {
                return;
            }
            cursor = next;
        }
    }

    /** Sends an update (not yet committed). */
    void update(UpdateRequest update) throws IOException {
        send("update", () -> update.process(client, target.collection()));
    }

    /** Commits, waiting until every replica searches the new commit. */
    void commit() throws IOException {
        send("commit", () -> client.commit(target.collection(), true, true));
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws SolrServerException, IOException;
    }

    private <T> T send(String what, Call<T> call) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.run();
            } catch (SolrException e) {
                if (e.code() >= 400 && e.code() < 500) {
                    throw new SolrRefusedException(
                            "the collection " + target.collection() + " refused the " + what + ": " + e.getMessage(),
                            e);
                }
                if (attempt == PAUSES_MS.length) {
                    throw unavailable(what, e);
                }
                LOG.warn("{} on {} failed ({}), trying again", what, target.collection(), e.getMessage());
            } catch (SolrServerException | IOException e) {
                if (attempt == PAUSES_MS.length) {
                    throw unavailable(what, e);
                }
                LOG.warn("{} on {} failed ({}), trying again", what, target.collection(), e.toString());
            }
            try {
                Thread.sleep(PAUSES_MS[attempt]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SolrUnavailableException("interrupted waiting to retry a " + what, e);
            }
        }
    }

    private SolrUnavailableException unavailable(String what, Exception e) {
        return new SolrUnavailableException(
                "the SolrCloud collection " + target.collection() + " at " + target.where() + " did not answer a "
                        + what + ": " + e.getMessage(),
                e);
    }

    @Override
    public void close() {
        client.close();
    }
}
