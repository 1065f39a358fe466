/**
 * The library on SolrCloud, when one machine is not enough: the same passages, searches and
 * citations as the embedded index, kept and searched by a Solr 9 cluster (built on Lucene 9.12, the
 * embedded index's version).
 *
 * <p>ReportQA still reads, chunks and embeds the reports ({@link reportqa.retrieval.index.CorpusIndexer}
 * writing through {@code SolrIndexStore}); Solr keeps them in a collection made from the configset
 * shipped in the jar ({@code configset/schema.xml}: the embedded index's fields and analyzers, a cosine
 * dense vector field, exact collection-wide BM25 statistics), and {@link
 * reportqa.retrieval.solr.SolrSearchBackend} runs BM25 and kNN there as Solr queries and fuses them as
 * the embedded backend does. {@link reportqa.retrieval.solr.SolrCloud} opens a collection (creating
 * it when missing) from a {@link reportqa.retrieval.solr.SolrCloudTarget}; {@link
 * reportqa.retrieval.solr.SolrHealth} says how the cluster stands.
 *
 * <p>The client is SolrJ's cloud client over the JDK's HTTP client ({@code JdkCloudSolrClient}):
 * SolrJ's usual one runs on Jetty 10, which cannot share a class path with the server's Jetty 12. A
 * request the cluster fails is retried on another replica while its time lasts, then ends as a
 * {@link reportqa.retrieval.solr.SolrUnavailableException}.
 */
package reportqa.retrieval.solr;
