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

    private final int dim;
    public final AtomicInteger passagesEmbedded = new AtomicInteger();
    private volatile String failOn;
    private volatile String crashOn;
    private volatile String closedOn;

    /** Thrown to stand for the process dying mid-update: an error no indexing code catches. */
    public static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash while embedding");
        }
    }

    /** Makes {@link #embedPassages} throw, as a model does on a text it cannot embed, when a text contains {@code marker}. */
    public void failOn(String marker) {
        this.failOn = marker;
    }

    /**
     * Makes {@link #embedPassages} throw {@link reportqa.retrieval.embed.EmbedderClosedException}, as a
     * model closed by a stopping process does, when a text contains {@code marker}.
     */
    public void closedOn(String marker) {
        this.closedOn = marker;
    }

    /** Makes {@link #embedPassages} throw {@link SimulatedCrash} when a text contains {@code marker}. */
    public void crashOn(String marker) {
        this.crashOn = marker;
    }

    /** 64 dimensions: enough for tests of indexing logic. */
    public HashingEmbedder() {
        this(64, false);
    }

    /**
     * Vectors of {@code dim} dimensions whose values take both signs (each bigram adds +1 or -1, by
     * another bit of its hash), as a real model's do: for a benchmark, at the real model's 512. The
     * embedded index shortlists by the signs of a vector's values, and vectors of counts alone are
     * all positive (it then scans every vector exactly, as no real model's vectors make it).
     */
    public HashingEmbedder(int dim) {
        this(dim, true);
    }

    private HashingEmbedder(int dim, boolean signed) {
        this.dim = dim;
        this.signed = signed;
    }

    private final boolean signed;

    @Override
    public String modelId() {
        return "test-hashing-" + dim + (signed ? "-signed" : "");
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        List<float[]> out = new ArrayList<>();
        for (String t : texts) {
            if (crashOn != null && t.contains(crashOn)) {
                throw new SimulatedCrash();
            }
            if (closedOn != null && t.contains(closedOn)) {
                throw new reportqa.retrieval.embed.EmbedderClosedException("the embedding model is closed", null);
            }
            if (failOn != null && t.contains(failOn)) {
                throw new IllegalArgumentException("Cannot embed this text");
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

    private float[] vector(String t) {
        float[] v = new float[dim];
        v[0] = 1e-3f; // never the zero vector: cosine needs a length
        for (int i = 0; i + 1 < t.length(); i++) {
            int h = t.substring(i, i + 2).hashCode();
            v[Math.floorMod(h, dim)] += signed && ((h >>> 20) & 1) == 1 ? -1 : 1;
        }
        return v;
    }
}
