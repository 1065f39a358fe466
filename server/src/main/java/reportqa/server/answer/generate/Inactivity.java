package reportqa.server.answer.generate;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import reportqa.retrieval.concurrent.DaemonThreads;

/**
 * Fails a stream's future when nothing arrives for a while: a model that sent its headers (or a few
 * tokens) and then went quiet is stalled, and waiting for the whole deadline would only delay the
 * fallback. Each {@link #touch} restarts the timer.
 */
final class Inactivity {

    /** Raised into the stream's future when the timer runs out. */
    static final class StalledException extends RuntimeException {
        StalledException() {
            super("the model's stream stalled", null, false, false);
        }
    }

    private static final ScheduledExecutorService TIMERS =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads("llm-stream-inactivity"));

    private final CompletableFuture<?> stream;
    private final long limitNanos;
    private ScheduledFuture<?> pending;

    Inactivity(CompletableFuture<?> stream, Duration limit) {
        this.stream = stream;
        this.limitNanos = limit.toNanos();
    }

    /** Something arrived: the stream has another {@code limit} to send more. */
    synchronized void touch() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!stream.isDone()) {
            pending = TIMERS.schedule(
                    () -> stream.completeExceptionally(new StalledException()), limitNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The stream is over: no more timer. */
    synchronized void stop() {
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
