package reportqa.retrieval.index;

import reportqa.retrieval.chunk.ChunkingOptions;

/**
 * What an index is built with. An index built with other settings is rebuilt from scratch,
 * since its terms, passages or vectors would not match the queries.
 *
 * @param analysis how text becomes terms
 * @param chunking how reports become passages
 * @param embedderId the embedding model's id
 */
public record IndexSettings(Analysis analysis, ChunkingOptions chunking, String embedderId) {

    /** Bumped when the document layout or parsing changes in a way old indexes cannot serve. */
    static final int FORMAT = 3;

    /** A string that differs whenever the settings differ. */
    public String fingerprint() {
        return "format=" + FORMAT + ";analysis=" + analysis + ";chunk=" + chunking.maxChars() + "/"
                + chunking.overlapChars() + ";embedder=" + embedderId;
    }
}
