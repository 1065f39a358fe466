package reportqa.retrieval.embed;

import java.util.Map;

/**
 * Where a {@link CachingEmbedder} keeps the passage vectors it made: on disk across restarts
 * ({@link EmbeddingCache}) or in memory for a while ({@link RecentVectors}). Safe for concurrent use.
 */
public interface VectorStore {

    /** The vector kept for this text, or null. */
    float[] get(String text);

    /** Keeps vectors for texts. */
    void putAll(Map<String, float[]> byText);
}
