package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A scan shared with a helper finds what the caller alone finds, however the chunks fall between
 * them, and a helper's failure is thrown to the caller rather than leaving it waiting.
 */
class SignScanTest {

    private static final int DIMS = 64;

    private final ExecutorService helper = Executors.newSingleThreadExecutor(r -> new Thread(r, "helper"));

    @AfterEach
    void stop() {
        helper.shutdownNow();
    }

    @Test
    void aHelpedScanFindsWhatTheCallerAloneFinds() {
        SplittableRandom random = new SplittableRandom(21);
        SegmentSigns segment = segment(random, 5 * SignScan.CHUNK + 123);
        FixedBitSet accepted = new FixedBitSet(segment.count() * 2);
        for (int d = 0; d < accepted.length(); d++) {
            if (random.nextInt(5) > 0) {
                accepted.set(d);
            }
        }
        AtomicInteger ran = new AtomicInteger();
        Executor counted = task -> helper.execute(() -> {
            ran.incrementAndGet();
            task.run();
        });
        Executor late = task -> helper.execute(() -> {
            sleep(5);
            task.run();
        });
        Executor refusing = task -> {
            throw new RejectedExecutionException("busy");
        };
        SignScan alone = new SignScan(null);
        for (int q = 0; q < 20; q++) {
            SignBits query = SignBits.query(vector(random));
            for (int k : new int[] {1, 50, 3_000}) {
                for (Bits filter : new Bits[] {null, accepted}) {
                    int[] expected = alone.shortlist(segment, filter, query, k);
                    assertEquals(k, expected.length);
                    for (Executor e : List.of(counted, late, refusing)) {
                        assertArrayEquals(expected, new SignScan(e).shortlist(segment, filter, query, k));
                    }
                }
            }
        }
        assertTrue(ran.get() > 0, "the helper ran");
    }

    @Test
    void aSmallSegmentIsNeverHandedOver() {
        SegmentSigns segment = segment(new SplittableRandom(2), SignScan.HELPED_FROM - 1);
        Executor never = task -> {
            throw new AssertionError("a helper was offered");
        };
        SignBits query = SignBits.query(vector(new SplittableRandom(3)));
        assertEquals(10, new SignScan(never).shortlist(segment, null, query, 10).length);
    }

    @Test
    void aHelpersFailureIsTheCallersAndNobodyWaitsForever() {
        SegmentSigns segment = segment(new SplittableRandom(4), 6 * SignScan.CHUNK);
        CountDownLatch helperStarted = new CountDownLatch(1);
        Bits failingInTheHelper = new Bits() {
            @Override
            public boolean get(int index) {
                if (Thread.currentThread().getName().equals("helper")) {
                    helperStarted.countDown();
                    throw new IllegalArgumentException("a damaged filter");
                }
                // The caller keeps to its first chunk until the helper has taken one.
                await(helperStarted);
                return true;
            }

            @Override
            public int length() {
                return segment.count();
            }
        };
        SignBits query = SignBits.query(vector(new SplittableRandom(5)));
        IllegalStateException e = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThrows(IllegalStateException.class, () -> new SignScan(helper)
                        .shortlist(segment, failingInTheHelper, query, 10)));
        assertTrue(e.getCause() instanceof IllegalArgumentException, e.toString());
    }

    private static SegmentSigns segment(SplittableRandom random, int count) {
        int words = SignBits.words(DIMS);
        long[] signs = new long[count * words];
        short[] positives = new short[count];
        int[] docs = new int[count];
        for (int ord = 0; ord < count; ord++) {
            SignBits.encode(vector(random), signs, ord * words);
            positives[ord] = (short) SignBits.positives(signs, ord * words, words);
            docs[ord] = 2 * ord + 1; // every other document has a vector, as passages among reports
        }
        return new SegmentSigns(words, count, true, signs, positives, docs);
    }

    private static float[] vector(SplittableRandom random) {
        float[] v = new float[DIMS];
        for (int k = 0; k < DIMS; k++) {
            v[k] = (float) random.nextGaussian();
        }
        return v;
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
