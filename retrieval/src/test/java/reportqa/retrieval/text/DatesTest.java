package reportqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class DatesTest {

    @Test
    void numbersNamingADayAreThatDay() {
        assertEquals(Optional.of(LocalDate.of(2024, 3, 19)), Dates.of("2024", "3", "19"));
        assertEquals(Optional.of(LocalDate.of(2024, 3, 19)), Dates.of("2024", "03", "19"));
        assertEquals(Optional.of(LocalDate.of(2024, 2, 29)), Dates.of("2024", "2", "29"), "a leap day");
    }

    @Test
    void numbersNamingNoDayAreNoDate() {
        assertEquals(Optional.empty(), Dates.of("2024", "13", "40"));
        assertEquals(Optional.empty(), Dates.of("2024", "2", "30"));
        assertEquals(Optional.empty(), Dates.of("2023", "2", "29"), "no leap day in 2023");
        assertEquals(Optional.empty(), Dates.of("2024", "0", "1"));
        assertEquals(Optional.empty(), Dates.of("2024", "三", "1"));
        assertEquals(Optional.empty(), Dates.of("2024", null, "1"));
    }

    @Test
    void monthsAreMonthsOrNothing() {
        assertEquals(Optional.of(YearMonth.of(2024, 3)), Dates.month("2024", "3"));
        assertEquals(Optional.empty(), Dates.month("2024", "13"));
        assertEquals(Optional.empty(), Dates.month("", "3"));
    }

    @Test
    void fullDatesAreFoundInBothNotations() {
        List<Dates.Found> found = Dates.fullDates("日期： 2024年03月19日，相关报告 2024.2.3，另见 2024-1-30 与 2024 年 3 月 10 日");
        assertEquals(
                List.of(
                        LocalDate.of(2024, 3, 19),
                        LocalDate.of(2024, 2, 3),
                        LocalDate.of(2024, 1, 30),
                        LocalDate.of(2024, 3, 10)),
                found.stream().map(Dates.Found::date).toList());
        assertEquals("2024年03月19日", found.get(0).source());
        assertEquals("2024.2.3", found.get(1).source());
        String text = "发布于 2024/3/5 。";
        Dates.Found slash = Dates.fullDates(text).get(0);
        assertEquals("2024/3/5", text.substring(slash.start(), slash.end()).strip());
    }

    @Test
    void invalidOrPartOfLongerNumbersIsNoFullDate() {
        assertEquals(List.of(), Dates.fullDates("2024年13月40日"));
        assertEquals(List.of(), Dates.fullDates("2024年2月30日"));
        assertEquals(List.of(), Dates.fullDates("编号 12024.3.19"), "a year inside a longer number");
        assertEquals(List.of(), Dates.fullDates("1999年3月19日"), "years 20xx only");
        assertEquals(List.of(), Dates.fullDates("3月19日"), "no year");
    }

    @Test
    void ofFullDateReadsEitherNotation() {
        Matcher chinese = Dates.FULL_DATE.matcher("2024年3月19日");
        assertTrue(chinese.find());
        assertEquals(Optional.of(LocalDate.of(2024, 3, 19)), Dates.ofFullDate(chinese));
        Matcher dotted = Dates.FULL_DATE.matcher("2024.3.19");
        assertTrue(dotted.find());
        assertEquals(Optional.of(LocalDate.of(2024, 3, 19)), Dates.ofFullDate(dotted));
        Matcher invalid = Dates.FULL_DATE.matcher("2024.2.30");
        assertTrue(invalid.find(), "the pattern matches; the numbers name no date");
        assertEquals(Optional.empty(), Dates.ofFullDate(invalid));
    }

    @Test
    void monthDayIsAMonthAndDayWithoutAYear() {
        Matcher m = Dates.MONTH_DAY.matcher("2月16日 OpenAI 发布");
        assertTrue(m.find());
        assertEquals("2", m.group(1));
        assertEquals("16", m.group(2));
        assertTrue(Dates.MONTH_DAY.matcher("3 月 27 日").find());
        assertFalse(Dates.MONTH_DAY.matcher("2024年3月27日").find(), "a month after 年 belongs to a full date");
    }

    @Test
    void mentionsMatchesTheDateInAnyNotation() {
        LocalDate d = LocalDate.of(2024, 3, 19);
        assertTrue(Dates.mentions("日期：2024年03月19日", d));
        assertTrue(Dates.mentions("见 2024-3-19 的报告", d));
        assertFalse(Dates.mentions("见 2024-3-18 的报告", d));
        assertFalse(Dates.mentions("3月19日", d), "without its year it is not this date");
    }
}
