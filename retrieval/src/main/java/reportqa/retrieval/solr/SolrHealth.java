package reportqa.retrieval.solr;

import java.io.IOException;
import java.util.List;

/**
 * The SolrCloud cluster as the library sees it, for health: reachable or not, its live nodes, and
 * the collection's shards and replicas. {@code ok} when every shard has an active leader and every
 * replica is active; {@code degraded} when every shard can still be searched (an active replica) but
 * some replica is not active or some shard has no leader yet (its updates wait for one); {@code
 * down} when a shard has no active replica or the cluster cannot be reached.
 *
 * @param status ok, degraded or down
 * @param where the ZooKeeper address or node URLs
 * @param collection the collection's name
 * @param liveNodes the cluster's live nodes
 * @param shards the collection's shards
 * @param shardsWithLeader shards with an active leader on a live node
 * @param shardsServing shards with an active replica on a live node
 * @param replicas the collection's replicas
 * @param activeReplicas replicas active on a live node
 * @param problem what is wrong, or "" when nothing is
 */
public record SolrHealth(
        String status,
        String where,
        String collection,
        List<String> liveNodes,
        int shards,
        int shardsWithLeader,
        int shardsServing,
        int replicas,
        int activeReplicas,
        String problem) {

    public SolrHealth {
        liveNodes = List.copyOf(liveNodes);
    }

    /** Whether every shard can answer. */
    public boolean serving() {
        return !"down".equals(status);
    }

    static SolrHealth of(SolrRequests solr) {
        SolrCloudTarget t = solr.target();
        SolrCollection.State s;
        try {
            s = solr.stateNow();
        } catch (IOException | RuntimeException e) {
            // Whatever SolrJ throws when ZooKeeper or every node is gone, health says it and goes on.
            return new SolrHealth(
                    "down",
                    t.where(),
                    t.collection(),
                    List.of(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    "the cluster cannot be reached: " + e.getMessage());
        }
        String status;
        String problem;
        if (s.shards() == 0) {
            status = "down";
            problem = "the collection has no active shard";
        } else if (s.shardsServing() < s.shards()) {
            status = "down";
            problem = (s.shards() - s.shardsServing()) + " of " + s.shards() + " shards have no active replica";
        } else if (s.activeReplicas() < s.replicas() || s.shardsWithLeader() < s.shards()) {
            status = "degraded";
            List<String> said = new java.util.ArrayList<>();
            if (s.activeReplicas() < s.replicas()) {
                said.add((s.replicas() - s.activeReplicas()) + " of " + s.replicas() + " replicas are not active");
            }
            if (s.shardsWithLeader() < s.shards()) {
                said.add((s.shards() - s.shardsWithLeader()) + " of " + s.shards()
                        + " shards have no leader yet (their updates wait)");
            }
            problem = String.join("; ", said);
        } else {
            status = "ok";
            problem = "";
        }
        return new SolrHealth(
                status,
                t.where(),
                t.collection(),
                s.liveNodes(),
                s.shards(),
                s.shardsWithLeader(),
                s.shardsServing(),
                s.replicas(),
                s.activeReplicas(),
                problem);
    }
}
