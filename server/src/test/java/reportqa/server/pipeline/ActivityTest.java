package reportqa.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Answers under way, and the quiet after them, on a clock of the test's. */
class ActivityTest {

    private static final Duration QUIET = Duration.ofMillis(500);

    @Test
    void quietOnlyOnceNoAnswerIsUnderWayAndNoneEndedWithinTheSpan() {
        // Near the end of the clock's range: it wraps during the test, as nanoTime may.
        AtomicLong clock = new AtomicLong(Long.MAX_VALUE - ms(2_000));
        Activity activity = new Activity(clock::get);
        long since = activity.now();
        assertFalse(activity.quietFor(QUIET, since), "the span is counted from where the wait began");
        clock.addAndGet(ms(500));
        assertTrue(activity.quietFor(QUIET, since));

        Activity.Answering first = activity.begin();
        Activity.Answering second = activity.begin();
        clock.addAndGet(ms(5_000));
        assertFalse(activity.quietFor(QUIET, since), "two answers under way");
        first.close();
        first.close();
        assertFalse(activity.quietFor(QUIET, since), "one still under way, however often the other is closed");
        clock.addAndGet(ms(100));
        second.close();
        clock.addAndGet(ms(499));
        assertFalse(activity.quietFor(QUIET, since), "499 ms after the last answer ended");
        clock.addAndGet(ms(1));
        assertTrue(activity.quietFor(QUIET, since));
        // A wait that begins later counts from its own beginning.
        assertFalse(activity.quietFor(QUIET, activity.now()));
    }

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
