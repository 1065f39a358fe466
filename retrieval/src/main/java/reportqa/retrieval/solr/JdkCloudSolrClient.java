package reportqa.retrieval.solr;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.BaseHttpClusterStateProvider;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.ClusterStateProvider;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.impl.LBSolrClient;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;

/**
 * SolrJ's cloud client (routing to shard leaders, retries on another replica, cluster state from
 * ZooKeeper or from the nodes) over the JDK's own HTTP client. SolrJ's usual cloud client talks
 * through Jetty 10, which cannot share a class path with the Jetty 12 the server runs on; SolrJ's
 * {@link HttpJdkSolrClient} needs neither, and this class plugs it into {@link CloudSolrClient}'s
 * two seams: the load balancer's client per node and the cluster state provider.
 */
final class JdkCloudSolrClient extends CloudSolrClient {

    private final ClusterStateProvider state;
    private final Balancer balancer;

    private JdkCloudSolrClient(ClusterStateProvider state, Balancer balancer) {
        // Updates go to shard leaders, in parallel per shard; queries to any replica.
        super(true, true, false);
        this.state = state;
        this.balancer = balancer;
    }

    /** A client of the cluster {@code target} names, connected (its state read) before it is returned. */
    static JdkCloudSolrClient connect(SolrCloudTarget target) throws IOException {
        // A request's HTTP exchange may take as long as the longest request may (a merge of a whole
        // build); each request is held to its own, shorter time by SolrRequests.
        Timeouts timeouts = new Timeouts(target.connectTimeout(), SolrRequests.MERGE_BUDGET);
        ClusterStateProvider state;
        if (!target.zkHost().isEmpty()) {
            ZkClientClusterStateProvider zk = new ZkClientClusterStateProvider(target.zkHost());
            zk.setZkConnectTimeout((int) target.connectTimeout().toMillis());
            // The ZooKeeper session: lost after this long without a heartbeat (ZooKeeper's own advice
            // for clients is 10–30 s; shorter sessions expire under a long GC pause).
            zk.setZkClientTimeout(15_000);
            state = zk;
        } else {
            try {
                state = new NodesStateProvider(target.urls(), timeouts);
            } catch (Exception e) {
                throw new SolrUnavailableException("no Solr node of " + target.urls() + " answered: " + e, e);
            }
        }
        JdkCloudSolrClient client = new JdkCloudSolrClient(state, new Balancer(timeouts));
        try {
            state.connect();
        } catch (RuntimeException e) {
            client.close();
            throw new SolrUnavailableException("cannot reach the Solr cluster at " + target.where() + ": " + e, e);
        }
        return client;
    }

    @Override
    protected LBSolrClient getLbClient() {
        return balancer;
    }

    @Override
    public ClusterStateProvider getClusterStateProvider() {
        return state;
    }

    @Override
    public void close() {
        try {
            state.close();
        } catch (IOException | RuntimeException e) {
            // Closing: the ZooKeeper session ends with the process anyway; the nodes' clients still close.
            org.slf4j.LoggerFactory.getLogger(JdkCloudSolrClient.class).debug("closing the cluster state", e);
        }
        balancer.close();
        try {
            super.close();
        } catch (IOException e) {
            // Only its thread pool's shutdown, which does not throw this: nothing is left open.
            org.slf4j.LoggerFactory.getLogger(JdkCloudSolrClient.class).debug("closing the cloud client", e);
        }
    }

    /** How long to wait for a connection and for an answer. */
    record Timeouts(Duration connect, Duration request) {

        HttpJdkSolrClient client(Optional<String> baseUrl) {
            HttpJdkSolrClient.Builder b =
                    baseUrl.map(HttpJdkSolrClient.Builder::new).orElseGet(HttpJdkSolrClient.Builder::new);
            // HTTP/1.1: the JDK client's HTTP/2 upgrade on a plain connection is refused by Solr's
            // Jetty with an error logged for every request.
            return b.useHttp1_1(true)
                    .withConnectionTimeout(connect.toMillis(), TimeUnit.MILLISECONDS)
                    .withRequestTimeout(request.toMillis(), TimeUnit.MILLISECONDS)
                    .withIdleTimeout(request.toMillis(), TimeUnit.MILLISECONDS)
                    .build();
        }
    }

    /** The load balancer's clients: one JDK client per node, kept. */
    private static final class Balancer extends LBSolrClient {

        private final Timeouts timeouts;
        private final Map<String, HttpJdkSolrClient> byNode = new ConcurrentHashMap<>();

        Balancer(Timeouts timeouts) {
            super(List.of());
            this.timeouts = timeouts;
        }

        @Override
        protected SolrClient getClient(String baseUrl) {
            return byNode.computeIfAbsent(baseUrl, url -> timeouts.client(Optional.of(url)));
        }

        @Override
        protected SolrClient getClient(Endpoint endpoint) {
            return getClient(endpoint.getBaseUrl());
        }

        @Override
        public void close() {
            for (HttpJdkSolrClient c : byNode.values()) {
                try {
                    c.close();
                } catch (IOException e) {
                    org.slf4j.LoggerFactory.getLogger(JdkCloudSolrClient.class).debug("closing a node's client", e);
                }
            }
            byNode.clear();
            super.close();
        }
    }

    /** The cluster's state asked of its nodes (no ZooKeeper address given: {@code solr.urls}). */
    private static final class NodesStateProvider extends BaseHttpClusterStateProvider {

        private final Timeouts timeouts;

        NodesStateProvider(List<String> urls, Timeouts timeouts) throws Exception {
            this.timeouts = timeouts;
            initConfiguredNodes(urls);
        }

        @Override
        protected SolrClient getSolrClient(String baseUrl) {
            return timeouts.client(Optional.of(baseUrl));
        }
    }
}
