package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
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
    void whenEveryCoreIsBusyTheStepRunsOnTheCaller() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(cores);
        List<Future<String>> busy = new ArrayList<>();
        try {
            // Fill every thread the pool may have: each waits until released.
            for (int i = 0; i < cores; i++) {
                busy.add(SpareCore.start(() -> {
                    running.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Thread.currentThread().getName();
                }));
            }
            // Threads of the pool are started lazily and may still be finishing an earlier test's
            // steps: wait until every one of these runs somewhere.
            running.await(30, TimeUnit.SECONDS);
            Future<String> next = SpareCore.start(() -> Thread.currentThread().getName());
            assertEquals(Thread.currentThread().getName(), SpareCore.result(next));
        } finally {
            release.countDown();
        }
        for (Future<String> f : busy) {
            SpareCore.result(f);
        }
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
}
