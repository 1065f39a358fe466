package reportqa.retrieval.solr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import reportqa.retrieval.Json;
import reportqa.retrieval.chunk.Chunk;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.text.LineKinds;

/**
 * How a report is laid out in the collection, and how a passage is read back: the embedded index's
 * layout ({@code IndexDocuments}) in Solr documents. One report document (card, parsed report,
 * source hash) and one document per passage with its text (once per analysed field), vector,
 * offsets and the metadata filters search by.
 */
final class SolrDocuments {

    private final Analysis analysis;
    private final ObjectMapper json = Json.mapper();

    SolrDocuments(Analysis analysis) {
        this.analysis = analysis;
    }

    /** The documents of a report: the report document first, then its passages in order. */
    List<SolrInputDocument> of(Report report, String sourceHash, List<Chunk> chunks, List<float[]> vectors)
            throws JsonProcessingException {
        List<SolrInputDocument> docs = new ArrayList<>(chunks.size() + 1);
        SolrInputDocument r = new SolrInputDocument();
        r.addField(SolrFields.ID, SolrFields.reportDoc(report.id()));
        r.addField(SolrFields.TYPE, SolrFields.TYPE_REPORT);
        r.addField(SolrFields.REPORT_ID, report.id());
        r.addField(SolrFields.SOURCE_HASH, sourceHash);
        r.addField(SolrFields.REPORT_CARD, json.writeValueAsString(ReportCard.of(report, chunks.size())));
        r.addField(SolrFields.REPORT_JSON, json.writeValueAsString(report));
        docs.add(r);
        for (int i = 0; i < chunks.size(); i++) {
            docs.add(passage(report, chunks.get(i), vectors.get(i)));
        }
        return docs;
    }

    private SolrInputDocument passage(Report report, Chunk chunk, float[] vector) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField(SolrFields.ID, chunk.id());
        d.addField(SolrFields.TYPE, SolrFields.TYPE_PASSAGE);
        d.addField(SolrFields.REPORT_ID, report.id());
        d.addField(SolrFields.PASSAGE_ID, chunk.id());
        d.addField(SolrFields.ORDINAL, chunk.ordinal());
        for (String field : analysis.textFields()) {
            d.addField(field, chunk.text());
        }
        d.addField(SolrFields.TITLE, report.metadata().title());
        d.addField(SolrFields.SECTION, chunk.section().heading());
        d.addField(SolrFields.BOILERPLATE, Boolean.toString(chunk.section().isBoilerplate()));
        d.addField(SolrFields.LINE_KINDS, LineKinds.of(chunk.text()).encoded());
        d.addField(SolrFields.START, chunk.start());
        d.addField(SolrFields.END, chunk.end());
        int page = report.pageAt(chunk.start());
        if (page > 0) {
            d.addField(SolrFields.PAGE, page);
        }
        if (!report.metadata().broker().isEmpty()) {
            d.addField(SolrFields.BROKER, report.metadata().broker());
        }
        if (!report.metadata().industry().isEmpty()) {
            d.addField(SolrFields.INDUSTRY, report.metadata().industry());
        }
        ReportDate date = report.metadata().date();
        if (date.isKnown()) {
            d.addField(
                    SolrFields.DATE_FROM,
                    date.earliest() == null ? Long.MIN_VALUE : date.earliest().toEpochDay());
            d.addField(
                    SolrFields.DATE_TO,
                    date.latest() == null ? Long.MAX_VALUE : date.latest().toEpochDay());
        }
        List<Float> v = new ArrayList<>(vector.length);
        for (float f : vector) {
            v.add(f);
        }
        d.addField(SolrFields.VECTOR, v);
        return d;
    }

    /**
     * The settings document: the fingerprint of the settings the collection was built with, and the
     * corpus folder it was built from.
     */
    static SolrInputDocument settings(String fingerprint, String corpus) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField(SolrFields.ID, SolrFields.SETTINGS_DOC);
        d.addField(SolrFields.TYPE, SolrFields.TYPE_SETTINGS);
        d.addField(SolrFields.SETTINGS, fingerprint);
        d.addField(SolrFields.CORPUS, corpus);
        return d;
    }

    /** A stored passage document read back, with the metadata of its report's card. */
    static Passage passage(SolrDocument d, double score, int rank, Map<String, ReportCard> cards) {
        String reportId = string(d, SolrFields.REPORT_ID);
        ReportCard card = cards.get(reportId);
        ReportMetadata metadata = card == null ? null : card.metadata();
        return new Passage(
                string(d, SolrFields.PASSAGE_ID),
                reportId,
                string(d, SolrFields.TEXT),
                string(d, SolrFields.SECTION),
                Boolean.parseBoolean(string(d, SolrFields.BOILERPLATE)),
                integer(d, SolrFields.START),
                integer(d, SolrFields.END),
                score,
                rank,
                metadata,
                LineKinds.decode(string(d, SolrFields.LINE_KINDS)).orElse(null),
                integer(d, SolrFields.PAGE));
    }

    static String string(SolrDocument d, String field) {
        Object v = d.getFirstValue(field);
        return v == null ? null : v.toString();
    }

    private static int integer(SolrDocument d, String field) {
        Object v = d.getFirstValue(field);
        return v instanceof Number n ? n.intValue() : 0;
    }
}
