package reportqa.retrieval.solr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.common.util.ContentStreamBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's collection on the cluster: made, with ReportQA's configset (shipped in the jar and
 * uploaded when the cluster lacks it), when it is missing; checked to have ReportQA's fields when it
 * is there; and its state, for health.
 */
final class SolrCollection {

    private static final Logger LOG = LoggerFactory.getLogger(SolrCollection.class);

    /**
     * The configset's name on the cluster. Its number changes with the schema, so that a cluster
     * keeps the configset collections made earlier were made with.
     */
    static final String CONFIGSET = "reportqa-1";

    /** The vector field's dimension as the configset file says it; replaced by the model's own on upload. */
    private static final String DIMENSION = "vectorDimension=\"512\"";

    private static final String RESOURCES = "/reportqa/retrieval/solr/configset/";
    private static final List<String> CONFIGSET_FILES = List.of("schema.xml", "solrconfig.xml");

    /** Fields a collection must have to hold a library: what ReportQA writes and reads. */
    private static final Set<String> REQUIRED_FIELDS = Set.of(
            SolrFields.ID,
            SolrFields.TYPE,
            SolrFields.REPORT_ID,
            SolrFields.PASSAGE_ID,
            SolrFields.TEXT,
            SolrFields.VECTOR,
            SolrFields.REPORT_CARD,
            SolrFields.REPORT_JSON,
            SolrFields.SOURCE_HASH,
            SolrFields.SETTINGS);

    private SolrCollection() {}

    /** Makes the collection {@code target} names if it is missing, else checks it; waits until every shard has a leader. */
    static void ensure(JdkCloudSolrClient client, SolrCloudTarget target, int dimension) throws IOException {
        try {
            List<String> collections = CollectionAdminRequest.listCollections(client);
            if (!collections.contains(target.collection())) {
                create(client, target, dimension);
            } else {
                checkFields(client, target.collection());
            }
            awaitLeaders(client, target);
        } catch (SolrServerException | SolrException e) {
            throw new SolrUnavailableException(
                    "cannot prepare collection " + target.collection() + " on " + target.where() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static void create(JdkCloudSolrClient client, SolrCloudTarget target, int dimension)
            throws IOException, SolrServerException {
        String name = configsetName(dimension);
        List<String> configsets =
                new ConfigSetAdminRequest.List().process(client).getConfigSets();
        if (configsets == null || !configsets.contains(name)) {
            ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload()
                    .setConfigSetName(name)
                    .setUploadStream(new ContentStreamBase.ByteArrayStream(
                            configsetZip(dimension), name + ".zip", "application/zip"));
            upload.process(client);
            LOG.info("uploaded configset {} to {}", name, target.where());
        }
        CollectionAdminRequest.createCollection(target.collection(), name, target.shards(), target.replicas())
                .process(client);
        LOG.info(
                "created collection {} on {}: {} shards × {} replicas",
                target.collection(),
                target.where(),
                target.shards(),
                target.replicas());
    }

    /** The configset's name for vectors of this dimension: 512 (bge-small-zh) is {@link #CONFIGSET}. */
    static String configsetName(int dimension) {
        return dimension == 512 ? CONFIGSET : CONFIGSET + "-d" + dimension;
    }

    /**
     * The configset as the zip Solr's configset API takes: its files at the zip's root, the vector
     * field of the given dimension.
     */
    static byte[] configsetZip(int dimension) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : CONFIGSET_FILES) {
                try (InputStream in = SolrCollection.class.getResourceAsStream(RESOURCES + name)) {
                    if (in == null) {
                        throw new IOException("the jar lacks the configset file " + name);
                    }
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (name.equals("schema.xml")) {
                        if (!text.contains(DIMENSION)) {
                            throw new IOException("the configset's schema does not say " + DIMENSION);
                        }
                        text = text.replace(DIMENSION, "vectorDimension=\"" + dimension + "\"");
                    }
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write(text.getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /** Refuses a collection that was not made with ReportQA's configset (another application's). */
    private static void checkFields(JdkCloudSolrClient client, String collection)
            throws IOException, SolrServerException {
        Set<String> fields = new TreeSet<>();
        for (Map<String, Object> f :
                new SchemaRequest.Fields().process(client, collection).getFields()) {
            fields.add(String.valueOf(f.get("name")));
        }
        Set<String> missing = new TreeSet<>(REQUIRED_FIELDS);
        missing.removeAll(fields);
        if (!missing.isEmpty()) {
            throw new IOException("collection " + collection + " was not made with ReportQA's configset "
                    + CONFIGSET + ": it lacks the fields " + missing
                    + " (name another collection, or create it from the configset in the jar)");
        }
    }

    /** Waits until every shard of the collection has an active leader on a live node. */
    private static void awaitLeaders(JdkCloudSolrClient client, SolrCloudTarget target) throws IOException {
        long deadline = System.nanoTime() + 2 * target.requestTimeout().toNanos();
        while (true) {
            State s = state(client, target.collection());
            if (s.shards() > 0 && s.shardsWithLeader() == s.shards()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new SolrUnavailableException(
                        "collection " + target.collection() + " has " + s.shardsWithLeader() + " of " + s.shards()
                                + " shards with an active leader",
                        null);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SolrUnavailableException("interrupted waiting for the collection's leaders", e);
            }
        }
    }

    /**
     * The collection's state as the cluster state says: live nodes, shards with an active leader (which
     * updates need), shards with an active replica (which searches need), active replicas.
     */
    record State(
            List<String> liveNodes,
            int shards,
            int shardsWithLeader,
            int shardsServing,
            int replicas,
            int activeReplicas) {}

    static State state(JdkCloudSolrClient client, String collection) throws IOException {
        if (client.getClusterStateProvider() instanceof ZkClientClusterStateProvider zk
                && !zk.getZkStateReader().getZkClient().isConnected()) {
            // The cluster state below would be the last one read, however old.
            throw new IOException("ZooKeeper at " + zk.getZkHost() + " is not connected");
        }
        Set<String> live = new TreeSet<>(client.getClusterStateProvider().getLiveNodes());
        DocCollection c = client.getClusterStateProvider().getCollection(collection);
        int shards = 0;
        int leaders = 0;
        int serving = 0;
        int replicas = 0;
        int active = 0;
        if (c != null) {
            for (Slice slice : c.getActiveSlices()) {
                shards++;
                Replica leader = slice.getLeader();
                if (leader != null && leader.isActive(live)) {
                    leaders++;
                }
                int activeHere = 0;
                for (Replica r : slice.getReplicas()) {
                    replicas++;
                    if (r.isActive(live)) {
                        activeHere++;
                    }
                }
                active += activeHere;
                if (activeHere > 0) {
                    serving++;
                }
            }
        }
        return new State(new ArrayList<>(live), shards, leaders, serving, replicas, active);
    }
}
