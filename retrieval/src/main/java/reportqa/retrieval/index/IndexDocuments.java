package reportqa.retrieval.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import reportqa.retrieval.Json;
import reportqa.retrieval.chunk.Chunk;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.text.LineKinds;

/**
 * How a report is laid out in the index (the {@link Fields}): one report document holding the
 * parsed report and the hash of its source files, then one document per passage with its text
 * (once per analyzer), vector, offsets and the metadata filters search by. The report and its
 * passages are written as one block, so they are replaced together.
 */
final class IndexDocuments {

    private final Analysis analysis;
    private final ObjectMapper json = Json.mapper();

    IndexDocuments(Analysis analysis) {
        this.analysis = analysis;
    }

    /** The documents of a report: the report document first, then its passages in order. */
    List<Document> of(Report report, String sourceHash, List<Chunk> chunks, List<float[]> vectors)
            throws JsonProcessingException {
        List<Document> docs = new ArrayList<>(chunks.size() + 1);
        docs.add(reportDocument(report, sourceHash, chunks.size()));
        for (int i = 0; i < chunks.size(); i++) {
            docs.add(passageDocument(report, chunks.get(i), vectors.get(i)));
        }
        return docs;
    }

    private Document reportDocument(Report report, String hash, int passages) throws JsonProcessingException {
        Document d = new Document();
        d.add(new StringField(Fields.TYPE, Fields.TYPE_REPORT, Field.Store.NO));
        d.add(new StringField(Fields.REPORT_ID, report.id(), Field.Store.YES));
        d.add(new BinaryDocValuesField(Fields.SOURCE_HASH, new BytesRef(hash)));
        d.add(new BinaryDocValuesField(
                Fields.REPORT_CARD, new BytesRef(CardCodec.encode(ReportCard.of(report, passages)))));
        d.add(new StoredField(Fields.REPORT_JSON, json.writeValueAsString(report)));
        // The searched fields, empty: a document with a field that holds no term gets a norm of 0, so
        // that every document of a segment has norms and BM25 reads a passage's norm by its position.
        // Without them the norms are sparse, and finding a passage's among them was a fifth of a BM25
        // search at 333,920 passages. No term, so no statistic changes (a field's document count is of
        // documents with a term in it): the same scores.
        for (String field : analysis.textFields()) {
            d.add(new TextField(field, "", Field.Store.NO));
        }
        d.add(new TextField(Fields.TITLE, "", Field.Store.NO));
        return d;
    }

    private Document passageDocument(Report report, Chunk chunk, float[] vector) {
        Document d = new Document();
        d.add(new StringField(Fields.TYPE, Fields.TYPE_PASSAGE, Field.Store.NO));
        d.add(new StringField(Fields.REPORT_ID, report.id(), Field.Store.YES));
        d.add(new StringField(Fields.PASSAGE_ID, chunk.id(), Field.Store.YES));
        d.add(new StoredField(Fields.ORDINAL, chunk.ordinal()));
        for (String field : analysis.textFields()) {
            d.add(new TextField(field, chunk.text(), field.equals(Fields.TEXT) ? Field.Store.YES : Field.Store.NO));
        }
        d.add(new TextField(Fields.TITLE, report.metadata().title(), Field.Store.NO));
        d.add(new StoredField(Fields.SECTION, chunk.section().heading()));
        d.add(new StringField(
                Fields.BOILERPLATE, Boolean.toString(chunk.section().isBoilerplate()), Field.Store.YES));
        d.add(new StoredField(Fields.LINE_KINDS, LineKinds.of(chunk.text()).encoded()));
        d.add(new StoredField(Fields.START, chunk.start()));
        d.add(new StoredField(Fields.END, chunk.end()));
        int page = report.pageAt(chunk.start());
        if (page > 0) {
            d.add(new StoredField(Fields.PAGE, page));
        }
        if (!report.metadata().broker().isEmpty()) {
            d.add(new StringField(Fields.BROKER, report.metadata().broker(), Field.Store.NO));
        }
        if (!report.metadata().industry().isEmpty()) {
            d.add(new StringField(Fields.INDUSTRY, report.metadata().industry(), Field.Store.NO));
        }
        ReportDate date = report.metadata().date();
        if (date.isKnown()) {
            d.add(new LongPoint(
                    Fields.DATE_FROM,
                    date.earliest() == null ? Long.MIN_VALUE : date.earliest().toEpochDay()));
            d.add(new LongPoint(
                    Fields.DATE_TO,
                    date.latest() == null ? Long.MAX_VALUE : date.latest().toEpochDay()));
        }
        d.add(new KnnFloatVectorField(Fields.VECTOR, vector, VectorSimilarityFunction.COSINE));
        return d;
    }
}
