package reportqa.server.http;

import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.search.Passage;

/**
 * A passage as the API shows it: where it comes from (broker and date first), and the exact span.
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
 */
public record SourceView(int n, String passageId, String reportId, String broker, String date, boolean dateInferred,
        String title, String section, String passage, int start, int end, double score, int rank) {

    public static SourceView of(Passage p, int n) {
        ReportMetadata m = p.metadata();
        ReportDate d = m == null ? ReportDate.UNKNOWN : m.date();
        return new SourceView(n, p.passageId(), p.reportId(), m == null ? "" : m.broker(), d.display(),
                d.isKnown() && d.inferred(), m == null ? "" : m.title(), p.section(), p.text(), p.start(), p.end(),
                Math.round(p.score() * 10000) / 10000.0, p.rank());
    }

    /** {@code 上海证券 · 2024-03-19}: how a citation is labelled everywhere. */
    public String label() {
        String who = broker.isEmpty() ? "未知机构" : broker;
        return date.isEmpty() ? who : who + " · " + date;
    }
}
