package reportqa.server.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Latency of one kind of operation, in milliseconds: median, 99th percentile and mean over
 * {@code count} timed runs.
 */
public record Latency(int count, double p50, double p99, double mean) {

    /** No runs. */
    public static final Latency NONE = new Latency(0, Double.NaN, Double.NaN, Double.NaN);

    /** From times in nanoseconds. */
    public static Latency ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return NONE;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return new Latency(sorted.length, at(sorted, 0.50) / 1e6, at(sorted, 0.99) / 1e6, mean);
    }

    /** From times in nanoseconds. */
    public static Latency ofNanos(List<Long> nanos) {
        return ofNanos(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    /** The nearest-rank percentile. */
    private static long at(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** A timed operation that may throw. */
    @FunctionalInterface
    public interface Run<T> {
        void run(T input) throws Exception;
    }

    /** Runs {@code op} once per input, timing each run. */
    public static <T> Latency time(List<T> inputs, Run<T> op) throws Exception {
        long[] nanos = new long[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            long t0 = System.nanoTime();
            op.run(inputs.get(i));
            nanos[i] = System.nanoTime() - t0;
        }
        return ofNanos(nanos);
    }
}
