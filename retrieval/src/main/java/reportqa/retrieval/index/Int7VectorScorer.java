package reportqa.retrieval.index;

import java.io.IOException;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.codecs.hnsw.ScalarQuantizedVectorScorer;
import org.apache.lucene.codecs.lucene99.Lucene99ScalarQuantizedVectorScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.quantization.RandomAccessQuantizedByteVectorValues;
import org.apache.lucene.util.quantization.ScalarQuantizer;

/**
 * Lucene's scorer of 7-bit quantised vectors with its dot product done four values at a time
 * ({@link PackedInt7}): the same scores, bit for bit, in less time, for the graph walk of a search
 * and for the graph built when segments merge. Anything else (4-bit vectors, Euclidean or maximum
 * inner product similarity, the float vectors a segment's first graph is built on) is Lucene's
 * own scorer's.
 *
 * <p>The score is Lucene 9.12's ({@code Lucene99ScalarQuantizedVectorScorer}): the integer dot
 * product times the quantiser's constant, plus the query's and the passage's offset corrections,
 * mapped to [0, 1] as {@code max((1 + x) / 2, 0)}. A test compares the two scorers on the same
 * vectors ({@code Int7HnswVectorsFormatTest}).
 */
final class Int7VectorScorer implements FlatVectorsScorer {

    static final Int7VectorScorer INSTANCE = new Int7VectorScorer();

    private static final FlatVectorsScorer LUCENE =
            new Lucene99ScalarQuantizedVectorScorer(DefaultFlatVectorScorer.INSTANCE);

    private Int7VectorScorer() {}

    @Override
    public RandomVectorScorerSupplier getRandomVectorScorerSupplier(
            VectorSimilarityFunction similarity, RandomAccessVectorValues values) throws IOException {
        if (values instanceof RandomAccessQuantizedByteVectorValues quantized && packs(similarity, quantized)) {
            return new Supplier(quantized);
        }
        return LUCENE.getRandomVectorScorerSupplier(similarity, values);
    }

    @Override
    public RandomVectorScorer getRandomVectorScorer(
            VectorSimilarityFunction similarity, RandomAccessVectorValues values, float[] target) throws IOException {
        if (values instanceof RandomAccessQuantizedByteVectorValues quantized && packs(similarity, quantized)) {
            ScalarQuantizer quantizer = quantized.getScalarQuantizer();
            byte[] query = new byte[target.length];
            float offset = ScalarQuantizedVectorScorer.quantizeQuery(target, query, similarity, quantizer);
            return new Scorer(quantized, PackedInt7.of(query), offset, quantizer.getConstantMultiplier());
        }
        return LUCENE.getRandomVectorScorer(similarity, values, target);
    }

    @Override
    public RandomVectorScorer getRandomVectorScorer(
            VectorSimilarityFunction similarity, RandomAccessVectorValues values, byte[] target) throws IOException {
        return LUCENE.getRandomVectorScorer(similarity, values, target);
    }

    /** Whether these vectors are scored here: 7 bits a value, one byte each, by dot product or cosine. */
    private static boolean packs(VectorSimilarityFunction similarity, RandomAccessQuantizedByteVectorValues values) {
        return (similarity == VectorSimilarityFunction.COSINE || similarity == VectorSimilarityFunction.DOT_PRODUCT)
                && values.getScalarQuantizer().getBits() == 7
                && values.getVectorByteLength() == values.dimension();
    }

    @Override
    public String toString() {
        return "Int7VectorScorer(" + LUCENE + ")";
    }

    /** Scores the stored vectors against one query, as Lucene does (see the class comment). */
    private static final class Scorer extends RandomVectorScorer.AbstractRandomVectorScorer {
        private final RandomAccessQuantizedByteVectorValues values;
        private final PackedInt7 query;
        private final float queryOffset;
        private final float multiplier;

        Scorer(RandomAccessQuantizedByteVectorValues values, PackedInt7 query, float queryOffset, float multiplier) {
            super(values);
            this.values = values;
            this.query = query;
            this.queryOffset = queryOffset;
            this.multiplier = multiplier;
        }

        @Override
        public float score(int node) throws IOException {
            int dot = query.dot(values.vectorValue(node));
            float adjusted = dot * multiplier + queryOffset + values.getScoreCorrectionConstant(node);
            return Math.max((1 + adjusted) / 2, 0);
        }
    }

    /** Scorers for graph building: one stored vector against the others. */
    private static final class Supplier implements RandomVectorScorerSupplier {
        private final RandomAccessQuantizedByteVectorValues values;

        Supplier(RandomAccessQuantizedByteVectorValues values) {
            this.values = values;
        }

        @Override
        public RandomVectorScorer scorer(int ord) throws IOException {
            // The query is read from these values and packed (a copy) before the copy scores others.
            PackedInt7 query = PackedInt7.of(values.vectorValue(ord));
            return new Scorer(
                    values.copy(),
                    query,
                    values.getScoreCorrectionConstant(ord),
                    values.getScalarQuantizer().getConstantMultiplier());
        }

        @Override
        public RandomVectorScorerSupplier copy() throws IOException {
            return new Supplier(values.copy());
        }
    }
}
