package reportqa.retrieval.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.FlatVectorsReader;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * Reads and searches a segment's vectors written by {@link SignScanVectorsWriter}. When the segment
 * is opened, the signs are read onto the heap, their checksum verified on the way, with each vector's count
 * of positive values and its document (70 bytes a vector of 512 dimensions: 23 MB for 333,920): a
 * search reads every one of them, and copied out of the mapped file for each search they cost as
 * much again as the scan. A search estimates every vector it may return, keeps the {@code k} best
 * estimates ({@link Shortlist}), and scores those on their floats, in the order they lie on disk.
 */
final class SignScanVectorsReader extends KnnVectorsReader {

    private final FlatVectorsReader raw;
    private final IndexInput data;
    private final SignScan scan;
    private final Map<String, SegmentSigns> fields = new HashMap<>();

    /** Where a field's signs lie in the data file. */
    private record Entry(String field, int words, int count, boolean scannable, long offset) {}

    SignScanVectorsReader(SegmentReadState state, FlatVectorsReader raw, SignScan scan) throws IOException {
        this.raw = raw;
        this.scan = scan;
        IndexInput in = null;
        boolean opened = false;
        try {
            List<Entry> entries = readMeta(state);
            String name = IndexFileNames.segmentFileName(
                    state.segmentInfo.name, state.segmentSuffix, SignScanVectorsFormat.DATA_EXTENSION);
            readSigns(state, name, entries);
            // Kept open for the integrity check only: the signs are on the heap.
            in = state.directory.openInput(name, state.context);
            CodecUtil.retrieveChecksum(in);
            opened = true;
        } finally {
            if (!opened) {
                IOUtils.closeWhileHandlingException(in, raw);
            }
        }
        this.data = in;
    }

    /**
     * Reads every field's signs onto the heap through a checksumming input, which verifies the
     * whole file as it goes: read once, and a damaged byte is found now, not as a wrong shortlist.
     */
    private void readSigns(SegmentReadState state, String name, List<Entry> entries) throws IOException {
        try (ChecksumIndexInput in = state.directory.openChecksumInput(name, state.context)) {
            Throwable failure = null;
            try {
                CodecUtil.checkIndexHeader(
                        in,
                        SignScanVectorsFormat.DATA_CODEC,
                        SignScanVectorsFormat.VERSION,
                        SignScanVectorsFormat.VERSION,
                        state.segmentInfo.getId(),
                        state.segmentSuffix);
                long end = in.length() - CodecUtil.footerLength();
                // In the order they lie in: a checksumming input only reads forward.
                List<Entry> byOffset = new ArrayList<>(entries);
                byOffset.sort(Comparator.comparingLong(Entry::offset));
                for (Entry e : byOffset) {
                    long length = (long) e.count() * e.words();
                    if (e.offset() < in.getFilePointer()
                            || e.offset() + length * Long.BYTES > end
                            || length > Integer.MAX_VALUE - 8) {
                        throw new CorruptIndexException(
                                "the signs of field " + e.field() + " lie outside the file's data", in);
                    }
                    long[] signs = new long[(int) length];
                    in.seek(e.offset());
                    readLongs(in, signs);
                    short[] positives = new short[e.count()];
                    for (int ord = 0; ord < positives.length; ord++) {
                        positives[ord] = (short) SignBits.positives(signs, ord * e.words(), e.words());
                    }
                    fields.put(
                            e.field(),
                            new SegmentSigns(e.words(), e.count(), e.scannable(), signs, positives, docs(raw, e)));
                }
                in.seek(end);
            } catch (Throwable t) {
                failure = t;
            } finally {
                CodecUtil.checkFooter(in, failure);
            }
        }
    }

    /**
     * Fills {@code out} with the next longs of {@code in} (little-endian, as {@code readLong} reads
     * them), in bulk: a checksumming input's {@code readLongs} reads and checksums byte by byte, which
     * was the largest share of opening a 10,000-report index (21 MB of signs).
     */
    static void readLongs(IndexInput in, long[] out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        LongBuffer longs =
                ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        for (int at = 0; at < out.length; ) {
            int n = Math.min(out.length - at, buffer.length / Long.BYTES);
            in.readBytes(buffer, 0, n * Long.BYTES);
            longs.get(0, out, at, n);
            at += n;
        }
    }

    /**
     * The document of each vector, in ordinal order. Lucene's own mapping (for a field not every
     * document has: passages have vectors, reports do not) reads a packed file per lookup, which
     * cost a scan's every vector as much again as its estimate.
     */
    private static int[] docs(FlatVectorsReader raw, Entry e) throws IOException {
        int[] docs = new int[e.count()];
        FloatVectorValues values = raw.getFloatVectorValues(e.field());
        int ord = 0;
        for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
            if (ord == docs.length) {
                throw new CorruptIndexException("field " + e.field() + " has more vectors than signs", "signs");
            }
            docs[ord++] = d;
        }
        if (ord != docs.length) {
            throw new CorruptIndexException("field " + e.field() + " has fewer vectors than signs", "signs");
        }
        return docs;
    }

    private static List<Entry> readMeta(SegmentReadState state) throws IOException {
        String name = IndexFileNames.segmentFileName(
                state.segmentInfo.name, state.segmentSuffix, SignScanVectorsFormat.META_EXTENSION);
        List<Entry> entries = new ArrayList<>();
        try (ChecksumIndexInput meta = state.directory.openChecksumInput(name, state.context)) {
            Throwable failure = null;
            try {
                CodecUtil.checkIndexHeader(
                        meta,
                        SignScanVectorsFormat.META_CODEC,
                        SignScanVectorsFormat.VERSION,
                        SignScanVectorsFormat.VERSION,
                        state.segmentInfo.getId(),
                        state.segmentSuffix);
                for (int number = meta.readInt(); number != -1; number = meta.readInt()) {
                    FieldInfo info = state.fieldInfos.fieldInfo(number);
                    if (info == null) {
                        throw new CorruptIndexException("no field numbered " + number, meta);
                    }
                    int dimensions = meta.readInt();
                    int count = meta.readInt();
                    byte scannable = meta.readByte();
                    long offset = meta.readLong();
                    long length = meta.readLong();
                    int words = SignBits.words(dimensions);
                    if (dimensions != info.getVectorDimension()
                            || count < 0
                            || (scannable != 0 && scannable != 1)
                            || length != (long) count * words * Long.BYTES) {
                        throw new CorruptIndexException("the signs of field " + info.name + " do not add up", meta);
                    }
                    entries.add(new Entry(info.name, words, count, scannable == 1, offset));
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                CodecUtil.checkFooter(meta, failure);
            }
        }
        return entries;
    }

    @Override
    public void search(String field, float[] target, KnnCollector collector, Bits acceptDocs) throws IOException {
        SegmentSigns f = fields.get(field);
        if (f == null || f.count() == 0) {
            return;
        }
        RandomVectorScorer scorer = raw.getRandomVectorScorer(field, target);
        int[] shortlist = f.scannable()
                ? scan.shortlist(f, acceptDocs, SignBits.query(target), collector.k())
                : exact(f, acceptDocs, scorer, collector.k());
        // Only the vectors scored count as visited: Lucene takes a count past the filter's size for
        // a search cut short, and searches again exactly.
        int[] docs = f.docs();
        for (int ord : shortlist) {
            if (collector.earlyTerminated()) {
                return;
            }
            collector.incVisitedCount(1);
            collector.collect(docs[ord], scorer.score(ord));
        }
    }

    /** The best {@code k} of the vectors the documents allowed have, by their exact scores. */
    private static int[] exact(SegmentSigns f, Bits acceptDocs, RandomVectorScorer scorer, int k) throws IOException {
        Shortlist best = new Shortlist(k);
        int[] docs = f.docs();
        for (int ord = 0; ord < f.count(); ord++) {
            if (acceptDocs == null || acceptDocs.get(docs[ord])) {
                best.offer(ord, scorer.score(ord));
            }
        }
        return best.ords();
    }

    @Override
    public void search(String field, byte[] target, KnnCollector collector, Bits acceptDocs) {
        throw new UnsupportedOperationException(SignScanVectorsFormat.NAME + " holds float vectors only");
    }

    @Override
    public FloatVectorValues getFloatVectorValues(String field) throws IOException {
        return raw.getFloatVectorValues(field);
    }

    @Override
    public ByteVectorValues getByteVectorValues(String field) throws IOException {
        return raw.getByteVectorValues(field);
    }

    @Override
    public void checkIntegrity() throws IOException {
        raw.checkIntegrity();
        CodecUtil.checksumEntireFile(data);
    }

    @Override
    public long ramBytesUsed() {
        long signs = 0;
        for (SegmentSigns f : fields.values()) {
            signs += (long) f.signs().length * Long.BYTES
                    + (long) f.positives().length * Short.BYTES
                    + (long) f.docs().length * Integer.BYTES;
        }
        return raw.ramBytesUsed() + signs;
    }

    @Override
    public void close() throws IOException {
        IOUtils.close(raw, data);
    }
}
