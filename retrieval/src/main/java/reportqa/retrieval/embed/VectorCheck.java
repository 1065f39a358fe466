package reportqa.retrieval.embed;

import java.util.Locale;
import java.util.Optional;

/**
 * What a usable vector of one embedding model looks like: its number of dimensions, every component
 * finite, not all zero, and of unit length when the model promises that ({@link Embedder#unitLength()}).
 * Applied to what the model returns and to what the embedding cache reads back from disk.
 *
 * <p>The length check catches most damage to a stored float (a changed exponent or high mantissa
 * bit moves the length far more than the tolerance) but not all: a flipped sign, a vector swapped
 * with another passage's, or a change in the last bits keeps the length.
 *
 * @param dimension the model's number of dimensions
 * @param unitLength whether the model's vectors have length 1 (within {@link #UNIT_TOLERANCE})
 */
public record VectorCheck(int dimension, boolean unitLength) {

    /**
     * How far from 1 the length of a unit vector may be. bge-small-zh's vectors were measured within
     * 8e-7 of 1 (2,276 passages of CMRC dev); float arithmetic alone does not go near 1e-3.
     */
    public static final double UNIT_TOLERANCE = 1e-3;

    public VectorCheck {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive");
        }
    }

    /** The check for an embedder's vectors. */
    public static VectorCheck of(Embedder embedder) {
        return new VectorCheck(embedder.dimension(), embedder.unitLength());
    }

    /** Whether the vector can be searched with. */
    public boolean accepts(float[] v) {
        return problem(v).isEmpty();
    }

    /** What is wrong with the vector, in words; empty when it is usable. */
    public Optional<String> problem(float[] v) {
        if (v == null) {
            return Optional.of("no vector");
        }
        if (v.length != dimension) {
            return Optional.of(v.length + " dimensions instead of " + dimension);
        }
        double squares = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return Optional.of("a component that is not a finite number");
            }
            squares += (double) x * x;
        }
        if (squares <= 1e-12) {
            return Optional.of("all zero");
        }
        double length = Math.sqrt(squares);
        if (unitLength && Math.abs(length - 1) > UNIT_TOLERANCE) {
            return Optional.of(
                    String.format(Locale.ROOT, "length %.4g where the model's vectors have length 1", length));
        }
        return Optional.empty();
    }
}
