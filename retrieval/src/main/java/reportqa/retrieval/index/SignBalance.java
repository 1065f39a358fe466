package reportqa.retrieval.index;

/**
 * Whether a field's signs can shortlist its vectors: how many of its dimensions take both signs.
 *
 * <p>The estimate ({@link SignBits}) tells vectors apart by the dimensions where some are positive
 * and others negative. The model's embeddings take both signs in nearly every dimension (333,920
 * passages: 494 of 512 dimensions positive in 5–95% of them); vectors of counts, positive wherever
 * they are not zero, take one, and the estimate barely tells them apart: a shortlist of 100 of 1,800
 * such vectors (hashed character bigrams) held 0.13–0.17 of the exact top 10. A field with too few
 * dimensions of both signs is searched exactly instead.
 */
final class SignBalance {

    /** The least share of vectors positive in a dimension, and of vectors negative, for it to count. */
    static final double LEAST_SHARE = 0.05;

    /** The least share of a field's dimensions that must count for its signs to be scanned. */
    static final double LEAST_DIMENSIONS = 0.5;

    /**
     * The fewest vectors whose signs are judged: fewer (a report or two added to a library) are
     * searched exactly, which costs them less than a millisecond, and say too little of their
     * dimensions (two vectors take both signs only where they differ).
     */
    static final int LEAST_VECTORS = 100;

    private final int[] positive;
    private final int[] negative;
    private int vectors;

    SignBalance(int dimensions) {
        positive = new int[dimensions];
        negative = new int[dimensions];
    }

    /** Counts the signs of one more vector. */
    void add(float[] vector) {
        for (int k = 0; k < positive.length; k++) {
            if (vector[k] > 0) {
                positive[k]++;
            } else if (vector[k] < 0) {
                negative[k]++;
            }
        }
        vectors++;
    }

    /**
     * The dimensions positive in at least {@link #LEAST_SHARE} of the vectors and negative in as
     * many. Zero is neither: a zero is what sparse vectors (counts, weights) have where they have
     * nothing, and an embedding never has exactly.
     */
    int balancedDimensions() {
        if (vectors == 0) {
            return 0;
        }
        int n = 0;
        for (int k = 0; k < positive.length; k++) {
            if (positive[k] >= LEAST_SHARE * vectors && negative[k] >= LEAST_SHARE * vectors) {
                n++;
            }
        }
        return n;
    }

    /** Whether there are vectors enough to judge their signs by. */
    boolean judged() {
        return vectors >= LEAST_VECTORS;
    }

    /** Whether the signs can shortlist these vectors: judged, with dimensions enough of both signs. */
    boolean scannable() {
        return judged() && balancedDimensions() >= LEAST_DIMENSIONS * positive.length;
    }
}
