package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SpareCoreTest {

    @Test
    void aStepsResultAndItsFailureReachTheCallerAsACallWouldGiveThem() throws IOException {
        assertEquals(42, SpareCore.result(SpareCore.start(() -> 42)));
        IOException unreadable = new IOException("segment gone");
        IOException thrown = assertThrows(
                IOException.class,
                () -> SpareCore.result(SpareCore.start(() -> {
                    throw unreadable;
                })));
        assertSame(unreadable, thrown);
        IllegalStateException broken = new IllegalStateException("no vector");
        assertSame(
                broken,
                assertThrows(
                        IllegalStateException.class,
                        () -> SpareCore.result(SpareCore.start(() -> {
                            throw broken;
                        }))));
    }

    @Test
    void stepsAreHandedOverOnlyWhileTheSearchesInFlightLeaveACore() throws Exception {
        Thread caller = Thread.currentThread();
        CountDownLatch release = new CountDownLatch(1);
        List<SpareCore.Started<String>> inFlight = new ArrayList<>();
        try {
            // Steps that hold their core until released; one that runs on the caller returns at once.
            // Each handed over counts two threads (its own and its caller's): on two cores the first
            // is handed over, the second is not; on one core none is.
            SpareCore.Started<String> last;
            do {
                last = SpareCore.start(() -> {
                    if (Thread.currentThread() != caller) {
                        awaitQuietly(release);
                    }
                    return Thread.currentThread().getName();
                });
                inFlight.add(last);
            } while (last.threads() == 2);
            int handedOver = inFlight.size() - 1;
            assertEquals(Runtime.getRuntime().availableProcessors() / 2, handedOver, "steps handed over");
            assertEquals(caller.getName(), SpareCore.result(inFlight.remove(inFlight.size() - 1)));
            // With the cores taken, the next step runs on the caller too.
            SpareCore.Started<String> next =
                    SpareCore.start(() -> Thread.currentThread().getName());
            assertEquals(1, next.threads());
            assertEquals(caller.getName(), SpareCore.result(next));
        } finally {
            release.countDown();
        }
        for (SpareCore.Started<String> s : inFlight) {
            // Handed over, a step still runs on the caller when no pool thread is idle yet: either way
            // its result comes back.
            assertTrue(!SpareCore.result(s).isEmpty());
        }
        // Their ends give the cores back: a step is handed over again (when there are two cores).
        SpareCore.Started<String> again =
                SpareCore.start(() -> Thread.currentThread().getName());
        SpareCore.result(again);
        assertEquals(Runtime.getRuntime().availableProcessors() >= 2 ? 2 : 1, again.threads(), "threads counted");
    }

    @Test
    void aStepNoLongerWantedIsWaitedForAndItsFailureKeptOnTheCallersOwn() {
        RuntimeException callers = new RuntimeException("embedding failed");
        IOException steps = new IOException("search failed");
        SpareCore.finish(
                SpareCore.start(() -> {
                    throw steps;
                }),
                callers);
        assertEquals(List.of(steps), List.of(callers.getSuppressed()));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
