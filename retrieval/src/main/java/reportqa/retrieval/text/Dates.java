package reportqa.retrieval.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calendar dates as Chinese reports and questions write them: {@code 2024年3月19日},
 * {@code 2024.3.19}, {@code 2024-03-19}, {@code 3 月 19 日}. The one place where numbers become
 * dates: "13 月 40 日" is no date, never an exception.
 */
public final class Dates {

    /** A full date with a year, in either notation (groups: year, month, day). */
    public static final Pattern FULL_DATE = Pattern.compile(
            "(?<!\\d)(20\\d{2})\\s*(?:年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日?|[./-]\\s*(\\d{1,2})\\s*[./-]\\s*(\\d{1,2}))(?!\\d)");

    /** A month and day without a year (groups: month, day). */
    public static final Pattern MONTH_DAY = Pattern.compile("(?<![\\d年])(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");

    private Dates() {}

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

    /** Whether the text gives this date with its year in any usual notation. */
    public static boolean mentions(String text, LocalDate date) {
        return fullDates(text).stream().anyMatch(f -> f.date().equals(date));
    }
}
