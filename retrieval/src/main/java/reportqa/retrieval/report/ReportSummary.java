package reportqa.retrieval.report;

import java.util.List;

/**
 * A report's metadata flattened for listing: what the HTTP API and the MCP tools show of each report.
 *
 * @param id report id
 * @param broker canonical broker name
 * @param date date as shown ({@code 约 2024-03} when inferred)
 * @param dateInferred whether the date is inferred
 * @param dateEarliest earliest possible date (ISO), or null
 * @param dateLatest latest possible date (ISO), or null
 * @param title title
 * @param analysts analysts
 * @param assistants research assistants
 * @param industry industry
 * @param rating rating
 * @param reportType report type
 * @param pages how many pages its PDF has (0: read from text)
 * @param passages how many passages it was cut into
 */
public record ReportSummary(
        String id,
        String broker,
        String date,
        boolean dateInferred,
        String dateEarliest,
        String dateLatest,
        String title,
        List<String> analysts,
        List<String> assistants,
        String industry,
        String rating,
        String reportType,
        int pages,
        int passages) {

    /** A report's card as the API lists it. */
    public static ReportSummary of(ReportCard r) {
        ReportMetadata m = r.metadata();
        ReportDate d = m.date();
        return new ReportSummary(
                r.id(),
                m.broker(),
                d.display(),
                d.isKnown() && d.inferred(),
                d.earliest() == null ? null : d.earliest().toString(),
                d.latest() == null ? null : d.latest().toString(),
                m.title(),
                m.analysts(),
                m.assistants(),
                m.industry(),
                m.rating(),
                m.reportType(),
                r.pages(),
                r.passages());
    }
}
