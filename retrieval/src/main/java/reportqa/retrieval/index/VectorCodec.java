package reportqa.retrieval.index;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * The codec the index is written with: Lucene's default, with passage vectors written by {@link
 * SignScanVectorsFormat} (the floats, and the signs of their values, which a search scans to
 * shortlist the passages it scores on the floats). Read back by name: the segments record the
 * format, and Lucene finds it without this class.
 */
final class VectorCodec {

    static final Codec CODEC = new Lucene912Codec() {
        private final KnnVectorsFormat vectors = new SignScanVectorsFormat();

        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return vectors;
        }
    };

    private VectorCodec() {}
}
