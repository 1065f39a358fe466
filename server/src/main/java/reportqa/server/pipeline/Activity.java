package reportqa.server.pipeline;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether questions are being answered, and when the last one was: what work that can wait (the
 * warm-up's later questions, {@link WarmUp#inBackground}) asks before it takes the two cores from a
 * user's question. Counted by the {@link AnswerPipeline} around each answer; safe for concurrent use.
 */
public final class Activity {

    /** An answer under way; closing it marks it done. */
    public interface Answering extends AutoCloseable {
        @Override
        void close();
    }

    private final AtomicInteger answering = new AtomicInteger();
    private final AtomicLong lastDone;
    private final LongSupplier nanos;

    public Activity() {
        this(System::nanoTime);
    }

    /** @param nanos the clock, in nanoseconds (a test's own) */
    Activity(LongSupplier nanos) {
        this.nanos = nanos;
        this.lastDone = new AtomicLong(nanos.getAsLong());
    }

    /** Marks an answer begun; close what this returns when it is done, however it ends (once counts). */
    public Answering begin() {
        answering.incrementAndGet();
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                lastDone.set(nanos.getAsLong());
                answering.decrementAndGet();
            }
        };
    }

    /**
     * Whether no answer is under way and none has been for {@code quiet}, counted from {@code since}
     * (a {@link #now} reading) or from the last answer's end, whichever came later.
     */
    public boolean quietFor(Duration quiet, long since) {
        if (answering.get() > 0) {
            return false;
        }
        // Readings of a nanosecond clock are compared by their difference only (they may wrap).
        long last = lastDone.get();
        long from = last - since > 0 ? last : since;
        return nanos.getAsLong() - from >= quiet.toNanos();
    }

    /** This activity's clock now, in nanoseconds: where a {@link #quietFor} wait begins. */
    public long now() {
        return nanos.getAsLong();
    }
}
