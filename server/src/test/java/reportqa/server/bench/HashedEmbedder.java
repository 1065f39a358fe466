package reportqa.server.bench;

import java.util.ArrayList;
import java.util.List;
import reportqa.retrieval.embed.Embedder;

/**
 * Vectors made without a model, the fast stand-in of the benchmark's tests: the text's characters
 * and character pairs hashed into as many dimensions as the real model has, then scaled to unit
 * length. Texts that share characters are near each other. (The benchmark used them for its large
 * libraries until stop 26; spread evenly over the sphere, they are the worst case of a graph walk:
 * recall@10 against exact search 0.56–0.63 at 333,920 passages. {@link SentenceMeanEmbedder} replaced them.)
 */
public final class HashedEmbedder implements Embedder {

    private final int dimension;

    public HashedEmbedder(int dimension) {
        if (dimension < 8) {
            throw new IllegalArgumentException("dimension must be at least 8");
        }
        this.dimension = dimension;
    }

    @Override
    public String modelId() {
        return "hashed-bigrams-" + dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(embed(t));
        }
        return out;
    }

    @Override
    public float[] embedQuery(String query) {
        return embed(query);
    }

    @Override
    public boolean unitLength() {
        return true;
    }

    private float[] embed(String text) {
        float[] v = new float[dimension];
        int prev = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                prev = -1;
                continue;
            }
            add(v, c * 0x9E3779B1);
            if (prev >= 0) {
                add(v, (prev * 31 + c) * 0x85EBCA6B);
            }
            prev = c;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            // An empty text still needs a valid unit vector.
            v[0] = 1;
            return v;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            v[i] *= scale;
        }
        return v;
    }

    /** Feature hashing with a sign, so that collisions cancel out on average. */
    private void add(float[] v, int hash) {
        int h = hash ^ (hash >>> 16);
        v[Math.floorMod(h, dimension)] += (h & 0x4000_0000) == 0 ? 1 : -1;
    }
}
