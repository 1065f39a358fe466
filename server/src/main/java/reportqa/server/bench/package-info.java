/**
 * The benchmark suite ({@code reportqa bench-suite}): how fast search, indexing, start-up and the
 * HTTP API are, and how much memory they take, at library sizes up to tens of thousands of reports.
 *
 * <p>{@link reportqa.server.bench.ScaleCorpus} writes the libraries (deterministic, real sentences);
 * {@link reportqa.server.bench.SearchBench} builds and searches one in process, beside a plain
 * Lucene BM25 index and LangChain4j's in-memory vector store on the same passages;
 * {@link reportqa.server.bench.ServeProbe} starts a server process on it for start-up time and
 * memory; a {@link reportqa.server.bench.LoadClient} loads a server over loopback (wrk through
 * {@link reportqa.server.bench.WrkLoad}, else the Java client {@link reportqa.server.bench.HttpLoad});
 * {@link reportqa.server.bench.BenchReport} writes {@code BENCHMARKS.md} and its chart. Libraries too
 * large to embed with the real model in a benchmark's time carry the means of the real model's
 * sentence vectors ({@link reportqa.server.bench.SentenceMeanEmbedder}); their queries are embedded
 * by the real model.
 */
package reportqa.server.bench;
