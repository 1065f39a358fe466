package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SignBitsTest {

    @Test
    void aVectorsSignsAreOneBitADimensionTailIncluded() {
        float[] v = new float[70];
        v[0] = 0.5f;
        v[63] = 1e-9f;
        v[64] = 2f;
        v[69] = 3f;
        v[1] = -1f;
        v[2] = 0f; // zero is not positive
        long[] out = {-1, -1, -1};
        SignBits.encode(v, out, 1);
        assertEquals(-1, out[0], "words before the vector's are left alone");
        assertEquals((1L << 63) | 1L, out[1]);
        assertEquals((1L << 5) | 1L, out[2]);
        assertEquals(2, SignBits.words(70));
        assertEquals(8, SignBits.words(512));
        assertEquals(1, SignBits.words(64));
    }

    @Test
    void theEstimateIsTheSumOfTheQuerysRoundedValuesWherePassagesArePositive() {
        SplittableRandom random = new SplittableRandom(3);
        for (int dims : new int[] {5, 64, 130, 512, 600}) {
            float[] query = gaussian(random, dims);
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float x : query) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            float step = (max - min) / 15;
            SignBits estimator = SignBits.query(query);
            for (int n = 0; n < 20; n++) {
                float[] passage = gaussian(random, dims);
                long[] codes = new long[SignBits.words(dims)];
                SignBits.encode(passage, codes, 0);
                double expected = 0;
                for (int k = 0; k < dims; k++) {
                    if (passage[k] > 0) {
                        expected += min + step * Math.round((query[k] - min) / step);
                    }
                }
                assertEquals(
                        expected,
                        estimator.estimate(codes, 0, SignBits.positives(codes, 0, codes.length)),
                        1e-3 * dims,
                        "dims " + dims);
            }
        }
    }

    @Test
    void theEstimateRanksPassagesAsTheirDotProductsDo() {
        // Signs only: a passage of +1s and -1s is its own sign vector, so the estimate orders such
        // passages as the exact dot product does, up to the query's rounding.
        SplittableRandom random = new SplittableRandom(9);
        float[] query = gaussian(random, 256);
        SignBits estimator = SignBits.query(query);
        float[] a = new float[256];
        float[] b = new float[256];
        for (int k = 0; k < 256; k++) {
            a[k] = query[k] > 0 ? 1 : -1; // agrees with the query everywhere
            b[k] = k % 2 == 0 ? a[k] : -a[k]; // on half the dimensions
        }
        long[] codes = new long[8];
        SignBits.encode(a, codes, 0);
        SignBits.encode(b, codes, 4);
        assertEquals(
                1,
                Float.compare(
                        estimator.estimate(codes, 0, SignBits.positives(codes, 0, 4)),
                        estimator.estimate(codes, 4, SignBits.positives(codes, 4, 4))));
    }

    @Test
    void aQueryOfEqualValuesCountsPositiveDimensions() {
        float[] query = {0.25f, 0.25f, 0.25f};
        long[] codes = new long[1];
        SignBits.encode(new float[] {1, -1, 1}, codes, 0);
        assertEquals(2, SignBits.positives(codes, 0, 1));
        assertEquals(0.5f, SignBits.query(query).estimate(codes, 0, 2), 0f);
    }

    @Test
    void aQueryWithAValueThatIsNotFiniteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SignBits.query(new float[] {1, Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> SignBits.query(new float[] {Float.POSITIVE_INFINITY}));
    }

    private static float[] gaussian(SplittableRandom random, int dims) {
        float[] v = new float[dims];
        for (int k = 0; k < dims; k++) {
            v[k] = (float) random.nextGaussian();
        }
        return v;
    }
}
