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
import reportqa.retrieval.concurrent.DaemonThreads;

/**
 * Runs one part of a search on a core of its own while the caller does the other part, when the
 * searches in flight leave a core for it, and on the caller otherwise.
 *
 * <p>Hybrid search is two searches that need nothing of each other until they are fused: BM25, and
 * the query's embedding followed by the vector walk. One at a time, a query waits for their sum;
 * side by side, for the longer. Under load every core already runs a search, and a hand-over would
 * only add threads competing for them: a step is handed over only while the searches counted here
 * (each one thread, or two with its step handed over) leave a core free for it, and the pool holds
 * at most one thread per core and queues nothing (a step no idle thread takes runs on the caller).
 * Other work of the process (answers, other requests) is not counted: under a mixed load a step may
 * still be handed over when no core is idle, costing a hand-over, not an answer.
 */
final class SpareCore {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** Threads the searches between {@link #start} and {@link #result} run on, callers included. */
    private static final AtomicInteger BUSY = new AtomicInteger();

    /** Threads that end after a minute idle; daemons, so that they never keep a JVM up. */
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(
            0,
            CORES,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            new DaemonThreads("reportqa-search"),
            new ThreadPoolExecutor.CallerRunsPolicy());

    /** A search step that may fail to read the index. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException;
    }

    /**
     * A step started: its result to come, and how many threads it counts for until then (two when
     * handed over: the caller's and the step's; else the caller's).
     */
    record Started<T>(Future<T> future, int threads) {}

    private SpareCore() {}

    /**
     * Starts {@code step} on a core of its own, or runs it now on this thread when the searches in
     * flight leave none. Every step started must be ended by {@link #result} or {@link #finish}.
     */
    static <T> Started<T> start(Step<T> step) {
        FutureTask<T> task = new FutureTask<>((Callable<T>) step::run);
        if (BUSY.addAndGet(2) <= CORES) {
            POOL.execute(task);
            return new Started<>(task, 2);
        }
        BUSY.addAndGet(-1);
        task.run();
        return new Started<>(task, 1);
    }

    /** The step's result, waited for; its failure thrown here as it would have been by a call. */
    static <T> T result(Started<T> started) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.future().get();
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
            // A Step throws nothing else; kept so that nothing is lost if one ever does.
            throw new UncheckedIOException(new IOException(cause));
        } finally {
            BUSY.addAndGet(-started.threads());
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
    static void finish(Started<?> started, Throwable failure) {
        try {
            result(started);
        } catch (IOException | RuntimeException | Error e) {
            failure.addSuppressed(e);
        }
    }
}
