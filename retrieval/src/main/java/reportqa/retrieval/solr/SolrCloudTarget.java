package reportqa.retrieval.solr;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which SolrCloud cluster and collection hold the library, and how a collection is laid out when
 * ReportQA creates it.
 *
 * @param zkHost the cluster's ZooKeeper ensemble, {@code host:port[,host:port…][/chroot]}, or ""
 *     when the nodes are named in {@code urls}
 * @param urls base URLs of some of the cluster's nodes ({@code http://host:8983/solr}), used when no
 *     ZooKeeper address is given
 * @param collection the collection (created, with ReportQA's configset, when it is missing)
 * @param shards shards of a collection ReportQA creates
 * @param replicas replicas of each shard of a collection ReportQA creates
 * @param connectTimeout how long to wait for a connection (to a node or to ZooKeeper)
 * @param requestTimeout the longest a search request may take, retries included (updates have longer):
 *     5 s by default, under the 10 s in which the server answers or cuts off a request
 */
public record SolrCloudTarget(
        String zkHost,
        List<String> urls,
        String collection,
        int shards,
        int replicas,
        Duration connectTimeout,
        Duration requestTimeout) {

    /** The collection's name when none is given. */
    public static final String DEFAULT_COLLECTION = "reportqa";

    private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern ZK_HOST =
            Pattern.compile("[A-Za-z0-9.:\\[\\]_-]+(,[A-Za-z0-9.:\\[\\]_-]+)*(/[A-Za-z0-9._/-]*)?");

    public SolrCloudTarget {
        zkHost = zkHost == null ? "" : zkHost.strip();
        urls = urls == null
                ? List.of()
                : urls.stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
        if (zkHost.isEmpty() == urls.isEmpty()) {
            throw new IllegalArgumentException(
                    "name the SolrCloud cluster by exactly one of a ZooKeeper address (solr.zkHost) and node URLs (solr.urls)");
        }
        if (!zkHost.isEmpty() && !ZK_HOST.matcher(zkHost).matches()) {
            throw new IllegalArgumentException(
                    "solr.zkHost must be host:port[,host:port…][/chroot], not \"" + zkHost + "\"");
        }
        for (String u : urls) {
            URI uri;
            try {
                uri = URI.create(u);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("solr.urls: not a URL: " + u, e);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("solr.urls: an http(s) URL of a node is needed, not " + u);
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException("solr.urls: credentials do not belong in a node's URL");
            }
        }
        if (collection == null || !COLLECTION.matcher(collection).matches()) {
            throw new IllegalArgumentException(
                    "solr.collection must be letters, digits, '.', '_' or '-', not \"" + collection + "\"");
        }
        if (shards < 1 || shards > 1024 || replicas < 1 || replicas > 64) {
            throw new IllegalArgumentException("solr.shards must be 1 to 1024 and solr.replicas 1 to 64");
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("the connection timeout must be positive");
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive");
        }
    }

    /** A cluster named by its ZooKeeper address, with the default layout and timeouts. */
    public static SolrCloudTarget zooKeeper(String zkHost, String collection, int shards, int replicas) {
        return new SolrCloudTarget(
                zkHost, List.of(), collection, shards, replicas, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    /** A cluster named by some of its nodes' URLs, with the default layout and timeouts. */
    public static SolrCloudTarget nodes(List<String> urls, String collection, int shards, int replicas) {
        return new SolrCloudTarget(
                "", urls, collection, shards, replicas, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    /** Where the cluster is, as said in logs and health: the ZooKeeper address or the node URLs. */
    public String where() {
        return zkHost.isEmpty() ? String.join(",", urls) : zkHost;
    }
}
