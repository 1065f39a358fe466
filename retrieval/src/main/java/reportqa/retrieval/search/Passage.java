package reportqa.retrieval.search;

import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.text.LineKinds;

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
 * @param lines how much of the text is page furniture, as classified when it was indexed (null when
 *     the index stores none: then it is classified when needed)
 * @param page the page of its PDF it starts on, from 1; 0 when its report has no pages (a text report)
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
        ReportMetadata metadata,
        LineKinds lines,
        int page) {

    /** A passage whose lines are classified when needed. */
    public Passage(
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
        this(passageId, reportId, text, section, boilerplate, start, end, score, rank, metadata, null, 0);
    }

    /** This passage at another place in a result list. */
    public Passage ranked(double newScore, int newRank) {
        return new Passage(
                passageId, reportId, text, section, boilerplate, start, end, newScore, newRank, metadata, lines, page);
    }

    /** How much of the text is page furniture: as indexed, else classified now. */
    public LineKinds lineKinds() {
        return lines != null ? lines : LineKinds.of(text);
    }
}
