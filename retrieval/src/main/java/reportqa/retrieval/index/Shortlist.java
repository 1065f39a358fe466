package reportqa.retrieval.index;

import java.util.Arrays;

/**
 * The {@code size} best-estimated vector ordinals of a scan. Offers above the current floor are
 * appended to a buffer twice that size; a full buffer is sorted and cut back to the best {@code
 * size}, whose worst becomes the floor. Most offers of a long scan are below the floor and cost one
 * comparison; a heap kept exact at every offer spent a fifth of a 333,920-vector scan reordering
 * itself. Equal estimates rank the lower ordinal first, so the same offers always give the same list.
 */
final class Shortlist {

    private final int size;
    private final long[] buffer;
    private int count;
    /** The worst kept since the buffer was last cut back (every offer passes before the first cut). */
    private long floorKey = Long.MIN_VALUE;
    /** Its estimate: the one comparison most offers cost. */
    private float floor = Float.NEGATIVE_INFINITY;

    Shortlist(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a shortlist holds at least one vector");
        }
        this.size = size;
        this.buffer = new long[Math.multiplyExact(size, 2)];
    }

    /** Keeps {@code ord} if it is among the best {@code size} estimates offered so far. */
    void offer(int ord, float estimate) {
        if (estimate >= floor) {
            add(key(ord, estimate));
        }
    }

    /** Keeps what {@code other} keeps, as if its offers had been made here. */
    void addAll(Shortlist other) {
        for (int i = 0; i < other.count; i++) {
            add(other.buffer[i]);
        }
    }

    private void add(long key) {
        if (key <= floorKey) {
            return;
        }
        buffer[count++] = key;
        if (count == buffer.length) {
            cut();
        }
    }

    /** The ordinals kept, in ascending order (the order their full vectors lie in on disk). */
    int[] ords() {
        if (count > size) {
            cut();
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = Integer.MAX_VALUE - (int) buffer[i];
        }
        Arrays.sort(out);
        return out;
    }

    /** Keeps the best {@code size} of the buffer at its start, and raises the floor to the worst of them. */
    private void cut() {
        // A selection, not a sort: a scan cuts its buffer back a few times, and sorting it each time
        // cost more than the estimates of every vector above the floor.
        int worstKept = count - size;
        select(buffer, 0, count - 1, worstKept);
        System.arraycopy(buffer, worstKept, buffer, 0, size);
        count = size;
        floorKey = buffer[0];
        floor = estimate(floorKey);
    }

    /**
     * Reorders {@code a[from..to]} so that {@code a[nth]} is the value a sort would put there, none
     * before it larger and none after it smaller (Hoare's selection, the pivot the median of three).
     */
    static void select(long[] a, int from, int to, int nth) {
        while (from < to) {
            int mid = (from + to) >>> 1;
            long pivot = median(a[from], a[mid], a[to]);
            int i = from;
            int j = to;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (nth <= j) {
                to = j;
            } else if (nth >= i) {
                from = i;
            } else {
                return;
            }
        }
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /**
     * A long that orders as the estimate, then as the ordinal reversed: the estimate's bits made
     * sortable as an int (Lucene's {@code NumericUtils.floatToSortableInt}) above the ordinal's
     * distance from the largest int.
     */
    static long key(int ord, float estimate) {
        int bits = Float.floatToIntBits(estimate);
        int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
        return ((long) sortable << 32) | (Integer.MAX_VALUE - ord);
    }

    private static float estimate(long key) {
        int sortable = (int) (key >> 32);
        return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & 0x7fffffff));
    }
}
