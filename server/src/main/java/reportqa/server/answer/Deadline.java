package reportqa.server.answer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one time limit of an answer, set when the question arrives and carried through every stage
 * (rewrite, generate), so the stages together never take longer than the configured timeout.
 */
public final class Deadline {

    private final long endNanos;
    private final Duration budget;

    private Deadline(long endNanos, Duration budget) {
        this.endNanos = endNanos;
        this.budget = budget;
    }

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    /** The whole time this deadline (or the one it is a share of) allowed. */
    public Duration budget() {
        return budget;
    }

    /** Time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** An earlier deadline for one stage: {@code fraction} of the time left. */
    public Deadline share(double fraction) {
        long left = Math.max(0, endNanos - System.nanoTime());
        return new Deadline(System.nanoTime() + (long) (left * fraction), budget);
    }

    /**
     * The future's value, waiting at most until the deadline; a future still running then is
     * cancelled and {@link TimeoutException} thrown.
     *
     * @throws ExecutionException when the future failed (its cause says why)
     */
    public <T> T await(CompletableFuture<T> future) throws TimeoutException, ExecutionException, InterruptedException {
        try {
            return future.orTimeout(Math.max(1, remaining().toMillis()), TimeUnit.MILLISECONDS)
                    .get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException t) {
                future.cancel(true);
                throw t;
            }
            throw e;
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }
}
