package reportqa.retrieval.index;

/** Names of the Lucene fields, in one place. */
public final class Fields {

    private Fields() {}

    /** {@link #TYPE_PASSAGE} or {@link #TYPE_REPORT}. */
    public static final String TYPE = "type";

    public static final String TYPE_PASSAGE = "passage";
    /** One document per report: its metadata and cleaned text, and the hash of its source files. */
    public static final String TYPE_REPORT = "report";

    public static final String REPORT_ID = "report_id";
    public static final String PASSAGE_ID = "passage_id";
    public static final String ORDINAL = "ordinal";
    /** The passage text, analysed with the primary analyzer. */
    public static final String TEXT = "text";
    /** The passage text again, analysed with the secondary analyzer (when the analysis uses two). */
    public static final String TEXT_ALT = "text_alt";
    /** The report title, analysed like {@link #TEXT}. */
    public static final String TITLE = "title";

    public static final String SECTION = "section";
    /** "true" for legal boilerplate, "false" for body. */
    public static final String BOILERPLATE = "boilerplate";

    /** Stored: how much of the passage is page furniture, by kind ({@code LineKinds.encoded}). */
    public static final String LINE_KINDS = "line_kinds";

    public static final String START = "start";
    public static final String END = "end";
    /** The PDF page a passage starts on (stored only for a report with pages). */
    public static final String PAGE = "page";

    public static final String BROKER = "broker";
    public static final String INDUSTRY = "industry";
    /** Publication date range as epoch days; open ends are stored as the extreme values. */
    public static final String DATE_FROM = "date_from";

    public static final String DATE_TO = "date_to";
    public static final String VECTOR = "vector";

    /**
     * On report documents, as doc values: hash of the report file and its sidecar. Doc values, not a
     * stored field: a start reads every report's hash and card, and a stored field is read with the
     * block of documents around it (at 10,000 reports, every block of the index).
     */
    public static final String SOURCE_HASH = "source_hash";
    /** On report documents, as doc values: the report's {@link reportqa.retrieval.report.ReportCard} (encoded by {@code CardCodec}). */
    public static final String REPORT_CARD = "report_card";
    /** On report documents, stored: the parsed report (text, sections) as JSON, read when asked for. */
    public static final String REPORT_JSON = "report_json";

    /** Commit user data: fingerprint of the settings the index was built with. */
    public static final String COMMIT_SETTINGS = "reportqa.settings";
}
