package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.SeedLibrary;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.text.LineKinds;
import reportqa.retrieval.text.NoiseLines;
import reportqa.retrieval.text.TextMatch;

class RetrieverTest {

    private final ReportLibrary lib = SeedLibrary.get();

    private List<Passage> search(String q, SearchMode mode, SearchFilters f) throws Exception {
        return lib.retriever().search(SearchRequest.question(q, 10, mode, f)).passages();
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void everyModeFindsHowLongSoraVideosAre(SearchMode mode) throws Exception {
        List<Passage> top = search("Sora 能生成多长的视频？", mode, SearchFilters.NONE).subList(0, 5);
        assertTrue(
                top.stream().anyMatch(p -> TextMatch.contains(p.text(), "1 分钟") || TextMatch.contains(p.text(), "一分钟")),
                () -> mode + ": " + top);
        for (Passage p : top) {
            Report r = lib.backend().report(p.reportId()).orElseThrow();
            assertEquals(r.text().substring(p.start(), p.end()), p.text(), "offsets point into the cleaned text");
            assertFalse(p.metadata().broker().isEmpty());
            assertFalse(p.boilerplate());
        }
        for (int i = 0; i < top.size(); i++) {
            assertEquals(i + 1, top.get(i).rank());
            if (i > 0) {
                assertTrue(top.get(i - 1).score() >= top.get(i).score());
            }
        }
    }

    @Test
    void boilerplateIsLeftOutUnlessTheFiltersOrTheQuestionAskForIt() throws Exception {
        String q = "本报告仅供客户使用 不构成投资建议";
        assertTrue(search(q, SearchMode.HYBRID, SearchFilters.NONE).stream().noneMatch(Passage::boilerplate));
        SearchFilters withLegal = new SearchFilters(Set.of(), null, null, Set.of(), true);
        assertTrue(search(q, SearchMode.HYBRID, withLegal).stream().anyMatch(Passage::boilerplate));
        // A question about the disclaimer or the rating system asks for the back matter itself.
        assertTrue(search("免责声明 " + q, SearchMode.HYBRID, SearchFilters.NONE).stream()
                .anyMatch(Passage::boilerplate));
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void passagesCarryTheirLinesAsClassifiedWhenIndexed(SearchMode mode) throws Exception {
        List<Passage> found = search("华金证券相关报告", mode, SearchFilters.NONE);
        assertFalse(found.isEmpty());
        for (Passage p : found) {
            assertNotNull(p.lines(), p.passageId());
            assertEquals(LineKinds.of(p.text()), p.lines(), p.passageId());
        }
        assertTrue(
                found.stream().anyMatch(p -> p.lines().charsOf(NoiseLines.RELATED) > 0), "a list of related reports");
    }

    @Test
    void brokerFilterKeepsOnlyThatBroker() throws Exception {
        SearchFilters tebon = SearchFilters.NONE.withBrokers(Set.of("德邦证券"));
        List<Passage> found = search("建议关注哪些公司", SearchMode.HYBRID, tebon);
        assertFalse(found.isEmpty());
        assertTrue(found.stream().allMatch(p -> p.metadata().broker().equals("德邦证券")));
    }

    @Test
    void dateRangeMatchesStatedDatesAndOverlappingInferredRanges() throws Exception {
        SearchFilters after20th = new SearchFilters(Set.of(), LocalDate.of(2024, 3, 20), null, Set.of(), false);
        Set<String> reports = reportsOf(search("视频生成模型", SearchMode.BM25, after20th));
        assertFalse(reports.contains("000_49d3edf45c38a390"), "stated 2024-03-19 is before the range");
        assertTrue(reports.contains("003_b9fc14e133e3b502"), "stated 2024-03-25");
        assertTrue(reports.contains("002_bcc5796c86ba42b6"), "inferred 2024-03-10 ~ 2024-03-27 overlaps");

        SearchFilters before18th = new SearchFilters(Set.of(), null, LocalDate.of(2024, 3, 18), Set.of(), false);
        Set<String> early = reportsOf(search("视频生成模型", SearchMode.BM25, before18th));
        assertFalse(early.contains("000_49d3edf45c38a390"));
        assertFalse(early.contains("003_b9fc14e133e3b502"));
        assertTrue(early.contains("001_e256dbcac6dad0ec"), "inferred ≥ 2024-02-16 overlaps");
    }

    @Test
    void reportFilterKeepsOnlyThoseReports() throws Exception {
        SearchFilters only = new SearchFilters(Set.of(), null, null, Set.of("001_e256dbcac6dad0ec"), false);
        assertEquals(Set.of("001_e256dbcac6dad0ec"), reportsOf(search("Sora", SearchMode.DENSE, only)));
    }

    @Test
    void aBrokerAndReportDateNamedInTheQuestionNarrowTheSearch() throws Exception {
        SearchResult r = lib.retriever().search(SearchRequest.of("上海证券 3 月 25 日的周报讲了什么？", 5));
        assertEquals(Set.of("003_b9fc14e133e3b502"), reportsOf(r.passages()));
        assertTrue(r.autoFilterNote().contains("上海证券"), r.autoFilterNote());
        assertEquals(Set.of("上海证券"), r.applied().brokers());

        // A date that dates no report of that broker is let go; the broker still narrows.
        SearchResult loose = lib.retriever().search(SearchRequest.of("德邦证券 2024 年 2 月 18 日的周报写了什么？", 5));
        assertFalse(loose.passages().isEmpty());
        assertTrue(loose.passages().stream().allMatch(p -> p.metadata().broker().equals("德邦证券")));
        assertFalse(loose.applied().hasDateRange());
    }

    @Test
    void filtersCarriedOverFromTheConversationAreLabelledSo() throws Exception {
        SearchRequest followUp = SearchRequest.of("那还有呢？ 上海证券 3 月 25 日的周报讲了", 5).withAsked("那还有呢？");
        SearchResult r = lib.retriever().search(followUp);
        assertEquals(
                "restricted to broker 上海证券 (carried over from the conversation);"
                        + " reports dated 2024-03-25 (carried over from the conversation)",
                r.autoFilterNote());
        SearchResult own =
                lib.retriever().search(SearchRequest.of("那德邦呢？ 3 月 25 日的周报", 5).withAsked("那德邦呢？"));
        assertTrue(own.autoFilterNote().contains("broker 德邦证券 (named in the question)"), own.autoFilterNote());
    }

    @Test
    void theNextOrPreviousIssueIsTheSeriesReportAfterOrBeforeTheOneTheConversationNamed() throws Exception {
        SearchResult next = lib.retriever()
                .search(SearchRequest.of("下一期的标题呢？ 上海证券3月19日那篇传媒周报标题", 5).withAsked("下一期的标题呢？"));
        assertEquals(
                "restricted to broker 上海证券 (carried over from the conversation); reports dated 2024-03-25"
                        + " (the report after 2024-03-19, carried over from the conversation)",
                next.autoFilterNote());
        assertFalse(next.passages().isEmpty());
        assertTrue(next.passages().stream().allMatch(p -> p.reportId().equals("003_b9fc14e133e3b502")));
        SearchResult previous = lib.retriever()
                .search(SearchRequest.of("And the previous issue? 上海证券 3 月 25 日的周报讲了什么", 5)
                        .withAsked("And the previous issue?"));
        assertEquals(LocalDate.of(2024, 3, 19), previous.applied().from());
        assertFalse(previous.passages().isEmpty());
        assertTrue(previous.passages().stream().allMatch(p -> p.reportId().equals("000_49d3edf45c38a390")));
        // No report of the series before the first: the date named stays, and the search says what is missing.
        SearchResult none = lib.retriever()
                .search(SearchRequest.of("上一期呢？ 上海证券 3 月 19 日的周报讲了什么", 5).withAsked("上一期呢？"));
        assertEquals(LocalDate.of(2024, 3, 19), none.applied().from());
        assertEquals(
                List.of("no report of that series before 2024-03-19 in the library"),
                none.unmatched().stream().map(Unmatched::reason).toList());
        // Two turns of 下一期 carried: two issues on.
        SearchResult twice = lib.retriever()
                .search(SearchRequest.of("再下一期呢？ 下一期 上海证券 3 月 19 日的周报讲了什么", 5).withAsked("再下一期呢？"));
        assertEquals(
                List.of("no report of that series 2 issues after 2024-03-19 in the library"),
                twice.unmatched().stream().map(Unmatched::reason).toList());
        // Without a word for the next issue, the date named is the one searched.
        SearchResult same = lib.retriever()
                .search(SearchRequest.of("标题呢？ 上海证券3月19日那篇传媒周报标题", 5).withAsked("标题呢？"));
        assertEquals(LocalDate.of(2024, 3, 19), same.applied().from());
    }

    @Test
    void aBrokerTheRequestsFilterLeavesOutIsSaidPlainly() throws Exception {
        SearchFilters onlyShanghai = new SearchFilters(Set.of("上海证券"), null, null, Set.of(), false);
        SearchResult r =
                lib.retriever().search(SearchRequest.question("德邦证券怎么看 Sora？", 5, SearchMode.HYBRID, onlyShanghai));
        assertEquals("the question asks about 德邦证券, which the broker filter (上海证券) leaves out", r.autoFilterNote());
        assertEquals(
                List.of("the filter (broker 上海证券) leaves out the reports from 德邦证券 the question asks about"),
                r.unmatched().stream().map(Unmatched::reason).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"title:(Sora AND *", "*", "\"", "AND OR NOT", "text:视频^10 ~2", "(((", "[1 TO 5]", "？？？"})
    void userTextIsNeverQuerySyntax(String q) throws Exception {
        for (SearchMode mode : SearchMode.values()) {
            lib.retriever().search(SearchRequest.question(q, 5, mode, null)); // must not throw
        }
        assertFalse(lib.retriever()
                .search(SearchRequest.question("title:(Sora AND *", 5, SearchMode.BM25, null))
                .passages()
                .isEmpty());
    }

    @Test
    void aVeryLongQueryIsCappedNotRejected() throws Exception {
        String q = lib.backend().report("002_bcc5796c86ba42b6").orElseThrow().text();
        assertFalse(lib.retriever()
                .search(SearchRequest.question(q, 5, SearchMode.HYBRID, null))
                .passages()
                .isEmpty());
    }

    @Test
    void requestsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.of("x", 0));
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.of("   ", 5));
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.of("x", SearchRequest.MAX_K + 1));
        assertThrows(IllegalArgumentException.class, () -> SearchMode.parse("fuzzy"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SearchFilters(Set.of(), LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 1), Set.of(), false));
    }

    private static Set<String> reportsOf(List<Passage> ps) {
        return ps.stream().map(Passage::reportId).collect(java.util.stream.Collectors.toSet());
    }
}
