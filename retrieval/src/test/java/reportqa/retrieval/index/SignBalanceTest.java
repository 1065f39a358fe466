package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SignBalanceTest {

    @Test
    void vectorsOfBothSignsAreScannedVectorsOfCountsAreNot() {
        SplittableRandom random = new SplittableRandom(6);
        SignBalance gaussian = new SignBalance(32);
        SignBalance counts = new SignBalance(32);
        for (int n = 0; n < 1_000; n++) {
            float[] g = new float[32];
            float[] c = new float[32];
            for (int k = 0; k < 32; k++) {
                g[k] = (float) random.nextGaussian();
                c[k] = random.nextInt(100) == 0 ? 0 : 1 + random.nextInt(5);
            }
            gaussian.add(g);
            counts.add(c);
        }
        assertEquals(32, gaussian.balancedDimensions());
        assertTrue(gaussian.scannable());
        assertEquals(0, counts.balancedDimensions());
        assertFalse(counts.scannable());
    }

    @Test
    void halfTheDimensionsBalancedIsEnough() {
        SignBalance balance = new SignBalance(4);
        // Dimensions 0 and 1 negative in half the vectors; 2 never; 3 in 5 of 100 (the least share),
        // positive in the others.
        for (int n = 0; n < 100; n++) {
            balance.add(new float[] {n % 2 == 0 ? 1 : -1, n % 2 == 0 ? -1 : 1, 1, n < 5 ? -1 : 1});
        }
        assertEquals(3, balance.balancedDimensions());
        assertTrue(balance.scannable());
        SignBalance fewer = new SignBalance(4);
        for (int n = 0; n < 100; n++) {
            // Zero is neither sign: dimension 3, half zeros, does not count.
            fewer.add(new float[] {n % 2 == 0 ? 1 : -1, 1, 1, n % 2 == 0 ? 1 : 0});
        }
        assertEquals(1, fewer.balancedDimensions());
        assertFalse(fewer.scannable());
    }

    @Test
    void tooFewVectorsAreNotJudgedAndSearchedExactly() {
        SignBalance few = new SignBalance(2);
        for (int n = 0; n < SignBalance.LEAST_VECTORS - 1; n++) {
            few.add(new float[] {n % 2 == 0 ? 1 : -1, n % 2 == 0 ? -1 : 1});
        }
        assertEquals(2, few.balancedDimensions());
        assertFalse(few.judged());
        assertFalse(few.scannable());
        few.add(new float[] {1, -1});
        assertTrue(few.judged());
        assertTrue(few.scannable());
        assertFalse(new SignBalance(8).scannable(), "an empty field");
    }
}
