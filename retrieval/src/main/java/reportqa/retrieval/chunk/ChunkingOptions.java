package reportqa.retrieval.chunk;

/**
 * How reports are cut into passages.
 *
 * @param maxChars the longest passage, in characters
 * @param overlapChars at most this many characters of whole sentences repeated from the previous passage
 */
public record ChunkingOptions(int maxChars, int overlapChars) {

    /** Chosen by measurement on the golden set and CMRC dev (see README). */
    public static final ChunkingOptions DEFAULT = new ChunkingOptions(300, 100);

    public ChunkingOptions {
        if (maxChars < 50) {
            throw new IllegalArgumentException("maxChars must be at least 50, was " + maxChars);
        }
        if (overlapChars < 0 || overlapChars >= maxChars) {
            throw new IllegalArgumentException("overlapChars must be in [0, maxChars), was " + overlapChars);
        }
    }
}
