package reportqa.retrieval.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * An {@link Embedder} that embeds only passages missing from a {@link VectorStore} (on disk or in
 * memory), and keeps the last questions' vectors in memory: a question is searched and then answered,
 * and each would otherwise send it to the model again.
 */
public final class CachingEmbedder implements Embedder {

    /** How many questions' vectors are kept (the least recently asked go first). */
    static final int QUERY_CACHE_SIZE = 2048;

    private final Embedder delegate;
    private final VectorStore cache;
    private final RecentVectors queries;

    public CachingEmbedder(Embedder delegate, VectorStore cache) {
        this(delegate, cache, new RecentVectors(QUERY_CACHE_SIZE));
    }

    private CachingEmbedder(Embedder delegate, VectorStore cache, RecentVectors queries) {
        this.delegate = delegate;
        this.cache = cache;
        this.queries = queries;
    }

    /**
     * The same model and the same questions' vectors, with passages kept in {@code passages}
     * instead: for texts not worth keeping where this one keeps them (an answer's sentences, not the
     * library's passages on disk), while a question the library searched is not embedded again to
     * answer it. A question costs the model 2–3 ms of CPU (2.1 ms for 20 characters on one
     * thread here), as much as the rest of an extractive answer on the seed library.
     */
    public CachingEmbedder withPassages(VectorStore passages) {
        return new CachingEmbedder(delegate, passages, queries);
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public boolean unitLength() {
        return delegate.unitLength();
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        List<String> missing = new ArrayList<>();
        for (String t : texts) {
            float[] v = cache.get(t);
            out.add(v);
            if (v == null) {
                missing.add(t);
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        List<String> unique = List.copyOf(new LinkedHashSet<>(missing));
        List<float[]> fresh = delegate.embedPassages(unique);
        Map<String, float[]> byText = new LinkedHashMap<>();
        for (int i = 0; i < unique.size(); i++) {
            byText.put(unique.get(i), fresh.get(i));
        }
        cache.putAll(byText);
        for (int i = 0; i < texts.size(); i++) {
            if (out.get(i) == null) {
                out.set(i, byText.get(texts.get(i)));
            }
        }
        return out;
    }

    @Override
    public float[] embedQuery(String query) {
        float[] v = queries.get(query);
        if (v != null) {
            return v;
        }
        // Two threads asking the same new question at once may both embed it: the same vector.
        v = delegate.embedQuery(query);
        queries.putAll(Map.of(query, v));
        return v;
    }
}
