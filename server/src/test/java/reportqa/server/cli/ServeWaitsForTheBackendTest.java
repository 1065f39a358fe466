package reportqa.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.search.SearchUnavailableException;

/** {@code serve} waits for a search backend that cannot answer yet instead of stopping (issue #14). */
class ServeWaitsForTheBackendTest {

    private static final Duration PAUSE = Duration.ofMillis(10);

    @Test
    void aBackendThatCannotAnswerYetIsTriedAgainUntilItDoes() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        IOException unreachable = new IOException("disk");
        assertSame(
                null,
                ServeCommand.openWaitingForTheBackend(
                        () -> {
                            if (tries.incrementAndGet() < 4) {
                                throw new SearchUnavailableException("cluster down", null);
                            }
                            return null;
                        },
                        () -> false,
                        PAUSE));
        assertEquals(4, tries.get());

        // Any other failure ends the start at once, as before.
        tries.set(0);
        assertSame(
                unreachable,
                assertThrows(
                        IOException.class,
                        () -> ServeCommand.openWaitingForTheBackend(
                                () -> {
                                    tries.incrementAndGet();
                                    throw unreachable;
                                },
                                () -> false,
                                PAUSE)));
        assertEquals(1, tries.get());
    }

    @Test
    void aStopEndsTheWaiting() {
        AtomicInteger tries = new AtomicInteger();
        SearchUnavailableException down = new SearchUnavailableException("cluster down", null);
        assertSame(
                down,
                assertThrows(
                        SearchUnavailableException.class,
                        () -> ServeCommand.openWaitingForTheBackend(
                                () -> {
                                    tries.incrementAndGet();
                                    throw down;
                                },
                                () -> tries.get() >= 2,
                                PAUSE)));
        assertEquals(2, tries.get());
    }
}
