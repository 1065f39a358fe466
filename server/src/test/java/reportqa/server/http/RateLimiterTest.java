package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-client token buckets, on a clock the test moves. */
class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(123 * SECOND);

    @Test
    void aBurstOfAMinutesWorthPassesThenOneEveryShareOfAMinute() {
        RateLimiter limiter = new RateLimiter(6, 100, now::get);
        for (int i = 0; i < 6; i++) {
            assertEquals(0, limiter.acquire("a"), "request " + (i + 1));
        }
        assertEquals(10, limiter.acquire("a"), "one token every 10 s");
        assertEquals(0, limiter.acquire("b"), "another client has its own bucket");
        now.addAndGet(4 * SECOND);
        assertEquals(6, limiter.acquire("a"), "a refused request takes nothing");
        now.addAndGet(7 * SECOND);
        assertEquals(0, limiter.acquire("a"));
        assertEquals(9, limiter.acquire("a"), "a tenth of a token was left over");
        now.addAndGet(3_600 * SECOND);
        for (int i = 0; i < 6; i++) {
            assertEquals(0, limiter.acquire("a"), "a long pause refills a minute's worth, no more");
        }
        assertTrue(limiter.acquire("a") > 0);
    }

    @Test
    void aFloodOfClientsCannotGrowTheMapBeyondItsBound() {
        RateLimiter limiter = new RateLimiter(120, 1_000, now::get);
        for (int i = 0; i < 100_000; i++) {
            limiter.acquire("address 10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
            assertTrue(limiter.clients() <= 1_000);
        }
        assertEquals(1_000, limiter.clients());
    }

    @Test
    void idleClientsAreForgottenWhenTheirBucketIsFullAgainButBusyOnesAreKept() {
        RateLimiter limiter = new RateLimiter(60, 1_000, now::get);
        for (int i = 0; i < 500; i++) {
            limiter.acquire("idle " + i);
        }
        for (int i = 0; i < 60; i++) {
            limiter.acquire("busy");
        }
        assertEquals(501, limiter.clients());
        assertEquals(1, limiter.acquire("busy"));
        // A second later the idle clients' buckets (59 of 60 tokens) are full again; busy's is not.
        now.addAndGet(SECOND);
        limiter.acquire("newcomer");
        assertEquals(2, limiter.clients(), "idle clients forgotten, busy and newcomer kept");
        assertEquals(0, limiter.acquire("busy"), "one token came back in that second");
        assertEquals(1, limiter.acquire("busy"), "and only one: forgetting the idle did not reset it");
    }
}
