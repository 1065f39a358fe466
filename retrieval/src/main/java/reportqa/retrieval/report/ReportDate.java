package reportqa.retrieval.report;

import java.time.LocalDate;
import java.util.Objects;

/**
 * When a report was published: either stated by the report ({@code inferred == false}, earliest and
 * latest equal), or inferred from what it refers to, as a range whose ends may be open.
 * An inferred date is never shown as a plain exact date: see {@link #display()}.
 *
 * @param earliest the earliest possible publication date, or null when unknown
 * @param latest the latest possible publication date, or null when unknown
 * @param inferred whether the range was inferred rather than stated
 * @param evidence where it came from, in words (e.g. {@code 日期： 2024年03月19日})
 */
public record ReportDate(LocalDate earliest, LocalDate latest, boolean inferred, String evidence) {

    /** No date known. */
    public static final ReportDate UNKNOWN = new ReportDate(null, null, true, "");

    public ReportDate {
        if (earliest != null && latest != null && latest.isBefore(earliest)) {
            throw new IllegalArgumentException("latest " + latest + " before earliest " + earliest);
        }
        evidence = Objects.requireNonNullElse(evidence, "");
    }

    /** A date the report states. */
    public static ReportDate stated(LocalDate date, String evidence) {
        return new ReportDate(date, date, false, evidence);
    }

    public boolean isKnown() {
        return earliest != null || latest != null;
    }

    /** The exact date, only when the report states it. */
    public LocalDate exact() {
        return inferred ? null : earliest;
    }

    /**
     * The date as a reader should see it: {@code 2024-03-19} when stated; {@code 约 2024-03} when an
     * inferred range falls within one month; {@code 2024-03-10 ~ 2024-03-27} or {@code ≥ 2024-01-30}
     * otherwise; empty when unknown.
     */
    public String display() {
        if (!isKnown()) {
            return "";
        }
        if (!inferred) {
            return earliest.toString();
        }
        if (earliest != null && latest != null) {
            if (earliest.getYear() == latest.getYear() && earliest.getMonth() == latest.getMonth()) {
                return "约 " + earliest.toString().substring(0, 7);
            }
            return "约 " + earliest + " ~ " + latest;
        }
        return earliest != null ? "≥ " + earliest : "≤ " + latest;
    }
}
