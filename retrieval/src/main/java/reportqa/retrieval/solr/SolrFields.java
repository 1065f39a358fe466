package reportqa.retrieval.solr;

import reportqa.retrieval.index.Fields;

/**
 * The collection's field names (see the configset's {@code schema.xml}): the embedded
 * index's {@link Fields}, and the few a Solr document needs besides.
 */
final class SolrFields {

    private SolrFields() {}

    /** The unique key: a passage's id, {@code report:<id>} for a report, {@link #SETTINGS_DOC} for the settings. */
    static final String ID = "id";

    static final String TYPE = Fields.TYPE;
    static final String TYPE_PASSAGE = Fields.TYPE_PASSAGE;
    static final String TYPE_REPORT = Fields.TYPE_REPORT;
    /** The type of the one document that records the settings the collection was built with. */
    static final String TYPE_SETTINGS = "settings";

    static final String REPORT_ID = Fields.REPORT_ID;
    static final String PASSAGE_ID = Fields.PASSAGE_ID;
    static final String ORDINAL = Fields.ORDINAL;
    static final String TEXT = Fields.TEXT;
    static final String TEXT_ALT = Fields.TEXT_ALT;
    static final String TITLE = Fields.TITLE;
    static final String SECTION = Fields.SECTION;
    static final String BOILERPLATE = Fields.BOILERPLATE;
    static final String LINE_KINDS = Fields.LINE_KINDS;
    static final String START = Fields.START;
    static final String END = Fields.END;
    static final String PAGE = Fields.PAGE;
    static final String BROKER = Fields.BROKER;
    static final String INDUSTRY = Fields.INDUSTRY;
    static final String DATE_FROM = Fields.DATE_FROM;
    static final String DATE_TO = Fields.DATE_TO;
    static final String VECTOR = Fields.VECTOR;
    static final String SOURCE_HASH = Fields.SOURCE_HASH;
    static final String REPORT_CARD = Fields.REPORT_CARD;
    static final String REPORT_JSON = Fields.REPORT_JSON;
    /** On the settings document: the settings fingerprint. */
    static final String SETTINGS = "settings";
    /** On the settings document: the corpus folder the collection was built from. */
    static final String CORPUS = "corpus";

    /** The settings document's id. */
    static final String SETTINGS_DOC = "reportqa:settings";

    /** A report document's id. */
    static String reportDoc(String reportId) {
        return "report:" + reportId;
    }

    /** The stored fields a passage is read back from. */
    static final String PASSAGE_FIELDS = String.join(
            ",", ID, REPORT_ID, PASSAGE_ID, TEXT, SECTION, BOILERPLATE, LINE_KINDS, START, END, PAGE, "score");
}
