package reportqa.server.bench;

import java.util.List;
import reportqa.retrieval.embed.Embedder;

/**
 * For a library whose passages carry {@link HashedEmbedder} vectors: passages and queries get the
 * hashed vectors (so that they are comparable), but every query is also embedded by the real model,
 * whose vector is thrown away. A search then costs what it costs with the real model, query
 * embedding included, over an index of the real size and shape.
 */
final class MixedEmbedder implements Embedder {

    private final HashedEmbedder hashed;
    private final Embedder real;

    MixedEmbedder(HashedEmbedder hashed, Embedder real) {
        this.hashed = hashed;
        this.real = real;
    }

    @Override
    public String modelId() {
        return hashed.modelId();
    }

    @Override
    public int dimension() {
        return hashed.dimension();
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        return hashed.embedPassages(texts);
    }

    @Override
    public float[] embedQuery(String query) {
        if (real.embedQuery(query).length != hashed.dimension()) {
            throw new IllegalStateException("the real model's dimension differs from the hashed vectors'");
        }
        return hashed.embedQuery(query);
    }

    @Override
    public boolean unitLength() {
        return true;
    }
}
