package reportqa.retrieval.search;

import reportqa.retrieval.report.ReportMetadata;

/**
 * A retrieved passage with everything needed to cite it.
 *
 * @param passageId stable id ({@code reportId#ordinal})
 * @param reportId the report it comes from
 * @param text the passage text, exactly the report's cleaned text from start to end
 * @param section heading of its section (empty for the report header)
 * @param boilerplate whether it is legal boilerplate
 * @param start offset in the report's cleaned text
 * @param end end offset (exclusive)
 * @param score the retrieval score (comparable only within one result list)
 * @param rank 1-based position in the result list
 * @param metadata the report's broker, date, title … (from the same index commit as the passage)
 */
public record Passage(
        String passageId,
        String reportId,
        String text,
        String section,
        boolean boilerplate,
        int start,
        int end,
        double score,
        int rank,
        ReportMetadata metadata) {

    /** This passage at another place in a result list. */
    public Passage ranked(double newScore, int newRank) {
        return new Passage(passageId, reportId, text, section, boilerplate, start, end, newScore, newRank, metadata);
    }
}
