package reportqa.retrieval.report;

/**
 * What the library keeps in memory of a report: its id, its metadata and its opening text, where the
 * header stands (facts such as a covered period or a listed contact are read there). The report's
 * whole text is read from the index when asked for: at 10,000 reports the texts are 280 MB on disk
 * and twice that as Java strings, and only an answer's few reports or the library view need one.
 *
 * @param header the first {@link #HEADER_CHARS} characters of the report's text (all of a shorter one)
 * @param pages how many pages its PDF has (0: read from text)
 * @param passages how many passages it was cut into
 */
public record ReportCard(String id, ReportMetadata metadata, String header, int pages, int passages) {

    /** A card without pages or passages counted (a report not indexed). */
    public ReportCard(String id, ReportMetadata metadata, String header) {
        this(id, metadata, header, 0, 0);
    }

    /** How much of a report's text a card keeps: its first page's header and then some. */
    public static final int HEADER_CHARS = 400;

    /** The card of a parsed report cut into {@code passages} passages. */
    public static ReportCard of(Report report, int passages) {
        String text = report.text();
        return new ReportCard(
                report.id(),
                report.metadata(),
                text.substring(0, Math.min(HEADER_CHARS, text.length())),
                report.pageStarts().size(),
                passages);
    }
}
