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
    public final AtomicInteger queriesEmbedded = new AtomicInteger();
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
     * Dense vectors of {@code dim} dimensions, as a real model's are: the text's character bigrams
     * counted in 4,096 hashed buckets and projected by a fixed random matrix of signs (each bucket a
     * column of +1 and -1), so that texts sharing bigrams are near and every dimension takes both
     * signs in balance. For a benchmark, at the real model's 512. The embedded index shortlists by
     * the signs of a vector's values: sparse counts (the default's) leave most signs fixed and make
     * it scan every vector exactly, as no real model's vectors do.
     */
    public HashingEmbedder(int dim) {
        this(dim, true);
    }

    private HashingEmbedder(int dim, boolean signed) {
        this.dim = dim;
        this.signed = signed;
    }

    private final boolean signed;

    private static final int BUCKETS = 4_096;

    private float[] projected(String t) {
        int[] counts = new int[BUCKETS];
        for (int i = 0; i + 1 < t.length(); i++) {
            counts[Math.floorMod(t.substring(i, i + 2).hashCode(), BUCKETS)]++;
        }
        float[] v = new float[dim];
        v[0] = 1e-3f;
        for (int b = 0; b < BUCKETS; b++) {
            if (counts[b] == 0) {
                continue;
            }
            // The bucket's column of signs, the same in every run: a generator seeded by the bucket.
            long x = 0x9E3779B97F4A7C15L * (b + 1);
            for (int d = 0; d < dim; d++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                v[d] += (x & 1) == 0 ? counts[b] : -counts[b];
            }
        }
        return v;
    }

    @Override
    public String modelId() {
        return "test-hashing-" + dim + (signed ? "-projected" : "");
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
        queriesEmbedded.incrementAndGet();
        return vector(query);
    }

    private float[] vector(String t) {
        if (signed) {
            return projected(t);
        }
        float[] v = new float[dim];
        v[0] = 1e-3f; // never the zero vector: cosine needs a length
        for (int i = 0; i + 1 < t.length(); i++) {
            int h = t.substring(i, i + 2).hashCode();
            v[Math.floorMod(h, dim)] += signed && ((h >>> 20) & 1) == 1 ? -1 : 1;
        }
        return v;
    }
}
