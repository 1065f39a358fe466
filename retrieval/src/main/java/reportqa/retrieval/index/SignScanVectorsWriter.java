package reportqa.retrieval.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.KnnFieldVectorsWriter;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatFieldVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorsWriter;
import org.apache.lucene.index.DocsWithFieldSet;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.MergeState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.Sorter;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a segment's vectors for {@link SignScanVectorsFormat}: the floats through Lucene's flat
 * writer, and beside them, in the same (ordinal) order, each vector's signs. The metadata file lists,
 * per field: its number, dimensions, vector count, whether its signs can shortlist it ({@link
 * SignBalance}), and where its signs lie in the data file.
 */
final class SignScanVectorsWriter extends KnnVectorsWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SignScanVectorsWriter.class);

    private final FlatVectorsWriter raw;
    private final IndexOutput meta;
    private final IndexOutput data;
    private final List<Field> fields = new ArrayList<>();
    private boolean finished;

    /** A field being written: its vectors are the flat writer's, which the indexing chain fills. */
    private record Field(FieldInfo info, FlatFieldVectorsWriter<?> vectors) {}

    SignScanVectorsWriter(SegmentWriteState state, FlatVectorsWriter raw) throws IOException {
        this.raw = raw;
        IndexOutput m = null;
        IndexOutput d = null;
        boolean opened = false;
        try {
            m = state.directory.createOutput(
                    IndexFileNames.segmentFileName(
                            state.segmentInfo.name, state.segmentSuffix, SignScanVectorsFormat.META_EXTENSION),
                    state.context);
            d = state.directory.createOutput(
                    IndexFileNames.segmentFileName(
                            state.segmentInfo.name, state.segmentSuffix, SignScanVectorsFormat.DATA_EXTENSION),
                    state.context);
            CodecUtil.writeIndexHeader(
                    m,
                    SignScanVectorsFormat.META_CODEC,
                    SignScanVectorsFormat.VERSION,
                    state.segmentInfo.getId(),
                    state.segmentSuffix);
            CodecUtil.writeIndexHeader(
                    d,
                    SignScanVectorsFormat.DATA_CODEC,
                    SignScanVectorsFormat.VERSION,
                    state.segmentInfo.getId(),
                    state.segmentSuffix);
            opened = true;
        } finally {
            if (!opened) {
                IOUtils.closeWhileHandlingException(m, d, raw);
            }
        }
        this.meta = m;
        this.data = d;
    }

    @Override
    public KnnFieldVectorsWriter<?> addField(FieldInfo info) throws IOException {
        if (info.getVectorEncoding() != VectorEncoding.FLOAT32) {
            throw new IllegalArgumentException(
                    SignScanVectorsFormat.NAME + " holds float vectors only, not those of field " + info.name);
        }
        VectorSimilarityFunction similarity = info.getVectorSimilarityFunction();
        if (similarity != VectorSimilarityFunction.DOT_PRODUCT && similarity != VectorSimilarityFunction.COSINE) {
            throw new IllegalArgumentException(SignScanVectorsFormat.NAME + " ranks by the dot product or cosine, not "
                    + similarity + " (field " + info.name + ")");
        }
        FlatFieldVectorsWriter<?> vectors = raw.addField(info);
        fields.add(new Field(info, vectors));
        return vectors;
    }

    @Override
    public void flush(int maxDoc, Sorter.DocMap sortMap) throws IOException {
        // Signs first: the flat writer's flush is where its buffered vectors are finished with.
        for (Field field : fields) {
            @SuppressWarnings("unchecked")
            List<float[]> vectors = (List<float[]>) field.vectors().getVectors();
            writeSigns(field.info(), inOrdinalOrder(vectors, field.vectors().getDocsWithFieldSet(), sortMap), null);
        }
        raw.flush(maxDoc, sortMap);
    }

    /**
     * The vectors in the order the flat writer writes them: their documents' order, which a sorted
     * index changes.
     */
    private static List<float[]> inOrdinalOrder(List<float[]> vectors, DocsWithFieldSet docs, Sorter.DocMap sortMap)
            throws IOException {
        if (sortMap == null) {
            return vectors;
        }
        long[] newDocAndOrd = new long[vectors.size()];
        DocIdSetIterator it = docs.iterator();
        int ord = 0;
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc(), ord++) {
            newDocAndOrd[ord] = ((long) sortMap.oldToNew(doc) << 32) | ord;
        }
        Arrays.sort(newDocAndOrd);
        List<float[]> sorted = new ArrayList<>(vectors.size());
        for (long entry : newDocAndOrd) {
            sorted.add(vectors.get((int) entry));
        }
        return sorted;
    }

    @Override
    public void mergeOneField(FieldInfo info, MergeState mergeState) throws IOException {
        raw.mergeOneField(info, mergeState);
        writeSigns(info, List.of(), MergedVectorValues.mergeFloatVectorValues(info, mergeState));
    }

    /** Writes the signs of {@code vectors}, then those of {@code more} (when not null), and the field's entry. */
    private void writeSigns(FieldInfo info, List<float[]> vectors, FloatVectorValues more) throws IOException {
        int dimensions = info.getVectorDimension();
        long[] signs = new long[SignBits.words(dimensions)];
        SignBalance balance = new SignBalance(dimensions);
        long offset = data.alignFilePointer(Long.BYTES);
        int count = 0;
        for (float[] v : vectors) {
            write(v, signs, balance);
            count++;
        }
        if (more != null) {
            for (int d = more.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = more.nextDoc()) {
                write(more.vectorValue(), signs, balance);
                count++;
            }
        }
        boolean scannable = balance.scannable();
        if (balance.judged() && !scannable) {
            LOG.warn(
                    "{} of {} dimensions of field {} take both signs in {} vectors: too few to shortlist them, "
                            + "they are searched exactly",
                    balance.balancedDimensions(),
                    dimensions,
                    info.name,
                    count);
        }
        meta.writeInt(info.number);
        meta.writeInt(dimensions);
        meta.writeInt(count);
        meta.writeByte(scannable ? (byte) 1 : (byte) 0);
        meta.writeLong(offset);
        meta.writeLong(data.getFilePointer() - offset);
    }

    private void write(float[] vector, long[] signs, SignBalance balance) throws IOException {
        SignBits.encode(vector, signs, 0);
        balance.add(vector);
        for (long word : signs) {
            data.writeLong(word);
        }
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            throw new IllegalStateException("already finished");
        }
        finished = true;
        raw.finish();
        meta.writeInt(-1);
        CodecUtil.writeFooter(meta);
        CodecUtil.writeFooter(data);
    }

    @Override
    public long ramBytesUsed() {
        return raw.ramBytesUsed();
    }

    @Override
    public void close() throws IOException {
        IOUtils.close(meta, data, raw);
    }
}
