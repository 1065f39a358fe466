package reportqa.server.answer;

import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.search.Passage;

/**
 * A retrieved passage as an answer shows it: where it comes from (broker and date first), and the
 * exact span.
 *
 * @param n citation number (0 for an uncited source)
 * @param passageId stable passage id
 * @param reportId report id
 * @param broker canonical broker name, or empty
 * @param date the date as a reader should see it ({@code 2024-03-19}, {@code 约 2024-03}, {@code ≥ 2024-01-30})
 * @param dateInferred whether the date is inferred rather than stated
 * @param title report title
 * @param section section heading
 * @param passage the passage text
 * @param start offset in the report's cleaned text
 * @param end end offset
 * @param score retrieval score
 * @param rank retrieval rank
 * @param backMatter whether the passage is back matter (disclaimer, certification, rating
 *     definitions, addresses): quoted only when a question asks for it
 * @param page the page of the report's PDF the passage starts on; 0 for a text report
 */
public record Source(
        int n,
        String passageId,
        String reportId,
        String broker,
        String date,
        boolean dateInferred,
        String title,
        String section,
        String passage,
        int start,
        int end,
        double score,
        int rank,
        boolean backMatter,
        int page) {

    /** How a source with no known broker is named, everywhere (answers, prompts, the CLI). */
    public static final String UNKNOWN_BROKER = "机构不详";
    /** How a source with no known date is dated, everywhere. */
    public static final String UNKNOWN_DATE = "日期不详";

    /** An uncited source for a retrieved passage. */
    public static Source of(Passage p) {
        ReportMetadata m = p.metadata();
        ReportDate d = m == null ? ReportDate.UNKNOWN : m.date();
        return new Source(
                0,
                p.passageId(),
                p.reportId(),
                m == null ? "" : m.broker(),
                d.display(),
                d.isKnown() && d.inferred(),
                m == null ? "" : m.title(),
                p.section(),
                p.text(),
                p.start(),
                p.end(),
                Math.round(p.score() * 10000) / 10000.0,
                p.rank(),
                p.boilerplate(),
                p.page());
    }

    /** This source marked with citation number {@code number} (0 = not cited). */
    public Source cited(int number) {
        return new Source(
                number,
                passageId,
                reportId,
                broker,
                date,
                dateInferred,
                title,
                section,
                passage,
                start,
                end,
                score,
                rank,
                backMatter,
                page);
    }

    /** Whether {@code c} cites this passage. */
    public boolean isCitedBy(Citation c) {
        return c.reportId().equals(reportId) && c.start() == start;
    }

    /** The broker's name, or {@link #UNKNOWN_BROKER}. */
    public String brokerLabel() {
        return broker.isEmpty() ? UNKNOWN_BROKER : broker;
    }

    /** {@code 上海证券 · 2024-03-19}: how a citation is labelled everywhere. */
    public String label() {
        return date.isEmpty() ? brokerLabel() : brokerLabel() + " · " + date;
    }
}
