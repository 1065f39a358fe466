package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShortlistTest {

    @Test
    void keepsTheBestEstimatesInOrdinalOrder() {
        SplittableRandom random = new SplittableRandom(1);
        for (int capacity : new int[] {1, 7, 100}) {
            float[] estimates = new float[1_000];
            for (int i = 0; i < estimates.length; i++) {
                estimates[i] = (float) random.nextGaussian();
            }
            Shortlist list = new Shortlist(capacity);
            for (int i = 0; i < estimates.length; i++) {
                list.offer(i, estimates[i]);
            }
            int[] expected = IntStream.range(0, estimates.length)
                    .boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -estimates[i]))
                    .limit(capacity)
                    .mapToInt(Integer::intValue)
                    .sorted()
                    .toArray();
            assertArrayEquals(expected, list.ords(), "capacity " + capacity);
        }
    }

    @Test
    void equalEstimatesRankTheLowerOrdinalFirstThroughEveryCut() {
        // Few distinct estimates, negative ones and both zeros among them, far more offers than the
        // buffer holds: cut back many times.
        SplittableRandom random = new SplittableRandom(4);
        float[] estimates = new float[5_000];
        for (int i = 0; i < estimates.length; i++) {
            estimates[i] = random.nextInt(12) - 6 + (random.nextBoolean() ? 0f : -0f);
        }
        Shortlist list = new Shortlist(50);
        for (int i = 0; i < estimates.length; i++) {
            list.offer(i, estimates[i]);
        }
        int[] expected = IntStream.range(0, estimates.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -estimates[i]).thenComparing(i -> i))
                .limit(50)
                .mapToInt(Integer::intValue)
                .sorted()
                .toArray();
        assertArrayEquals(expected, list.ords());
    }

    @Test
    void keysOrderAsTheEstimateThenTheOrdinalReversed() {
        float[] ascending = {Float.NEGATIVE_INFINITY, -3.5f, -1e-30f, 0f, 1e-30f, 2f, Float.MAX_VALUE};
        for (int i = 1; i < ascending.length; i++) {
            assertTrue(Shortlist.key(7, ascending[i - 1]) < Shortlist.key(7, ascending[i]), "at " + ascending[i]);
        }
        assertTrue(Shortlist.key(3, 1f) > Shortlist.key(4, 1f));
        assertTrue(Shortlist.key(Integer.MAX_VALUE - 1, 1f) > Shortlist.key(0, 0.99f));
    }

    @Test
    void selectionPutsTheNthValueWhereASortWould() {
        SplittableRandom random = new SplittableRandom(8);
        for (int n : new int[] {1, 2, 3, 10, 500}) {
            for (int trial = 0; trial < 20; trial++) {
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = trial % 2 == 0 ? random.nextLong() : random.nextInt(4); // ties too
                }
                long[] sorted = values.clone();
                Arrays.sort(sorted);
                int nth = random.nextInt(n);
                Shortlist.select(values, 0, n - 1, nth);
                assertEquals(sorted[nth], values[nth], "n " + n + ", nth " + nth);
                for (int i = 0; i < n; i++) {
                    assertTrue(i < nth ? values[i] <= values[nth] : values[i] >= values[nth], "at " + i);
                }
            }
        }
    }

    @Test
    void fewerOffersThanItsCapacityAreAllKept() {
        Shortlist list = new Shortlist(10);
        list.offer(5, 1f);
        list.offer(2, -3f);
        list.offer(9, 0f);
        assertArrayEquals(new int[] {2, 5, 9}, list.ords());
        assertArrayEquals(new int[0], new Shortlist(3).ords());
    }

    @Test
    void anEqualEstimateDoesNotDisplaceOneKept() {
        Shortlist list = new Shortlist(2);
        list.offer(0, 1f);
        list.offer(1, 1f);
        list.offer(2, 1f);
        assertArrayEquals(new int[] {0, 1}, list.ords());
        list.offer(3, 2f);
        int[] kept = list.ords();
        assertEquals(2, kept.length);
        assertEquals(3, kept[1], "a better estimate displaces one of the equal ones");
    }

    @Test
    void anEmptyShortlistIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Shortlist(0));
    }
}
