package reportqa.retrieval.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.report.BodyLines.Line;
import reportqa.retrieval.text.Dates;

/**
 * Reads when a report was published. Dates are never invented: a date the report states
 * ({@code 日期： 2024年03月19日}) is used as is; otherwise the date is inferred, as a range, from
 * the dates the body refers to as past or still calls future, and marked inferred. Many weeklies
 * and flash reports print no date, yet questions name one ("3 月 25 日的周报").
 */
final class DateExtractor {

    private static final Pattern STATED_DATE = Pattern.compile(
            "(?:报告日期|发布日期|发布时间|日期)\\s*[:：]\\s*(\\d{4})\\s*[年./-]\\s*(\\d{1,2})\\s*[月./-]\\s*(\\d{1,2})\\s*日?");
    /** Words right before a date that make it a future event (an upper bound on the publication date). */
    private static final Pattern FUTURE_MARKER = Pattern.compile("(?:将在|将于|将|预计|计划|即将|拟于|拟在|有望于)\\s*$");

    private static final int FUTURE_MARKER_WINDOW = 8;

    /**
     * The publication date.
     *
     * @param text the whole cleaned text, searched for a stated date
     * @param body the body lines, whose dates bound an inferred date
     */
    ReportDate extract(String text, List<Line> body, Map<String, String> provenance) {
        Matcher stated = STATED_DATE.matcher(text);
        if (stated.find()) {
            Optional<LocalDate> d = Dates.of(stated.group(1), stated.group(2), stated.group(3));
            if (d.isPresent()) {
                provenance.put(
                        MetadataField.DATE.key(), "stated: " + stated.group().strip());
                return ReportDate.stated(d.get(), stated.group().strip());
            }
        }
        return infer(body, provenance);
    }

    /**
     * The earliest possible date is the latest date the report refers to as past (a related
     * report, an event); the latest possible date is the earliest event it still calls future.
     */
    private static ReportDate infer(List<Line> body, Map<String, String> provenance) {
        List<Dated> past = new ArrayList<>();
        List<Dated> future = new ArrayList<>();
        List<String> monthDayLines = new ArrayList<>();
        for (Line l : body) {
            Matcher m = Dates.FULL_DATE.matcher(l.text());
            StringBuilder masked = new StringBuilder(l.text());
            while (m.find()) {
                Optional<LocalDate> d = Dates.ofFullDate(m);
                if (d.isPresent()) {
                    (isFuture(l.text(), m.start()) ? future : past)
                            .add(new Dated(d.get(), m.group().strip()));
                }
                // Masked even when it names no date, so its month and day are not read again below.
                for (int i = m.start(); i < m.end(); i++) {
                    masked.setCharAt(i, ' ');
                }
            }
            monthDayLines.add(masked.toString());
        }
        Integer year =
                past.stream().map(d -> d.date.getYear()).max(Integer::compare).orElse(null);
        if (year != null) {
            // A month and day without a year ("2月16日 OpenAI 发布") is taken to be in the year of the
            // latest full date the report gives; without any full date the year is unknown and the
            // month-day says nothing.
            for (String line : monthDayLines) {
                Matcher m = Dates.MONTH_DAY.matcher(line);
                while (m.find()) {
                    Optional<LocalDate> d = Dates.of(String.valueOf(year), m.group(1), m.group(2));
                    if (d.isPresent()) {
                        (isFuture(line, m.start()) ? future : past)
                                .add(new Dated(d.get(), m.group().strip()));
                    }
                }
            }
        }
        Dated earliest = past.stream().max((a, b) -> a.date.compareTo(b.date)).orElse(null);
        Dated latest = future.stream()
                .filter(f -> earliest == null || !f.date.isBefore(earliest.date))
                .min((a, b) -> a.date.compareTo(b.date))
                .orElse(null);
        if (earliest == null && latest == null) {
            return ReportDate.UNKNOWN;
        }
        List<String> evidence = new ArrayList<>();
        if (earliest != null) {
            evidence.add("after " + earliest.date + " (refers to “" + earliest.source + "” as past)");
        }
        if (latest != null) {
            evidence.add("before " + latest.date + " (calls “" + latest.source + "” future)");
        }
        String why = "inferred: " + String.join("; ", evidence);
        provenance.put(MetadataField.DATE.key(), why);
        return new ReportDate(earliest == null ? null : earliest.date, latest == null ? null : latest.date, true, why);
    }

    /** A date the text refers to, as written. */
    private record Dated(LocalDate date, String source) {}

    private static boolean isFuture(String line, int dateStart) {
        String before = line.substring(Math.max(0, dateStart - FUTURE_MARKER_WINDOW), dateStart);
        return FUTURE_MARKER.matcher(before).find();
    }
}
