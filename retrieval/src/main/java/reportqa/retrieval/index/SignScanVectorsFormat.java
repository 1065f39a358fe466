package reportqa.retrieval.index;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import reportqa.retrieval.concurrent.DaemonThreads;

/**
 * Passage vectors kept as written (Lucene's flat format, 32-bit floats) and as the signs of their
 * values ({@link SignBits}, one bit a dimension: 64 bytes for the model's 512), searched by a scan
 * rather than a graph: every vector the search may return is estimated from its signs, the best
 * {@code k} estimates are scored on their floats, and those scores are the ones returned.
 *
 * <p>Why a scan: on the real model's vectors of 333,920 passages (issue #10), Lucene's HNSW graph
 * had to be made denser (32 neighbours, a build beam of 200: a final merge of nine minutes) and
 * walked 1,200 wide (13 ms) to find 0.98 of the exact top 10 on the queries it was tuned on, and
 * still found 0.964 on others; its merges, run on several threads, built another graph each time.
 * The scan estimates 333,920 passages from 21 MB of signs in about 5 ms on one core (less with a
 * helper on another, {@link SignScan}), and its 1,200 best hold 0.994 of the exact top 10 on the
 * tuning queries, 0.993 and 0.977 on held-out ones (BENCHMARKS.md, stop 37); it is the same for the
 * same vectors whatever the segments were merged from, and writing it costs no more than writing the
 * floats.
 *
 * <p>For the dot product and cosine of normalised vectors (the signs say nothing of a vector's
 * length), floats only. A format of its own, registered by name ({@code META-INF/services}): a
 * segment records the format its vectors were written with.
 */
public final class SignScanVectorsFormat extends KnnVectorsFormat {

    /** The name segments record. */
    public static final String NAME = "ReportQASignScan";

    static final String META_CODEC = "ReportQASignScanMeta";
    static final String DATA_CODEC = "ReportQASignScanData";
    static final String META_EXTENSION = "vsm";
    static final String DATA_EXTENSION = "vsd";
    static final int VERSION = 0;

    private static final FlatVectorsFormat RAW =
            new Lucene99FlatVectorsFormat(FlatVectorScorerUtil.getLucene99FlatVectorsScorer());

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** The scans: with a helper thread when the machine has a core besides the caller's. */
    private static final SignScan SCAN = new SignScan(CORES < 2 ? null : helpers(CORES - 1));

    /** Also Lucene's name lookup's. */
    public SignScanVectorsFormat() {
        super(NAME);
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return new SignScanVectorsWriter(state, RAW.fieldsWriter(state));
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return new SignScanVectorsReader(state, RAW.fieldsReader(state), SCAN);
    }

    /**
     * A thread for every core but the caller's, a short queue (a helper queued behind others finds
     * its scan done when it starts), and threads that end when idle.
     */
    private static ThreadPoolExecutor helpers(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(2 * CORES),
                new DaemonThreads("reportqa-vector-scan"),
                new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return 1024;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
