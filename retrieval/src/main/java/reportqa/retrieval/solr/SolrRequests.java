package reportqa.retrieval.solr;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.BaseHttpSolrClient;
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
 * its own (a node going down under it, no leader yet) is tried again after a pause, on whichever
 * replica the cluster state then offers, while its time lasts (a query's: the target's request
 * timeout; an update's: {@link #UPDATE_BUDGET}); what still fails is a {@link SolrUnavailableException}.
 * A request a node refuses as bad (its own 4xx) is not retried.
 */
final class SolrRequests implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SolrRequests.class);

    /** Pauses before the retries: a leader is re-elected within a few seconds of a node's loss. */
    private static final long[] PAUSES_MS = {250, 1_000, 3_000};

    /** The longest an update or commit may take, retries included: a commit opens searchers on every replica. */
    static final Duration UPDATE_BUDGET = Duration.ofMinutes(2);

    /** The longest a merge of a whole build into one segment per shard may take (a graph rebuilt per shard). */
    static final Duration MERGE_BUDGET = Duration.ofMinutes(30);

    /** The longest health waits for the collection's count. */
    private static final Duration HEALTH_BUDGET = Duration.ofSeconds(3);

    private final JdkCloudSolrClient client;
    private final SolrCloudTarget target;
    /** Runs the queries {@link #queryAll} sends beside the caller's. */
    private final ExecutorService parallel = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "solr-query");
        t.setDaemon(true);
        return t;
    });
    /** Runs each request, so that a caller waits no longer than its budget whatever SolrJ waits for. */
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "solr-request");
        t.setDaemon(true);
        return t;
    });

    SolrRequests(JdkCloudSolrClient client, SolrCloudTarget target) {
        this.client = client;
        this.target = target;
    }

    SolrCloudTarget target() {
        return target;
    }

    /** Runs a query against the collection. */
    QueryResponse query(SolrQuery q) throws IOException {
        QueryRequest request = new QueryRequest(q, SolrRequest.METHOD.POST);
        return send("query", () -> request.process(client, target.collection()), target.requestTimeout(), true);
    }

    /**
     * Runs the queries at once (the first on this thread), each as {@link #query} runs one; the
     * answers in their order. The first failure is thrown once all have ended.
     */
    List<QueryResponse> queryAll(List<SolrQuery> qs) throws IOException {
        List<Future<QueryResponse>> others = new ArrayList<>();
        for (SolrQuery q : qs.subList(Math.min(1, qs.size()), qs.size())) {
            Long search = searchDeadline.get();
            others.add(parallel.submit(() -> {
                searchDeadline.set(search);
                try {
                    return query(q);
                } finally {
                    searchDeadline.remove();
                }
            }));
        }
        List<QueryResponse> out = new ArrayList<>(qs.size());
        IOException failed = null;
        try {
            if (!qs.isEmpty()) {
                out.add(query(qs.get(0)));
            }
        } catch (IOException e) {
            failed = e;
        }
        for (Future<QueryResponse> f : others) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                others.forEach(o -> o.cancel(true));
                Thread.currentThread().interrupt();
                throw new SolrUnavailableException("interrupted waiting for a query", e);
            } catch (ExecutionException e) {
                if (failed == null) {
                    failed = e.getCause() instanceof IOException io
                            ? io
                            : new IOException("a query failed", e.getCause());
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return out;
    }

    /** The collection's state as the cluster state says now, asked once: health never waits long. */
    SolrCollection.State stateNow() throws IOException {
        return send("cluster state", () -> SolrCollection.state(client, target.collection()), HEALTH_BUDGET, false);
    }

    /** Work done with the collection, as one search. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} as one search: all its queries share one budget, the target's request
     * timeout (a hybrid search sends up to five), so that a search ends within it whatever the
     * cluster does. Nested calls join the outer search's budget.
     */
    <T> T within(Work<T> work) throws IOException {
        if (searchDeadline.get() != null) {
            return work.run();
        }
        searchDeadline.set(System.nanoTime() + target.requestTimeout().toNanos());
        try {
            return work.run();
        } finally {
            searchDeadline.remove();
        }
    }

    /** The end of the search this thread runs ({@link #within}), or null. */
    private final ThreadLocal<Long> searchDeadline = new ThreadLocal<>();

    /** How many documents {@code q} matches, asked once (health: it says what is, now, and does not wait). */
    long countOnce(SolrQuery q) throws IOException {
        SolrQuery count = q.getCopy();
        count.setRows(0);
        QueryRequest request = new QueryRequest(count, SolrRequest.METHOD.POST);
        return send("count", () -> request.process(client, target.collection()), HEALTH_BUDGET, false)
                .getResults()
                .getNumFound();
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
        send("update", () -> update.process(client, target.collection()), UPDATE_BUDGET, true);
    }

    /**
     * Merges every shard's index into one segment, waiting until every replica searches it: kNN walks
     * a graph per segment and BM25 runs per segment, and a whole build leaves a dozen or more.
     */
    void optimize() throws IOException {
        send("merge", () -> client.optimize(target.collection(), true, true, 1), MERGE_BUDGET, false);
    }

    /** Commits, waiting until every replica searches the new commit. */
    void commit() throws IOException {
        send("commit", () -> client.commit(target.collection(), true, true), UPDATE_BUDGET, true);
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws SolrServerException, IOException;
    }

    /**
     * Runs {@code call}, trying again after a pause while {@code budget} lasts: the whole, retries
     * included, never takes longer (a cluster whose ZooKeeper is gone makes SolrJ wait for it
     * far longer than anyone waits for an answer).
     */
    private <T> T send(String what, Call<T> call, Duration budget, boolean retry) throws IOException {
        long deadline = System.nanoTime() + budget.toNanos();
        Long search = searchDeadline.get();
        if (search != null && retry) {
            // A search's requests share its one budget (see within).
            deadline = Math.min(deadline, search);
        }
        for (int attempt = 0; ; attempt++) {
            Future<T> running = calls.submit(call::run);
            Throwable failure;
            try {
                return running.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                running.cancel(true);
                // No cause: a TimeoutException among the causes reads to the web server as its own
                // idle timeout (Javalin answers 408 and drops the error).
                throw unavailable(what, "no answer within " + budget.toMillis() + " ms", null);
            } catch (InterruptedException e) {
                running.cancel(true);
                Thread.currentThread().interrupt();
                throw new SolrUnavailableException("interrupted waiting for a " + what, e);
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
            // Only a node's own 4xx refuses the request; SolrJ says 400 of itself, too, when it
            // cannot read the collection's state (ZooKeeper gone), which is the cluster's failing.
            if (failure instanceof BaseHttpSolrClient.RemoteSolrException r && r.code() >= 400 && r.code() < 500) {
                throw new SolrRefusedException(
                        "the collection " + target.collection() + " refused the " + what + ": " + r.getMessage(), r);
            }
            if (!(failure instanceof SolrException
                    || failure instanceof SolrServerException
                    || failure instanceof IOException)) {
                if (failure instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("a Solr " + what + " failed", failure);
            }
            long pause = attempt < PAUSES_MS.length ? PAUSES_MS[attempt] : -1;
            if (!retry || pause < 0 || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) >= deadline) {
                throw unavailable(what, failure.getMessage(), failure);
            }
            LOG.warn("{} on {} failed ({}), trying again", what, target.collection(), failure.getMessage());
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SolrUnavailableException("interrupted waiting to retry a " + what, e);
            }
        }
    }

    private SolrUnavailableException unavailable(String what, String why, Throwable cause) {
        return new SolrUnavailableException(
                "the SolrCloud collection " + target.collection() + " at " + target.where() + " did not answer a "
                        + what + ": " + why,
                cause);
    }

    @Override
    public void close() {
        calls.shutdownNow();
        parallel.shutdownNow();
        client.close();
    }
}
