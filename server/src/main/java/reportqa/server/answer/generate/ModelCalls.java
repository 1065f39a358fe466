package reportqa.server.answer.generate;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import reportqa.retrieval.concurrent.DaemonThreads;

/**
 * Runs blocking model calls on their own threads as futures a {@link reportqa.server.answer.Deadline}
 * can wait for. A future that is cancelled or times out interrupts its thread, so an abandoned call
 * does not keep running.
 */
public final class ModelCalls {

    private ModelCalls() {}

    /** A pool of daemon threads for model calls (they never keep the JVM alive). */
    public static ExecutorService newPool() {
        return Executors.newCachedThreadPool(new DaemonThreads("llm-call"));
    }

    /** {@code call} running on {@code pool}; completing the future exceptionally interrupts the call. */
    public static <T> CompletableFuture<T> submit(ExecutorService pool, Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Future<?> task = pool.submit(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        result.whenComplete((value, error) -> {
            if (error != null) {
                task.cancel(true);
            }
        });
        return result;
    }
}
