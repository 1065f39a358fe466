package reportqa.retrieval.index;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * The codec the index is written with: Lucene's default, with passage vectors kept twice, as
 * written (32-bit floats) and quantised to 7-bit integers, the graph built and walked on the
 * integers ({@link Int7HnswVectorsFormat}: Lucene's format with a faster dot product). A walk then
 * reads a quarter of the bytes (at 333,920 passages, 170 MB instead of the 680 MB of floats that a
 * long-running server otherwise holds resident); the candidates it finds are scored again on their
 * floats ({@code DenseSearch}), so the passages found are scored and ordered as an exact scan would
 * (which ones are found stays approximate, as with float graphs). Read back by name: the segments
 * record the format, and Lucene finds it without this class.
 *
 * <p>The graph is denser than Lucene's default (32 neighbours a node, not 16; 200 candidates while
 * choosing them, not 100): on the real model's vectors of 333,920 passages Lucene's default graph
 * found 0.922 of the exact top 10 walked 1,600 wide (17.8 ms), this one 0.984 (BENCHMARKS.md, stop
 * 35). It costs time to build, which merge workers on every core share.
 */
final class VectorCodec {

    /** Neighbours a node of the graph keeps (twice as many on its bottom level). */
    static final int NEIGHBOURS = 32;

    /** Candidates kept while a new node's neighbours are chosen. */
    static final int BUILD_BEAM = 200;

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Daemons: a merge in flight never keeps a JVM up, and an idle pool costs nothing. */
    private static final ExecutorService MERGE_THREADS = CORES > 1
            ? Executors.newFixedThreadPool(CORES, task -> {
                Thread t = new Thread(task, "reportqa-graph-merge-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            })
            : null;

    static final Codec CODEC = new Lucene912Codec() {
        private final KnnVectorsFormat vectors =
                new Int7HnswVectorsFormat(NEIGHBOURS, BUILD_BEAM, CORES, MERGE_THREADS);

        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return vectors;
        }
    };

    private VectorCodec() {}
}
