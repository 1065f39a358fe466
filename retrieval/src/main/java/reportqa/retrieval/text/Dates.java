package reportqa.retrieval.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calendar dates as Chinese reports and questions write them: {@code 2024年3月19日},
 * {@code 2024.3.19}, {@code 2024-03-19}, {@code 3 月 19 日}, and as English questions write them:
 * {@code April 2, 2024}, {@code 19 March 2024}, {@code Mar 25}, {@code 3/19}. The one place where numbers
 * become dates: "13 月 40 日" is no date, never an exception.
 */
public final class Dates {

    /** A full date with a year, in either notation (groups: year, month, day). */
    public static final Pattern FULL_DATE = Pattern.compile(
            "(?<!\\d)(20\\d{2})\\s*(?:年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日?|[./-]\\s*(\\d{1,2})\\s*[./-]\\s*(\\d{1,2}))(?!\\d)");

    /** A month and day without a year (groups: month, day). */
    public static final Pattern MONTH_DAY = Pattern.compile("(?<![\\d年])(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");

    /** A month's name; "May" only capitalised ("which of the 3 may release" names no month). */
    private static final String MONTH_NAME =
            "((?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?"
                    + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)|May)\\.?";

    /** An English day: month name and day, with an optional year (April 2, 2024; Mar 25). */
    private static final Pattern ENGLISH_MONTH_DAY =
            Pattern.compile("\\b" + MONTH_NAME + "\\s+(\\d{1,2})(?i:st|nd|rd|th)?\\b(?:,?\\s*(20\\d{2})\\b)?");

    /** An English day written day first (2 April 2024, 19th March). */
    private static final Pattern ENGLISH_DAY_MONTH = Pattern.compile(
            "\\b(\\d{1,2})(?i:st|nd|rd|th)?\\s+(?i:of\\s+)?" + MONTH_NAME + "\\b(?:,?\\s*(20\\d{2})\\b)?");

    /** Month and day with a slash (3/19), as terse English questions write them; never part of a longer number. */
    private static final Pattern SLASH_MONTH_DAY = Pattern.compile("(?<![\\w/.])(\\d{1,2})/(\\d{1,2})(?![\\d/.])");

    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private Dates() {}

    /**
     * A day an English text names, its year when written (else null: the caller knows which year is
     * meant), and where it stands.
     */
    public record EnglishDay(int month, int day, Integer year, int start, int end) {

        /** The date, in the given year when none is written; empty when the numbers name none. */
        public Optional<LocalDate> in(int defaultYear) {
            return of(String.valueOf(year == null ? defaultYear : year), String.valueOf(month), String.valueOf(day));
        }
    }

    /** Every day the English text names (April 2, 2024; 19 March; 3/19), in order. */
    public static List<EnglishDay> englishDays(String text) {
        List<EnglishDay> out = new ArrayList<>();
        Matcher m = ENGLISH_MONTH_DAY.matcher(text);
        while (m.find()) {
            out.add(new EnglishDay(
                    monthOf(m.group(1)), Integer.parseInt(m.group(2)), year(m.group(3)), m.start(), m.end()));
        }
        m = ENGLISH_DAY_MONTH.matcher(text);
        while (m.find()) {
            out.add(new EnglishDay(
                    monthOf(m.group(2)), Integer.parseInt(m.group(1)), year(m.group(3)), m.start(), m.end()));
        }
        m = SLASH_MONTH_DAY.matcher(text);
        while (m.find()) {
            out.add(new EnglishDay(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), null, m.start(), m.end()));
        }
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    /**
     * Two days an English text names as a span: 18-24 March 2024, March 18-24, 25 Feb - 3 Mar 2024.
     *
     * @param start where the span's text begins (its month's name, when that comes first)
     */
    public record EnglishSpan(EnglishDay first, EnglishDay last, int start) {}

    /** Days of one month written as a span, day first: 18-24 March (2024). */
    private static final Pattern ENGLISH_DAYS_MONTH =
            Pattern.compile("\\b(\\d{1,2})(?i:st|nd|rd|th)?\\s*(?:[-–—]|to)\\s*"
                    + "(\\d{1,2})(?i:st|nd|rd|th)?\\s+(?i:of\\s+)?" + MONTH_NAME + "\\b(?:,?\\s*(20\\d{2})\\b)?");

    /** Days of one month written as a span, month first: March 18-24(, 2024). */
    private static final Pattern ENGLISH_MONTH_DAYS = Pattern.compile(
            "\\b" + MONTH_NAME
                    + "\\s+(\\d{1,2})(?i:st|nd|rd|th)?\\s*(?:[-–—]|to)\\s*(\\d{1,2})(?i:st|nd|rd|th)?\\b(?:,?\\s*(20\\d{2})\\b)?");

    /** What joins two days into a span. */
    private static final Pattern SPAN_JOIN = Pattern.compile("(?i)\\s*(?:[-–—]|to|through|until)\\s*");

    /** The first span of days an English text names, or empty. */
    public static Optional<EnglishSpan> englishSpan(String text) {
        Matcher m = ENGLISH_DAYS_MONTH.matcher(text);
        if (m.find()) {
            return Optional.of(oneMonth(m, 3, 1, 2));
        }
        m = ENGLISH_MONTH_DAYS.matcher(text);
        if (m.find()) {
            return Optional.of(oneMonth(m, 1, 2, 3));
        }
        List<EnglishDay> days = englishDays(text);
        for (int i = 0; i + 1 < days.size(); i++) {
            EnglishDay a = days.get(i);
            EnglishDay b = days.get(i + 1);
            if (a.end() <= b.start()
                    && SPAN_JOIN.matcher(text.substring(a.end(), b.start())).matches()) {
                // A year written once, after the last day, is the first day's too (25 Feb - 3 Mar 2024).
                Integer first = a.year() != null ? a.year() : b.year();
                Integer last = b.year() != null ? b.year() : a.year();
                return Optional.of(new EnglishSpan(
                        new EnglishDay(a.month(), a.day(), first, a.start(), a.end()),
                        new EnglishDay(b.month(), b.day(), last, b.start(), b.end()),
                        a.start()));
            }
        }
        return Optional.empty();
    }

    /** A span of days of one month, from the groups of a match that hold the month and each day (the year is group 4). */
    private static EnglishSpan oneMonth(Matcher m, int monthGroup, int firstGroup, int lastGroup) {
        int month = monthOf(m.group(monthGroup));
        Integer year = year(m.group(4));
        return new EnglishSpan(
                new EnglishDay(
                        month, Integer.parseInt(m.group(firstGroup)), year, m.start(firstGroup), m.end(firstGroup)),
                new EnglishDay(month, Integer.parseInt(m.group(lastGroup)), year, m.start(lastGroup), m.end(lastGroup)),
                m.start());
    }

    private static int monthOf(String name) {
        return MONTHS.indexOf(name.substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
    }

    private static Integer year(String year) {
        return year == null ? null : Integer.valueOf(year);
    }

    /** The date of these numbers, or empty when they name none (month 13, 30 February, not numbers). */
    public static Optional<LocalDate> of(String year, String month, String day) {
        if (year == null || month == null || day == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(
                    Integer.parseInt(year.strip()), Integer.parseInt(month.strip()), Integer.parseInt(day.strip())));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The month of these numbers, or empty when they name none. */
    public static Optional<YearMonth> month(String year, String month) {
        if (year == null || month == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.of(Integer.parseInt(year.strip()), Integer.parseInt(month.strip())));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The date a {@link #FULL_DATE} match names, or empty. */
    public static Optional<LocalDate> ofFullDate(Matcher m) {
        return m.group(2) != null ? of(m.group(1), m.group(2), m.group(3)) : of(m.group(1), m.group(4), m.group(5));
    }

    /** A date found in text, with where it stands. */
    public record Found(LocalDate date, String source, int start, int end) {}

    /** Every full date in the text, in order. */
    public static List<Found> fullDates(String text) {
        List<Found> out = new ArrayList<>();
        Matcher m = FULL_DATE.matcher(text);
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            String source = m.group().strip();
            ofFullDate(m).ifPresent(d -> out.add(new Found(d, source, start, end)));
        }
        return out;
    }

    /** A month and day, after a year of any century or none (1861年10月12日, 3 月 18 日, 3月18号). */
    public static final Pattern ANY_YEAR_MONTH_DAY = Pattern.compile("(?<!\\d)(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]");

    /**
     * Whether the text gives this month and day, with or without a year (3 月 28 日, 1861年10月12日,
     * 2024-03-28).
     */
    public static boolean mentionsDay(String text, int month, int day) {
        Matcher m = ANY_YEAR_MONTH_DAY.matcher(text);
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) == month && Integer.parseInt(m.group(2)) == day) {
                return true;
            }
        }
        return fullDates(text).stream()
                .anyMatch(f -> f.date().getMonthValue() == month && f.date().getDayOfMonth() == day);
    }

    /** Whether the text gives this date with its year in any usual notation. */
    public static boolean mentions(String text, LocalDate date) {
        return fullDates(text).stream().anyMatch(f -> f.date().equals(date));
    }
}
