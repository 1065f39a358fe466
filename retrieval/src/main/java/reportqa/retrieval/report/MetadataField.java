package reportqa.retrieval.report;

/** The metadata fields of a report, with the key used in sidecar files, JSON and provenance. */
public enum MetadataField {
    BROKER("broker"),
    TITLE("title"),
    DATE("date"),
    ANALYSTS("analysts"),
    ASSISTANTS("assistants"),
    INDUSTRY("industry"),
    RATING("rating"),
    REPORT_TYPE("reportType");

    private final String key;

    MetadataField(String key) {
        this.key = key;
    }

    /** The key in sidecar {@code <id>.meta.json} files and in JSON output. */
    public String key() {
        return key;
    }
}
