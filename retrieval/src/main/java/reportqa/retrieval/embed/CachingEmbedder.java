package reportqa.retrieval.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** An {@link Embedder} that embeds only passages missing from a {@link VectorStore} (on disk or in memory). */
public final class CachingEmbedder implements Embedder {

    private static final int QUERY_CACHE_SIZE = 2048;

    private final Embedder delegate;
    private final VectorStore cache;
    private final Map<String, float[]> queries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > QUERY_CACHE_SIZE;
        }
    };

    public CachingEmbedder(Embedder delegate, VectorStore cache) {
        this.delegate = delegate;
        this.cache = cache;
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
        synchronized (queries) {
            float[] v = queries.get(query);
            if (v != null) {
                return v;
            }
        }
        float[] v = delegate.embedQuery(query);
        synchronized (queries) {
            queries.put(query, v);
        }
        return v;
    }
}
