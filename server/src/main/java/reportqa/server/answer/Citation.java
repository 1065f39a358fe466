package reportqa.server.answer;

/**
 * A passage the answer cites, numbered in order of first use.
 *
 * @param n the number used in the answer text ({@code [n]})
 * @param reportId report id
 * @param broker canonical broker name
 * @param date date as shown ({@code 约 2024-03} when inferred)
 * @param dateInferred whether the date is inferred
 * @param title report title
 * @param section section heading
 * @param passage the cited passage
 * @param start offset of the passage in the report's cleaned text
 * @param end end offset
 * @param score retrieval score
 * @param unsupported true when a sentence citing it shares no content with it
 * @param page the page of the report's PDF the passage starts on; 0 for a text report
 */
public record Citation(
        int n,
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
        boolean unsupported,
        int page) {

    /** Source {@code s} cited as {@code [n]}. */
    public static Citation of(int n, Source s, boolean unsupported) {
        return new Citation(
                n,
                s.reportId(),
                s.broker(),
                s.date(),
                s.dateInferred(),
                s.title(),
                s.section(),
                s.passage(),
                s.start(),
                s.end(),
                s.score(),
                unsupported,
                s.page());
    }
}
