package reportqa.retrieval.solr;

import java.nio.file.Path;
import org.apache.solr.cloud.MiniSolrCloudCluster;

/**
 * A real SolrCloud cluster in the test's process: Solr's own {@link MiniSolrCloudCluster} (nodes on
 * Jetty, an embedded ZooKeeper), started in a temp folder and shut down with the test class.
 */
final class TestSolrCloud implements AutoCloseable {

    private final MiniSolrCloudCluster cluster;

    private TestSolrCloud(MiniSolrCloudCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts {@code nodes} nodes with their ZooKeeper under {@code dir}. */
    static TestSolrCloud start(int nodes, Path dir) throws Exception {
        System.setProperty("zookeeper.admin.enableServer", "false");
        return new TestSolrCloud(new MiniSolrCloudCluster.Builder(nodes, dir).build());
    }

    MiniSolrCloudCluster cluster() {
        return cluster;
    }

    /** The ZooKeeper address of the cluster, as a user would give it. */
    String zkHost() {
        return cluster.getZkServer().getZkAddress();
    }

    @Override
    public void close() throws Exception {
        cluster.shutdown();
    }
}
