package reportqa.retrieval.index;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;

/**
 * The codec the index is written with: Lucene's default, with passage vectors kept twice, as
 * written (32-bit floats) and quantised to 7-bit integers, the graph built and walked on the
 * integers. A walk then reads a quarter of the bytes (at 333,920 passages, 170 MB instead of the 680
 * MB of floats that a long-running server otherwise holds resident); the candidates it finds are
 * scored again on their floats ({@code DenseSearch}), so the passages found are scored and ordered as
 * an exact scan would (which ones are found stays approximate, as with float graphs).
 * Read back by name: the segments record the format, and Lucene finds it without this class.
 */
final class VectorCodec {

    static final Codec CODEC = new Lucene912Codec() {
        private final KnnVectorsFormat vectors = new Lucene99HnswScalarQuantizedVectorsFormat();

        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return vectors;
        }
    };

    private VectorCodec() {}
}
