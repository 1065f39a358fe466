package reportqa.retrieval.search;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.EnglishIndustries;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.text.Dates;

/**
 * Finds in a question the brokers and report dates it names ("上海证券 3 月 25 日的周报讲了什么"), so
 * the search can be restricted to them. A broker counts only if the corpus has reports from it; a
 * date counts only when it dates a report (followed by 的周报, 发布的报告 …), not an event.
 */
final class QueryFilterDetector {

    private static final Pattern REPORT_DAY = Pattern.compile(
            "(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]\\s*(?:发布|出具)?\\s*的?\\s*(?:这份|那份|这期|那期|这篇|那篇)?\\s*(?:[\\u4e00-\\u9fa5\\d\\s]{0,12}?)(?:周报|月报|日报|晨报|报告|研报|点评|快报|周观点|研究|那期|这期)");
    private static final Pattern REPORT_MONTH = Pattern.compile(
            "(?:(\\d{4})\\s*年\\s*)?(?<!\\d)(\\d{1,2})\\s*月份?\\s*(?:发布|出具)?\\s*的?\\s*(?:[\\u4e00-\\u9fa5]{0,10})(?:周报|月报|报告|研报|点评|快报)");
    /**
     * The week a weekly covers, as the weeklies write it (20240318-20240324): the report is dated
     * within the week after.
     */
    private static final Pattern COVERED_WEEK =
            Pattern.compile("(?<!\\d)(20\\d{2})(\\d{2})(\\d{2})\\s*[-–—~至到]\\s*(20\\d{2})(\\d{2})(\\d{2})(?!\\d)");

    /**
     * The week a weekly covers, as a user writes it (3月18日至24日那一周, 3 月 18 日-3 月 24 日的周报):
     * two days of one week, then a word for a week or a weekly, with no word for publishing between
     * (3月18日至24日发布的周报 are the weeklies published then). Days more than a week apart are a period,
     * not a week (a user may count the Sunday before: 25 Feb - 3 Mar); days fewer than four apart are
     * a few days, not a week.
     */
    private static final Pattern COVERED_WEEK_DAYS =
            Pattern.compile("(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]?\\s*[-–—~至到]\\s*"
                    + "(?:(\\d{1,2})\\s*月\\s*)?(\\d{1,2})\\s*[日号]?\\s*(?:这|那|的|当)?\\s*(?:一)?\\s*"
                    + "(?:(?!发布|出具|发出|出的)[\\u4e00-\\u9fa5]){0,8}?(?:周报|周|星期)");

    /**
     * Just before an English span of days, what makes it the week a weekly covers: the week of, the
     * weekly covering, for the week (not "weeklies published March 18-24").
     */
    private static final Pattern ENGLISH_WEEK_BEFORE = Pattern.compile(
            "(?i)(?:\\bweek(?:ly|lies)?(?:\\s+(?:of|for|covering))?|\\bcover(?:s|ed|ing)?|\\bfor(?:\\s+the\\s+week(?:\\s+of)?)?)\\s*$");

    /** What an English question calls a report (weekly, note …), before or after its date. */
    private static final String REPORT_NOUN =
            "(?:weekly|weeklies|report|reports|note|notes|issue|edition|piece|update|flash|review)";

    /**
     * Just before an English day, what makes it a report's date: its weekly dated / published on / of,
     * the verb right after the noun ("which model in the report was released on March 4" dates the
     * model, not the report).
     */
    private static final Pattern ENGLISH_DATED_BEFORE = Pattern.compile("(?i)(?:\\b" + REPORT_NOUN
            + "\\s+(?:dated|published|released|issued|out)(?:\\s+on)?|\\b" + REPORT_NOUN
            + "\\s+(?:of|from|on|dated)|\\b" + REPORT_NOUN + "|\\bdated)\\s*$");

    /** Just after an English day, what makes it a report's date: the March 25 weekly, 3/19's report. */
    private static final Pattern ENGLISH_DATED_AFTER =
            Pattern.compile("(?i)^(?:'s)?\\s+(?:[a-z&-]+\\s+){0,2}?" + REPORT_NOUN + "\\b");

    private static final EnglishIndustries ENGLISH_INDUSTRIES = EnglishIndustries.reports();

    private final BrokerRegistry registry;

    QueryFilterDetector(BrokerRegistry registry) {
        this.registry = registry;
    }

    /**
     * What a question names.
     *
     * @param reportIds when the question names a broker's report by its industry (德邦计算机那篇), the
     *     reports it leaves in: those of that industry and every report of the other brokers named;
     *     else empty
     * @param industries the industries that chose them
     * @param moved how the dates were moved from those the question wrote (the report after
     *     2024-03-19), or null
     * @param noneThere the report the question asks for relative to the one it dates, which the
     *     library does not have (report of that series after 2024-03-25), or null
     */
    record Detected(
            Set<String> brokers,
            Set<String> absentBrokers,
            LocalDate from,
            LocalDate to,
            String note,
            Set<String> reportIds,
            Set<String> industries,
            String moved,
            String noneThere) {

        boolean any() {
            return !brokers.isEmpty() || from != null;
        }

        Detected {
            // Insertion order kept: the industries are written out in the note.
            reportIds = Collections.unmodifiableSet(new LinkedHashSet<>(reportIds));
            industries = Collections.unmodifiableSet(new LinkedHashSet<>(industries));
        }

        /** The same, naming the report dated {@code date} instead, moved there as {@code how} says. */
        Detected movedTo(LocalDate date, String how) {
            String dates = "date " + range(from, to);
            return new Detected(
                    brokers,
                    absentBrokers,
                    date,
                    date,
                    note.replace(dates, "date " + date + " (" + how + ")"),
                    reportIds,
                    industries,
                    how,
                    null);
        }

        /** The same, saying that the report asked for relative to the dated one ({@code how}) is not there. */
        Detected withNoneThere(String how) {
            return new Detected(brokers, absentBrokers, from, to, note, reportIds, industries, null, how);
        }
    }

    /** A range of report dates as notes and reasons write it: 2024-03-19, or 2024-03-18 ~ 2024-03-24. */
    static String range(LocalDate from, LocalDate to) {
        return from.equals(to) ? from.toString() : from + " ~ " + to;
    }

    Detected detect(String question, Collection<ReportCard> reports) {
        Set<String> present = brokersOf(reports);
        Set<String> brokers = new LinkedHashSet<>();
        Set<String> absent = new LinkedHashSet<>();
        for (BrokerRegistry.Broker b : registry.namedIn(question)) {
            (present.contains(b.name()) ? brokers : absent).add(b.name());
        }
        LocalDate from = null;
        LocalDate to = null;
        Matcher day = REPORT_DAY.matcher(question);
        Matcher month = REPORT_MONTH.matcher(question);
        Matcher week = COVERED_WEEK.matcher(question);
        Optional<Dates.EnglishDay> english = englishReportDay(question);
        Optional<LocalDate> weekEnd =
                week.find() ? Dates.of(week.group(4), week.group(5), week.group(6)) : coveredWeekEnd(question, reports);
        if (weekEnd.isPresent()) {
            from = weekEnd.get().plusDays(1);
            to = weekEnd.get().plusDays(7);
        } else if (day.find()) {
            // A day that names no date ("13 月 40 日的周报") filters nothing; the month is not tried.
            String year = day.group(1) != null ? day.group(1) : String.valueOf(latestYear(reports));
            from = Dates.of(year, day.group(2), day.group(3)).orElse(null);
            to = from;
        } else if (english.isPresent()) {
            // A day that names no date (February 30) filters nothing.
            from = english.get().in(latestYear(reports)).orElse(null);
            to = from;
        } else if (month.find()) {
            // A month named without a year (德邦4月份的周报) is in the latest year, as a day is.
            String year = month.group(1) != null ? month.group(1) : String.valueOf(latestYear(reports));
            Optional<YearMonth> ym = Dates.month(year, month.group(2));
            from = ym.map(m -> m.atDay(1)).orElse(null);
            to = ym.map(YearMonth::atEndOfMonth).orElse(null);
        }
        StringBuilder note = new StringBuilder();
        if (!brokers.isEmpty()) {
            note.append("broker ").append(String.join(", ", brokers));
        }
        if (from != null) {
            note.append(note.length() > 0 ? "; " : "").append("date ").append(range(from, to));
        }
        Set<String> industries = new LinkedHashSet<>();
        Set<String> reportIds = byIndustry(question, brokers, reports, industries);
        if (!reportIds.isEmpty()) {
            note.append("; reports on ").append(String.join(", ", industries));
        }
        return new Detected(brokers, absent, from, to, note.toString(), reportIds, industries, null, null);
    }

    /**
     * The last day of the week a question names by its days (3月18日至24日那一周), when they are days
     * of one week; else empty. Without a year, the days are in the latest year the library has.
     */
    private static Optional<LocalDate> coveredWeekEnd(String question, Collection<ReportCard> reports) {
        Matcher m = COVERED_WEEK_DAYS.matcher(question);
        Optional<LocalDate> start;
        Optional<LocalDate> end;
        Optional<Dates.EnglishSpan> english;
        if (m.find()) {
            String year = m.group(1) != null ? m.group(1) : String.valueOf(latestYear(reports));
            start = Dates.of(year, m.group(2), m.group(3));
            end = Dates.of(year, m.group(4) != null ? m.group(4) : m.group(2), m.group(5));
        } else if ((english = Dates.englishSpan(question)).isPresent()
                && ENGLISH_WEEK_BEFORE
                        .matcher(question.substring(
                                Math.max(0, english.get().start() - 30),
                                english.get().start()))
                        .find()) {
            int year = latestYear(reports);
            start = english.get().first().in(year);
            end = english.get().last().in(year);
        } else {
            return Optional.empty();
        }
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        // A week across the new year (12月30日至1月5日) ends in the next one.
        LocalDate last = end.get().isBefore(start.get()) ? end.get().plusYears(1) : end.get();
        long days = ChronoUnit.DAYS.between(start.get(), last);
        return days >= 4 && days <= 7 ? Optional.of(last) : Optional.empty();
    }

    /**
     * The first day an English question names as a report's date ("its weekly dated March 19, 2024",
     * "the 3/19 weekly"), not an event's ("What did OpenAI release on February 15?").
     */
    static Optional<Dates.EnglishDay> englishReportDay(String question) {
        for (Dates.EnglishDay d : Dates.englishDays(question)) {
            String before = question.substring(Math.max(0, d.start() - 60), d.start());
            String after = question.substring(d.end(), Math.min(question.length(), d.end() + 40));
            if (ENGLISH_DATED_BEFORE.matcher(before).find()
                    || ENGLISH_DATED_AFTER.matcher(after).find()) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * The reports left in when the question names a broker's report by its industry (德邦计算机那篇,
     * 德邦的传媒报告, Tebon's media report): of each named broker whose reports cover several industries, those whose industry
     * the question names, when that leaves some out; every report of the other named brokers. Empty
     * when the question narrows nothing this way.
     */
    private static Set<String> byIndustry(
            String question, Set<String> brokers, Collection<ReportCard> reports, Set<String> industries) {
        Set<String> out = new TreeSet<>();
        boolean narrowed = false;
        // Read once per question, not once per report.
        List<String> inEnglish = ENGLISH_INDUSTRIES.in(question);
        for (String broker : brokers) {
            List<ReportCard> own = reports.stream()
                    .filter(r -> r.metadata().broker().equals(broker))
                    .toList();
            List<ReportCard> named = own.stream()
                    .filter(r -> !r.metadata().industry().isEmpty()
                            && (question.contains(r.metadata().industry())
                                    || inEnglish.contains(r.metadata().industry())))
                    .toList();
            if (!named.isEmpty() && named.size() < own.size()) {
                narrowed = true;
                named.forEach(r -> {
                    out.add(r.id());
                    industries.add(r.metadata().industry());
                });
            } else {
                own.forEach(r -> out.add(r.id()));
            }
        }
        return narrowed ? out : Set.of();
    }

    /** The brokers of a collection of reports, and the collection they were read from. */
    private record Brokers(Collection<ReportCard> reports, Set<String> names) {}

    /**
     * The brokers of the last collection asked about. Every question is checked against the library's
     * reports, the same collection until the index changes; going through 10,000 reports for their
     * brokers took 1.9 ms of an 11 ms search (the benchmark's profile at 334,000 passages).
     */
    private volatile Brokers lastBrokers;

    private Set<String> brokersOf(Collection<ReportCard> reports) {
        Brokers known = lastBrokers;
        if (known != null && known.reports() == reports) {
            return known.names();
        }
        Set<String> present = new LinkedHashSet<>();
        reports.forEach(r -> present.add(r.metadata().broker()));
        Set<String> names = Collections.unmodifiableSet(present);
        lastBrokers = new Brokers(reports, names);
        return names;
    }

    /** A report date named without a year is taken in the latest year the corpus has reports from. */
    private static int latestYear(Collection<ReportCard> reports) {
        return reports.stream()
                .map(r -> r.metadata().date().earliest() != null
                        ? r.metadata().date().earliest()
                        : r.metadata().date().latest())
                .filter(Objects::nonNull)
                .mapToInt(LocalDate::getYear)
                .max()
                .orElse(LocalDate.now().getYear());
    }
}
