package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
