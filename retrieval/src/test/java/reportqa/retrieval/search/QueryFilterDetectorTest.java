package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.report.ReportMetadata;

class QueryFilterDetectorTest {

    private final QueryFilterDetector detector = new QueryFilterDetector(BrokerRegistry.standard());

    /** A corpus of two brokers; its latest report year is 2023, not this year. */
    private final List<ReportCard> corpus = List.of(
            report("a", "上海证券", ReportDate.stated(LocalDate.of(2023, 3, 25), "日期： 2023年03月25日")),
            report("b", "德邦证券", new ReportDate(LocalDate.of(2022, 1, 30), null, true, "inferred")),
            report("c", "华金证券", new ReportDate(null, LocalDate.of(2021, 6, 1), true, "inferred")));

    private static ReportCard report(String id, String broker, ReportDate date) {
        ReportMetadata m = new ReportMetadata(broker, "", date, List.of(), List.of(), "", "", "", Map.of());
        return new ReportCard(id, m, "正文。");
    }

    private static ReportCard report(String id, String broker, String industry) {
        ReportMetadata m =
                new ReportMetadata(broker, "", ReportDate.UNKNOWN, List.of(), List.of(), industry, "", "", Map.of());
        return new ReportCard(id, m, "正文。");
    }

    @Test
    void aBrokerAndAnIndustryNameThatBrokersReportOnTheIndustry() {
        List<ReportCard> two = List.of(
                report("media", "德邦证券", "传媒"), report("computer", "德邦证券", "计算机"), report("other", "华金证券", "传媒"));
        QueryFilterDetector.Detected d = detector.detect("德邦计算机那篇推荐了哪些公司", two);
        assertEquals(Set.of("computer"), d.reportIds());
        assertEquals(Set.of("计算机"), d.industries());
        assertEquals("broker 德邦证券; reports on 计算机", d.note());
        // Another broker named keeps all of its reports; both industries named narrow nothing.
        assertEquals(
                Set.of("computer", "other"),
                detector.detect("华金和德邦计算机的说法一致吗", two).reportIds());
        assertEquals(Set.of(), detector.detect("德邦传媒和计算机两篇报告", two).reportIds());
        // No broker named, or a broker with one industry: nothing narrowed by industry.
        assertEquals(Set.of(), detector.detect("计算机行业怎么看 Sora", two).reportIds());
        assertEquals(Set.of(), detector.detect("华金传媒快报", two).reportIds());
        // In English, an industry before a word for a report or team; the pinyin Debon names 德邦 too.
        assertEquals(
                Set.of("media"),
                detector.detect("What does Debon's media report say about Sora?", two)
                        .reportIds());
        assertEquals(
                Set.of("computer"),
                detector.detect("Which datasets does the Tebon computer team list?", two)
                        .reportIds());
        assertEquals(
                Set.of(),
                detector.detect("What does Tebon say about social media?", two).reportIds());
        assertEquals(
                Set.of("computer"),
                detector.detect("Who is the research assistant on Tebon's computer-sector Sora note?", two)
                        .reportIds(),
                "an industry joined to its noun by a hyphen");
    }

    private QueryFilterDetector.Detected detect(String question) {
        return detector.detect(question, corpus);
    }

    @Test
    void aDayWithItsYearIsThatDay() {
        QueryFilterDetector.Detected d = detect("2024年3月19日的周报讲了什么");
        assertEquals(LocalDate.of(2024, 3, 19), d.from());
        assertEquals(LocalDate.of(2024, 3, 19), d.to());
        assertEquals("date 2024-03-19", d.note());
        assertTrue(d.any());
    }

    @Test
    void aDayWithoutAYearTakesTheLatestYearOfTheCorpus() {
        QueryFilterDetector.Detected d = detect("3 月 25 日的周报讲了什么");
        assertEquals(LocalDate.of(2023, 3, 25), d.from());
        assertEquals(d.from(), d.to());
        assertEquals(LocalDate.of(2023, 2, 16), detect("2月16号发布的报告").from(), "号 and 发布 too");
    }

    @Test
    void aMonthIsTheWholeMonth() {
        QueryFilterDetector.Detected d = detect("2024年3月的报告");
        assertEquals(LocalDate.of(2024, 3, 1), d.from());
        assertEquals(LocalDate.of(2024, 3, 31), d.to());
        assertEquals("date 2024-03-01 ~ 2024-03-31", d.note());
        assertEquals(LocalDate.of(2024, 2, 29), detect("2024 年 2 月发布的研报").to(), "a leap February");
        // Without a year, in the latest year of the corpus, as a day is; 月份 as well as 月.
        QueryFilterDetector.Detected april = detect("德邦4月份的传媒周报推荐了啥");
        assertEquals(LocalDate.of(2023, 4, 1), april.from());
        assertEquals(LocalDate.of(2023, 4, 30), april.to());
        assertNull(detect("Sora 预计 12 个月后开放").from(), "a span of months is no report date");
    }

    @Test
    void numbersThatNameNoDateFilterNothing() {
        for (String q : List.of("13月40日的周报", "2月30日的报告", "2024年2月30日的点评", "2024年13月的报告")) {
            QueryFilterDetector.Detected d = detect(q);
            assertNull(d.from(), q);
            assertNull(d.to(), q);
            assertFalse(d.any(), q);
            assertEquals("", d.note(), q);
        }
    }

    @Test
    void anEnglishDayThatDatesAReportIsThatDay() {
        assertEquals(
                LocalDate.of(2024, 4, 2),
                detect("What rating did Shanghai Securities give media in its weekly published on April 2, 2024?")
                        .from());
        assertEquals(
                LocalDate.of(2024, 3, 19),
                detect("In its weekly dated March 19, 2024, what does it say?").from());
        assertEquals(
                LocalDate.of(2023, 3, 25),
                detect("What does the March 25 weekly recommend?").from(),
                "no year: the latest");
        assertEquals(
                LocalDate.of(2024, 3, 19),
                detect("the 19th March 2024 report's analyst").from(),
                "day first");
        assertEquals(
                LocalDate.of(2023, 3, 19), detect("SH Sec weekly 3/19 analyst").from(), "month/day after the noun");
        QueryFilterDetector.Detected feb30 = detect("the February 30 weekly");
        assertNull(feb30.from(), "no such day");
        assertFalse(feb30.any());
    }

    @Test
    void anEnglishDayOfAnEventIsNoReportDate() {
        assertNull(detect("What did OpenAI release on February 15, 2024?").from());
        assertNull(detect("In the Huajin report, what happened on February 16?").from());
        assertNull(
                detect("What was released on Feb 16 according to the report?").from());
        assertNull(detect("Open-Sora trains 64 frames at 1/2 the cost").from(), "a fraction is no day");
        assertNull(detect("Which model in the report was released on March 4?").from(), "the model's date");
        assertNull(detect("Which of the 3 may release an update?").from(), "may is no month");
        assertNull(detect("What did the Q1/24 report say?").from(), "a quarter is no day");
    }

    @Test
    void aDateOfAnEventIsNoReportDate() {
        QueryFilterDetector.Detected d = detect("2月16日 OpenAI 发布了什么模型");
        assertNull(d.from());
        assertNull(detect("2024年3月发布的 Sora 有什么特点").from());
    }

    @Test
    void aBrokerCountsOnlyWhenTheCorpusHasItsReports() {
        QueryFilterDetector.Detected present = detect("德邦证券怎么看 AI 视频");
        assertEquals(Set.of("德邦证券"), present.brokers());
        assertEquals(Set.of(), present.absentBrokers());
        assertEquals("broker 德邦证券", present.note());
        assertTrue(present.any());

        QueryFilterDetector.Detected absent = detect("中信证券怎么看 AI 视频");
        assertEquals(Set.of(), absent.brokers());
        assertEquals(Set.of("中信证券"), absent.absentBrokers());
        assertFalse(absent.any(), "an absent broker filters nothing");
    }

    @Test
    void aliasesAndCaseNameTheCanonicalBroker() {
        assertEquals(Set.of("上海证券"), detect("shanghai securities 的观点").brokers());
        assertEquals(Set.of("德邦证券"), detect("德邦 研究所").brokers());
    }

    @Test
    void brokerAndDateTogether() {
        QueryFilterDetector.Detected d = detect("上海证券 3 月 25 日的周报讲了什么");
        assertEquals(Set.of("上海证券"), d.brokers());
        assertEquals(LocalDate.of(2023, 3, 25), d.from());
        assertEquals("broker 上海证券; date 2023-03-25", d.note());
    }

    @Test
    void withoutDatedReportsAYearlessDayIsInThisYear() {
        QueryFilterDetector.Detected d = detector.detect("3月25日的周报", List.of(report("x", "上海证券", ReportDate.UNKNOWN)));
        assertEquals(LocalDate.of(LocalDate.now().getYear(), 3, 25), d.from());
    }

    @Test
    void theWeekAWeeklyCoversDatesItWithinTheWeekAfter() {
        QueryFilterDetector.Detected d = detector.detect("上海证券覆盖20230318-20230324这一周的周报讲了什么？", corpus);
        assertEquals(LocalDate.of(2023, 3, 25), d.from());
        assertEquals(LocalDate.of(2023, 3, 31), d.to());
        QueryFilterDetector.Detected english =
                detector.detect("What did the weekly covering 20230401-20230407 say?", corpus);
        assertEquals(LocalDate.of(2023, 4, 8), english.from());
    }

    @Test
    void theWeekAWeeklyCoversNamedByItsDays() {
        QueryFilterDetector.Detected d = detect("上海证券覆盖3月18日至24日那一周的传媒周报是哪天出的？");
        assertEquals(LocalDate.of(2023, 3, 25), d.from(), "the day after the week, in the corpus's latest year");
        assertEquals(LocalDate.of(2023, 3, 31), d.to());
        assertEquals(
                LocalDate.of(2023, 4, 3), detect("3 月 27 日-4 月 2 日这周的周报讲了什么").from(), "a week across two months");
        assertEquals(LocalDate.of(2023, 3, 18), detect("3月18日的周报讲了什么").from(), "one day is the report's own date");
        assertEquals(
                LocalDate.of(2023, 3, 1),
                detect("3月1日至24日那几周的周报").from(),
                "days more than a week apart are no week: the first day is read as it was");
        assertNull(detect("3月18日至24日发布了哪些模型").from(), "no week or weekly named");
        for (String q : List.of(
                "What is the publication date of Shanghai Securities' media weekly for the week of 18-24 March 2023?",
                "the weekly covering March 18-24",
                "What did the weekly for 18 March - 24 March say?")) {
            assertEquals(LocalDate.of(2023, 3, 25), detect(q).from(), q);
        }
        assertEquals(
                LocalDate.of(2024, 3, 4),
                detect("What did Shanghai Securities' media weekly for 25 Feb - 3 Mar 2024 say about Kimi?")
                        .from(),
                "a week across two months, with its year");
        assertNull(detect("What happened between March 18-24?").from(), "no week or weekly named");
        assertEquals(
                LocalDate.of(2023, 3, 18),
                detect("3月18日至24日发布的周报有哪些？").from(),
                "weeklies published in those days: the first day is read as it was");
        assertNull(detect("Which weeklies were published March 18-24?").from(), "published then, not covering");
        assertEquals(
                LocalDate.of(2024, 1, 1),
                detect("上海证券2023年12月25日至31日那一周的周报").from(),
                "the week after a week at the end of the year");
        assertEquals(
                LocalDate.of(2024, 1, 6),
                detect("the weekly covering Dec 30, 2023 - Jan 5, 2024").from(),
                "a week across the new year, each day with its year");
    }

    @Test
    void aMonthDatesAReportEvenWithALongerNameBetween() {
        QueryFilterDetector.Detected d = detector.detect("德邦证券2023年5月的传媒互联网行业月报说了什么？", corpus);
        assertEquals(LocalDate.of(2023, 5, 1), d.from());
        assertEquals(LocalDate.of(2023, 5, 31), d.to());
    }
}
