package reportqa.retrieval.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An embedder that keeps the passage vectors it made last, in memory, so a text embedded again soon
 * (the sentences of a passage that answers many questions) is not sent to the model again. Bounded
 * by a number of texts: the least recently used go first. Query vectors are not kept (a question is
 * rarely asked twice word for word).
 *
 * <p>For what is not worth keeping on disk (an answer's sentences); passages are cached on disk by
 * {@link CachingEmbedder}.
 */
public final class RecentVectors implements Embedder {

    private final Embedder model;
    private final Map<String, float[]> recent;

    /** @param capacity how many texts' vectors are kept at most */
    public RecentVectors(Embedder model, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("keep at least one vector, not " + capacity);
        }
        this.model = model;
        this.recent = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public String modelId() {
        return model.modelId();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public boolean unitLength() {
        return model.unitLength();
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        List<String> missing = new ArrayList<>();
        synchronized (recent) {
            for (String t : texts) {
                float[] v = recent.get(t);
                out.add(v);
                if (v == null) {
                    missing.add(t);
                }
            }
        }
        if (missing.isEmpty()) {
            return copies(out);
        }
        // The model is asked outside the lock: other answers go on meanwhile (a text two answers
        // miss at once is embedded twice, which costs time, not correctness).
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(missing));
        List<float[]> made = model.embedPassages(distinct);
        Map<String, float[]> byText = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            byText.put(distinct.get(i), made.get(i));
        }
        synchronized (recent) {
            recent.putAll(byText);
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                out.set(i, byText.get(texts.get(i)));
            }
        }
        return copies(out);
    }

    @Override
    public float[] embedQuery(String query) {
        return model.embedQuery(query);
    }

    /** How many texts' vectors are kept now. */
    public int size() {
        synchronized (recent) {
            return recent.size();
        }
    }

    /** Copies, so that a caller changing a vector cannot change the kept one. */
    private static List<float[]> copies(List<float[]> vectors) {
        List<float[]> out = new ArrayList<>(vectors.size());
        vectors.forEach(v -> out.add(v.clone()));
        return out;
    }
}
