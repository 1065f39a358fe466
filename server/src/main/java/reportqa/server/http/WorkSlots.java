package reportqa.server.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import reportqa.server.mcp.WorkGate;

/**
 * How many requests of one kind (answers, searches) are worked on at once. Beyond that a request
 * waits a moment for a slot and is then refused with a 503 {@code overloaded} and {@code
 * Retry-After}, instead of queueing without bound until every worker thread is taken and every
 * client times out.
 */
final class WorkSlots implements WorkGate {

    /** How long a question waits for a slot: an answer takes seconds anyway. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(2);
    /** When a refused question is told to try again, in seconds. */
    static final int ANSWER_RETRY_AFTER_SECONDS = 2;
    /** How long a search waits for a slot: a search takes milliseconds, so a longer queue means overload. */
    static final Duration SEARCH_WAIT = Duration.ofSeconds(1);
    /** When a refused search is told to try again, in seconds. */
    static final int SEARCH_RETRY_AFTER_SECONDS = 1;

    /**
     * Uploads read at once: each may hold up to {@link UploadsHandler#MAX_REQUEST_BYTES} of files in
     * memory while they are checked and written.
     */
    static final int UPLOAD_SLOTS = 2;
    /** How long an upload waits for a slot: the one before it is being checked and written. */
    static final Duration UPLOAD_WAIT = Duration.ofSeconds(30);
    /** When a refused upload is told to try again, in seconds. */
    static final int UPLOAD_RETRY_AFTER_SECONDS = 10;

    private final Semaphore slots;
    private final Duration wait;
    private final int retryAfterSeconds;
    private final String refusal;

    /**
     * @param slots requests worked on at once
     * @param wait how long a request waits for a slot before it is refused
     * @param retryAfterSeconds what a refused request is told
     * @param refusal the refusal's message
     */
    WorkSlots(int slots, Duration wait, int retryAfterSeconds, String refusal) {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one slot, not " + slots);
        }
        this.slots = new Semaphore(slots, true);
        this.wait = wait;
        this.retryAfterSeconds = retryAfterSeconds;
        this.refusal = refusal;
    }

    /** Slots for answers (ask and stream). */
    static WorkSlots answers(int slots) {
        return new WorkSlots(
                slots, ANSWER_WAIT, ANSWER_RETRY_AFTER_SECONDS, "too many questions at once; try again in a moment");
    }

    /** Slots for searches. */
    static WorkSlots searches(int slots) {
        return new WorkSlots(
                slots, SEARCH_WAIT, SEARCH_RETRY_AFTER_SECONDS, "too many searches at once; try again in a moment");
    }

    /** Slots for uploads. */
    static WorkSlots uploads() {
        return new WorkSlots(
                UPLOAD_SLOTS,
                UPLOAD_WAIT,
                UPLOAD_RETRY_AFTER_SECONDS,
                "too many uploads at once; try again in a moment");
    }

    /** Work done in a slot. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} in a slot, or refuses with 503 when none frees up in time. */
    void run(Context ctx, Work work) throws Exception {
        if (!acquire()) {
            ctx.header("Retry-After", String.valueOf(retryAfterSeconds));
            throw new ApiException(ErrorCode.OVERLOADED, refusal);
        }
        try {
            work.run();
        } finally {
            slots.release();
        }
    }

    /** Runs an agent's tool call in a slot, or refuses it ({@link WorkGate.Busy}) when none frees up in time. */
    @Override
    public <T> T call(Callable<T> work) throws Exception {
        if (!acquire()) {
            throw new WorkGate.Busy(refusal.replace("in a moment", "in " + retryAfterSeconds + " s"));
        }
        try {
            return work.call();
        } finally {
            slots.release();
        }
    }

    private boolean acquire() {
        try {
            return slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
