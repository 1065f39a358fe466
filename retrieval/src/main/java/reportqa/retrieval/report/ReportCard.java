package reportqa.retrieval.report;

/**
 * What the library keeps in memory of a report: its id, its metadata and its opening text, where the
 * header stands (facts such as a covered period or a listed contact are read there). The report's
 * whole text is read from the index when asked for: at 10,000 reports the texts are 280 MB on disk
 * and twice that as Java strings, and only an answer's few reports or the library view need one.
 *
 * @param header the first {@link #HEADER_CHARS} characters of the report's text (all of a shorter one)
 */
public record ReportCard(String id, ReportMetadata metadata, String header) {

    /** How much of a report's text a card keeps: its first page's header and then some. */
    public static final int HEADER_CHARS = 400;

    /** The card of a parsed report. */
    public static ReportCard of(Report report) {
        String text = report.text();
        return new ReportCard(report.id(), report.metadata(), text.substring(0, Math.min(HEADER_CHARS, text.length())));
    }
}
