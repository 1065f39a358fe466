/**
 * Dense vectors for passages and queries, used by the index and by dense and hybrid search.
 *
 * <p>{@link reportqa.retrieval.embed.Embedder} is the seam for the embedding model;
 * {@link reportqa.retrieval.embed.BgeSmallZhEmbedder} is the in-process default (bundled, no
 * network). {@link reportqa.retrieval.embed.CachingEmbedder} embeds only passages that
 * {@link reportqa.retrieval.embed.EmbeddingCache} does not already hold on disk, so re-indexing an
 * unchanged passage costs nothing, across restarts.
 */
package reportqa.retrieval.embed;
