/**
 * The Lucene index of a corpus folder: building it incrementally and opening it for search; the
 * fourth step of the pipeline (text → report → chunk → index → search → eval).
 *
 * <p>{@link reportqa.retrieval.index.CorpusIndexer} brings an index up to date with the folder,
 * re-reading only the reports whose files changed ({@link reportqa.retrieval.index.CorpusScan}
 * lists them and hashes their content) and committing everything at once, so searches never see a
 * half-built index. {@link reportqa.retrieval.index.ReportIndex} opens an index for searching and
 * moves to a newer commit atomically. {@link reportqa.retrieval.index.IndexSettings} says what an
 * index is built with ({@link reportqa.retrieval.index.Analysis}, chunking, embedder); an index
 * built otherwise is rebuilt. {@link reportqa.retrieval.index.Fields} names the Lucene fields, and
 * {@link reportqa.retrieval.index.IndexResult} says what an update did.
 *
 * <p>Passage vectors are written with {@link reportqa.retrieval.index.Int7HnswVectorsFormat}:
 * Lucene's HNSW graph over 7-bit quantised vectors, whose dot products are done four values to a
 * 64-bit multiplication (Lucene has no vectorised code for them on Java 17): the same scores and the
 * same graph as Lucene's format, walked about 1.6 times as fast.
 */
package reportqa.retrieval.index;
