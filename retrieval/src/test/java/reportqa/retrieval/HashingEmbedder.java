package reportqa.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import reportqa.retrieval.embed.Embedder;

/**
 * A small deterministic embedder for tests of indexing logic: hashed character bigrams, so similar
 * texts get similar vectors. Counts what it embeds, and can be told to fail on a text.
 */
public final class HashingEmbedder implements Embedder {

    private static final int DIM = 64;
    public final AtomicInteger passagesEmbedded = new AtomicInteger();
    private volatile String failOn;

    /** Makes {@link #embedPassages} throw when a text contains {@code marker} (simulates a crash). */
    public void failOn(String marker) {
        this.failOn = marker;
    }

    @Override
    public String modelId() {
        return "test-hashing-64";
    }

    @Override
    public int dimension() {
        return DIM;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        List<float[]> out = new ArrayList<>();
        for (String t : texts) {
            if (failOn != null && t.contains(failOn)) {
                throw new IllegalStateException("simulated crash while embedding");
            }
            out.add(vector(t));
            passagesEmbedded.incrementAndGet();
        }
        return out;
    }

    @Override
    public float[] embedQuery(String query) {
        return vector(query);
    }

    private static float[] vector(String t) {
        float[] v = new float[DIM];
        v[0] = 1e-3f; // never the zero vector: cosine needs a length
        for (int i = 0; i + 1 < t.length(); i++) {
            v[Math.floorMod(t.substring(i, i + 2).hashCode(), DIM)] += 1;
        }
        return v;
    }
}
