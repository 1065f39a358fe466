package reportqa.retrieval;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Results already worked out, by key, for work that is asked again and again with the same input
 * (the lines of the passages a search returns, the stored documents of an index commit). Safe for
 * concurrent use; bounded by emptying it when full, which a working set is not meant to reach: no
 * bookkeeping on the hot path, as a least-recently-used order would need.
 *
 * @param <K> the input
 * @param <V> the result (never null)
 */
public final class Memo<K, V> {

    /** Work that makes a result, and may fail. */
    @FunctionalInterface
    public interface Work<K, V, X extends Exception> {
        V apply(K key) throws X;
    }

    private final Map<K, V> seen = new ConcurrentHashMap<>();
    private final int capacity;

    /** @param capacity how many results are kept at most */
    public Memo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("keep at least one result, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** The result for {@code key}: the one kept, else {@code work}'s, then kept. */
    public <X extends Exception> V get(K key, Work<K, V, X> work) throws X {
        V known = seen.get(key);
        if (known != null) {
            return known;
        }
        V made = work.apply(key);
        if (seen.size() >= capacity) {
            seen.clear();
        }
        seen.put(key, made);
        return made;
    }
}
