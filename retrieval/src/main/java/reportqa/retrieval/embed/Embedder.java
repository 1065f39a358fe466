package reportqa.retrieval.embed;

import java.util.List;

/** Turns text into dense vectors. The seam for swapping the in-process model for another. */
public interface Embedder {

    /** Identifies the model (and any query instruction): vectors from different ids never mix. */
    String modelId();

    int dimension();

    /** Vectors for passages, in order. */
    List<float[]> embedPassages(List<String> texts);

    /** The vector for a search query. */
    float[] embedQuery(String query);

    /**
     * Whether every vector this model returns has length 1 (within {@link VectorCheck#UNIT_TOLERANCE}):
     * then a stored vector of another length is damaged. Not promised unless a model says so; search
     * compares by cosine, which does not need it.
     */
    default boolean unitLength() {
        return false;
    }
}
