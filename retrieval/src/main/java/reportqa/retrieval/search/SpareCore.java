package reportqa.retrieval.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one part of a search on a core nobody is using while the caller does the other part, and on
 * the caller itself when every core is busy.
 *
 * <p>Hybrid search is two searches that need nothing of each other until they are fused: BM25, and
 * the query's embedding followed by the vector walk. One at a time, a query waits for their sum;
 * side by side, for the longer. Under load every core already runs a request, and a hand-over
 * would only add waiting: there is then no idle thread (the pool holds at most one per core and
 * queues nothing) and the task runs on the caller, as it would without this class.
 */
final class SpareCore {

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Threads that end after a minute idle; daemons, so that they never keep a JVM up. */
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(
            0,
            Runtime.getRuntime().availableProcessors(),
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
                Thread t = new Thread(task, "reportqa-search-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());

    /** A search step that may fail to read the index. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException;
    }

    private SpareCore() {}

    /** Starts {@code step} on a spare core, or runs it now on this thread when there is none. */
    static <T> Future<T> start(Step<T> step) {
        FutureTask<T> task = new FutureTask<>((Callable<T>) step::run);
        POOL.execute(task);
        return task;
    }

    /** The step's result, waited for; its failure thrown here as it would have been by a call. */
    static <T> T result(Future<T> started) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    // The step holds the caller's searcher: it must end before the caller lets it go.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UncheckedIOException(new IOException(cause));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits for a step whose result is no longer wanted, because the caller's own part failed with
     * {@code failure}: the step may be reading what the caller is about to let go. Its own failure,
     * if any, is kept on {@code failure} as a suppressed exception.
     */
    static void finish(Future<?> started, Throwable failure) {
        try {
            result(started);
        } catch (IOException | RuntimeException | Error e) {
            failure.addSuppressed(e);
        }
    }
}
