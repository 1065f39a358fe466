/**
 * The Lucene index of a corpus folder: building it incrementally and opening it for search; the
 * fourth step of the pipeline (text → report → chunk → index → search → eval).
 *
 * <p>{@link reportqa.retrieval.index.CorpusIndexer} brings an index up to date with the folder,
 * re-reading only the reports whose files changed ({@link reportqa.retrieval.index.CorpusScan}
 * lists them and hashes their content) and committing everything at once, so searches never see a
 * half-built index. It writes through an {@link reportqa.retrieval.index.IndexStore}: the embedded
 * Lucene index ({@code LuceneIndexStore}) by default, or a SolrCloud collection ({@link
 * reportqa.retrieval.solr}). {@link reportqa.retrieval.index.ReportIndex} opens an index for searching and
 * moves to a newer commit atomically. {@link reportqa.retrieval.index.IndexSettings} says what an
 * index is built with ({@link reportqa.retrieval.index.Analysis}, chunking, embedder); an index
 * built otherwise is rebuilt. {@link reportqa.retrieval.index.Fields} names the Lucene fields, and
 * {@link reportqa.retrieval.index.IndexResult} says what an update did.
 *
 * <p>Passage vectors are written with {@link reportqa.retrieval.index.SignScanVectorsFormat}: the
 * floats, and the sign of each of their values, one bit a dimension. A vector search scans the signs
 * of every passage it may return, estimates each one's dot product with the query from them ({@link
 * reportqa.retrieval.index.SignBits}), and scores the best estimates on their floats: no graph to
 * build or to merge, and the same results for the same vectors however they are split into segments.
 */
package reportqa.retrieval.index;
