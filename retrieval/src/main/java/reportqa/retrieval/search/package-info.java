/**
 * Finding the passages that answer a question; the fifth step of the pipeline
 * (text → report → chunk → index → search → eval).
 *
 * <p>{@link reportqa.retrieval.search.SearchBackend} is the seam between searching and everything
 * that uses it; {@link reportqa.retrieval.search.LuceneSearchBackend} implements it over a
 * {@link reportqa.retrieval.index.ReportIndex} with BM25, dense or hybrid search, fusing the two
 * with {@link reportqa.retrieval.search.HybridFusion} (min-max normalised scores) and building its
 * lexical and filter queries with {@code LuceneQueries}.
 *
 * <p>{@link reportqa.retrieval.search.Retriever} sits above the backend and is independent of it:
 * it prepares the query text with {@link reportqa.retrieval.search.QueryPreparation} (broker names
 * left out, English words expanded by {@link reportqa.retrieval.search.QueryExpansion}) and applies
 * the brokers, report dates and broker-plus-industry reports a question names ({@code AutoFilters},
 * found by {@code QueryFilterDetector}), saying what it did. Two re-ranking stages follow the backend:
 * {@link reportqa.retrieval.search.FurnitureDemotion} ranks page furniture below content, and
 * {@link reportqa.retrieval.search.HeaderFieldLift} puts the passage a header field was read from
 * first when a question asks for that field ({@link reportqa.retrieval.search.HeaderQuestions}).
 */
package reportqa.retrieval.search;
