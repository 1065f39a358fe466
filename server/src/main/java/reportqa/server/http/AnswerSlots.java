package reportqa.server.http;

import io.javalin.http.Context;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many answers are worked on at once. Beyond that a question waits a moment for a slot and is
 * then refused with a fast 503 and {@code Retry-After}, instead of queueing without bound until every
 * worker thread is taken and every client times out.
 */
final class AnswerSlots {

    /** Answers at once: enough for a desk waiting on a model, far below the worker threads. */
    static final int DEFAULT_SLOTS = 64;
    /** How long a question waits for a slot before it is refused. */
    static final long WAIT_MILLIS = 2_000;
    /** When a refused client is told to try again, in seconds. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final Semaphore slots;
    private final long waitMillis;

    AnswerSlots(int slots, long waitMillis) {
        this.slots = new Semaphore(slots, true);
        this.waitMillis = waitMillis;
    }

    /** Work that answers a question. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} in a slot, or refuses with 503 when none frees up in time. */
    void run(Context ctx, Work work) throws Exception {
        boolean got;
        try {
            got = slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            throw new ApiException(ErrorCode.OVERLOADED, "too many questions at once; try again in a moment");
        }
        try {
            work.run();
        } finally {
            slots.release();
        }
    }
}
