package reportqa.server.cli;

import java.util.Map;
import picocli.CommandLine.Option;
import reportqa.server.config.ConfigKey;

/** Where the library is kept and searched: the embedded index, or a SolrCloud collection. */
final class BackendOptions implements ConfigFlags {

    @Option(
            names = "--search-backend",
            paramLabel = "BACKEND",
            description = "lucene (the embedded index, default) or solrcloud (a SolrCloud collection: --solr-zk-host"
                    + " or --solr-urls).")
    String backend;

    @Option(
            names = "--solr-zk-host",
            paramLabel = "ZK",
            description = "The SolrCloud cluster's ZooKeeper: host:port[,host:port…][/chroot].")
    String zkHost;

    @Option(
            names = "--solr-urls",
            paramLabel = "URLS",
            description = "Instead of --solr-zk-host: some nodes' base URLs, comma-separated (http://host:8983/solr).")
    String urls;

    @Option(
            names = "--solr-collection",
            paramLabel = "NAME",
            description = "The collection holding the library, created when missing (default: reportqa).")
    String collection;

    @Option(
            names = "--solr-shards",
            paramLabel = "N",
            description = "Shards of a collection ReportQA creates (default: 1).")
    String shards;

    @Option(
            names = "--solr-replicas",
            paramLabel = "N",
            description = "Replicas per shard of a collection ReportQA creates (default: 1; 2 survive a node's loss).")
    String replicas;

    @Override
    public void addTo(Map<ConfigKey, String> o) {
        ConfigFlags.put(o, ConfigKey.SEARCH_BACKEND, backend);
        ConfigFlags.put(o, ConfigKey.SOLR_ZK_HOST, zkHost);
        ConfigFlags.put(o, ConfigKey.SOLR_URLS, urls);
        ConfigFlags.put(o, ConfigKey.SOLR_COLLECTION, collection);
        ConfigFlags.put(o, ConfigKey.SOLR_SHARDS, shards);
        ConfigFlags.put(o, ConfigKey.SOLR_REPLICAS, replicas);
    }
}
