/**
 * Stage 2: the passages for the standalone query, through the retrieval module's
 * {@link reportqa.retrieval.search.Retriever} (whatever search backend is behind it), as
 * {@link reportqa.server.answer.Source}s ({@link reportqa.server.answer.retrieve.SourceRetriever}).
 */
package reportqa.server.answer.retrieve;
