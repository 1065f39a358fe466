package reportqa.server.http;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code perMinute} requests a minute from each client: a token bucket per client that holds
 * a minute's worth (a burst of that many passes at once) and refills evenly, one token every
 * {@code 60 / perMinute} seconds.
 *
 * <p>Clients are remembered in a map bounded twice over, so that a flood of addresses costs a bounded
 * amount of memory: when a new client comes, clients idle long enough for their bucket to be full
 * again are forgotten (such a client is no different from a new one), and beyond
 * {@link #MAX_CLIENTS} the longest idle is forgotten whatever its bucket holds (the worst that does is
 * give that client a fresh bucket).
 *
 * <p>A bucket of its own rather than Resilience4j's RateLimiter: that one hands out permits in fixed
 * cycles (a client could send twice the limit across a cycle's end) and its registry never forgets a
 * limiter, so the per-client map and its bounds would be needed around it anyway.
 */
final class RateLimiter {

    /** Clients remembered at most: about 150 bytes each. */
    static final int MAX_CLIENTS = 10_000;

    private static final double MINUTE_NANOS = 60e9;

    private final int perMinute;
    private final int maxClients;
    private final LongSupplier nanoClock;
    /** In access order: the longest idle client first. */
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

    RateLimiter(int perMinute) {
        this(perMinute, MAX_CLIENTS, System::nanoTime);
    }

    /** @param nanoClock {@link System#nanoTime()}, or a test's clock */
    RateLimiter(int perMinute, int maxClients, LongSupplier nanoClock) {
        if (perMinute < 1 || maxClients < 1) {
            throw new IllegalArgumentException("a limit needs a rate and room for a client");
        }
        this.perMinute = perMinute;
        this.maxClients = maxClients;
        this.nanoClock = nanoClock;
    }

    int perMinute() {
        return perMinute;
    }

    /**
     * Takes a token from {@code client}'s bucket: 0 when there was one, else the whole seconds until
     * there will be (at least 1), and nothing is taken.
     */
    synchronized long acquire(String client) {
        long now = nanoClock.getAsLong();
        Bucket b = buckets.get(client);
        if (b == null) {
            forgetIdle(now);
            b = new Bucket(perMinute, now);
            buckets.put(client, b);
        }
        b.refill(now, perMinute);
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        double wait = (1 - b.tokens) * MINUTE_NANOS / perMinute / 1e9;
        return Math.max(1, (long) Math.ceil(wait));
    }

    /** How many clients are remembered. */
    synchronized int clients() {
        return buckets.size();
    }

    private void forgetIdle(long now) {
        Iterator<Bucket> longestIdleFirst = buckets.values().iterator();
        while (longestIdleFirst.hasNext()) {
            Bucket b = longestIdleFirst.next();
            if (buckets.size() < maxClients && !b.fullAt(now, perMinute)) {
                break;
            }
            longestIdleFirst.remove();
        }
    }

    /** A client's tokens as of a moment; touched only under the limiter's lock. */
    private static final class Bucket {

        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        void refill(long now, int perMinute) {
            tokens = Math.min(perMinute, tokens + (now - at) * perMinute / MINUTE_NANOS);
            at = now;
        }

        boolean fullAt(long now, int perMinute) {
            return tokens + (now - at) * perMinute / MINUTE_NANOS >= perMinute;
        }
    }
}
