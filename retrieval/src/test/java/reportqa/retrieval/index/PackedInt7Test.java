package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;

/** Four products to a multiplication give the very integer Lucene's loop gives. */
class PackedInt7Test {

    @Test
    void theDotProductIsLucenesForAnyLengthAndAnyValues() {
        SplittableRandom random = new SplittableRandom(3);
        for (int dims : new int[] {1, 7, 8, 13, 64, 384, 512, 1023}) {
            for (int trial = 0; trial < 200; trial++) {
                byte[] query = random(random, dims);
                PackedInt7 packed = PackedInt7.of(query);
                assertEquals(dims, packed.dimensions());
                byte[] other = random(random, dims);
                assertEquals(VectorUtil.dotProduct(query, other), packed.dot(other), dims + " dims");
            }
        }
    }

    @Test
    void theLargestValuesDoNotCarryIntoTheNextLane() {
        // Every lane at its largest: 127 × 127 × 4 = 64,516, the most a lane can hold below 65,536.
        byte[] max = new byte[512];
        Arrays.fill(max, (byte) PackedInt7.MAX_VALUE);
        assertEquals(512 * 127 * 127, PackedInt7.of(max).dot(max));
        byte[] zeros = new byte[512];
        assertEquals(0, PackedInt7.of(max).dot(zeros));
        assertEquals(0, PackedInt7.of(zeros).dot(max));
    }

    @Test
    void aQueryOutsideSevenBitsIsRefused() {
        byte[] query = new byte[16];
        query[5] = (byte) 200;
        assertThrows(IllegalArgumentException.class, () -> PackedInt7.of(query));
    }

    @Test
    void theQueryIsCopied() {
        byte[] query = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        byte[] other = {9, 8, 7, 6, 5, 4, 3, 2, 1};
        PackedInt7 packed = PackedInt7.of(query);
        int before = packed.dot(other);
        Arrays.fill(query, (byte) 0);
        assertEquals(before, packed.dot(other));
    }

    private static byte[] random(SplittableRandom random, int dims) {
        byte[] out = new byte[dims];
        for (int i = 0; i < dims; i++) {
            // Mostly spread, now and then the extremes.
            int r = random.nextInt(10);
            out[i] = (byte) (r == 0 ? 0 : r == 1 ? 127 : random.nextInt(128));
        }
        return out;
    }
}
