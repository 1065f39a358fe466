package reportqa.retrieval.embed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The passage vectors made last, in memory, so a text embedded again soon (the sentences of a passage
 * that answers many questions) is not sent to the model again: behind a {@link CachingEmbedder}, for
 * what is not worth keeping on disk (an answer's sentences). Bounded by a number of texts: the least
 * recently used go first. Vectors are copied in and out, so a caller changing one cannot change the
 * kept one.
 */
public final class RecentVectors implements VectorStore {

    private final Map<String, float[]> recent;

    /** @param capacity how many texts' vectors are kept at most */
    public RecentVectors(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("keep at least one vector, not " + capacity);
        }
        this.recent = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized float[] get(String text) {
        float[] v = recent.get(text);
        return v == null ? null : v.clone();
    }

    @Override
    public synchronized void putAll(Map<String, float[]> byText) {
        byText.forEach((text, v) -> recent.put(text, v.clone()));
    }

    /** How many texts' vectors are kept now. */
    public synchronized int size() {
        return recent.size();
    }
}
