package reportqa.retrieval.index;

import java.util.Arrays;

/**
 * The {@code size} best-estimated vector ordinals of a scan: a heap with the least estimate on top,
 * so that the common case (an estimate below all kept) costs one comparison. Equal estimates keep
 * the ordinal seen first, as a scan in ordinal order meets them.
 */
final class Shortlist {

    private final float[] estimates;
    private final int[] ords;
    private int size;

    Shortlist(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a shortlist holds at least one vector");
        }
        estimates = new float[capacity];
        ords = new int[capacity];
    }

    /** Keeps {@code ord} if it is among the best {@code capacity} estimates offered so far. */
    void offer(int ord, float estimate) {
        if (size < ords.length) {
            estimates[size] = estimate;
            ords[size] = ord;
            up(size++);
        } else if (estimate > estimates[0]) {
            estimates[0] = estimate;
            ords[0] = ord;
            down();
        }
    }

    /** The ordinals kept, in ascending order (the order their full vectors lie in on disk). */
    int[] ords() {
        int[] out = Arrays.copyOf(ords, size);
        Arrays.sort(out);
        return out;
    }

    private void up(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (estimates[parent] <= estimates[i]) {
                return;
            }
            swap(parent, i);
            i = parent;
        }
    }

    private void down() {
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && estimates[child + 1] < estimates[child]) {
                child++;
            }
            if (estimates[i] <= estimates[child]) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(int a, int b) {
        float e = estimates[a];
        estimates[a] = estimates[b];
        estimates[b] = e;
        int o = ords[a];
        ords[a] = ords[b];
        ords[b] = o;
    }
}
