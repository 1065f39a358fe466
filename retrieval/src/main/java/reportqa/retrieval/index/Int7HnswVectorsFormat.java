package reportqa.retrieval.index;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99ScalarQuantizedVectorsReader;
import org.apache.lucene.codecs.lucene99.Lucene99ScalarQuantizedVectorsWriter;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.search.TaskExecutor;

/**
 * Lucene's HNSW graph over 7-bit quantised vectors ({@code Lucene99HnswScalarQuantizedVectorsFormat},
 * the same files) scored by {@link Int7VectorScorer}. A format of its own, registered by name
 * ({@code META-INF/services}), since a segment records the format its vectors were written with and
 * is read back with that format's scorer.
 *
 * <p>The graph's shape (neighbours per node, beam width while building) is the writer's; a reader
 * needs neither, and Lucene reads segments with the no-argument instance.
 */
public final class Int7HnswVectorsFormat extends KnnVectorsFormat {

    /** The name segments record. */
    public static final String NAME = "ReportQAInt7Hnsw";

    private static final FlatVectorsFormat RAW =
            new Lucene99FlatVectorsFormat(FlatVectorScorerUtil.getLucene99FlatVectorsScorer());

    private final int maxConn;
    private final int beamWidth;
    private final int mergeWorkers;
    private final TaskExecutor mergeExecutor;

    /** For reading (Lucene's name lookup): the graph's shape is the writer's. */
    public Int7HnswVectorsFormat() {
        this(16, 100, 1, null);
    }

    /**
     * @param maxConn neighbours per node (twice as many on the graph's bottom level)
     * @param beamWidth candidates kept while a node's neighbours are chosen
     * @param mergeWorkers threads that build a merged segment's graph (1: the merging thread)
     * @param mergeThreads where they run, or null with one worker
     */
    public Int7HnswVectorsFormat(int maxConn, int beamWidth, int mergeWorkers, ExecutorService mergeThreads) {
        super(NAME);
        if (maxConn < 1 || beamWidth < 1 || mergeWorkers < 1) {
            throw new IllegalArgumentException("maxConn, beamWidth and mergeWorkers must be positive");
        }
        if ((mergeWorkers > 1) != (mergeThreads != null)) {
            throw new IllegalArgumentException("more than one merge worker needs threads, and one needs none");
        }
        this.maxConn = maxConn;
        this.beamWidth = beamWidth;
        this.mergeWorkers = mergeWorkers;
        this.mergeExecutor = mergeThreads == null ? null : new TaskExecutor(mergeThreads);
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        // Confidence interval null: Lucene's default for the dimension; 7 bits, one byte a value.
        return new Lucene99HnswVectorsWriter(
                state,
                maxConn,
                beamWidth,
                new Lucene99ScalarQuantizedVectorsWriter(
                        state, null, (byte) 7, false, RAW.fieldsWriter(state), Int7VectorScorer.INSTANCE),
                mergeWorkers,
                mergeExecutor);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return new Lucene99HnswVectorsReader(
                state,
                new Lucene99ScalarQuantizedVectorsReader(state, RAW.fieldsReader(state), Int7VectorScorer.INSTANCE));
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return 1024;
    }

    @Override
    public String toString() {
        return NAME + "(maxConn=" + maxConn + ", beamWidth=" + beamWidth + ", mergeWorkers=" + mergeWorkers + ")";
    }
}
