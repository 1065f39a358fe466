package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.report.ReportMetadata;

/** Which words ask for the next or previous issue, and which report that is. */
class ReportSequenceTest {

    private static final ReportSequence SEQUENCE = ReportSequence.standard();

    private static ReportCard report(String id, String broker, String type, String industry, LocalDate date) {
        ReportDate d = date == null ? ReportDate.UNKNOWN : ReportDate.stated(date, date.toString());
        return new ReportCard(
                id, new ReportMetadata(broker, id, d, List.of(), List.of(), industry, "", type, Map.of()), "");
    }

    private static final List<ReportCard> LIBRARY = List.of(
            report("w1", "上海证券", "周报", "传媒", LocalDate.of(2024, 3, 11)),
            report("w2", "上海证券", "周报", "传媒", LocalDate.of(2024, 3, 19)),
            report("w3", "上海证券", "周报", "传媒", LocalDate.of(2024, 3, 25)),
            report("c1", "上海证券", "周报", "计算机", LocalDate.of(2024, 3, 20)),
            report("f1", "上海证券", "快报", "传媒", LocalDate.of(2024, 3, 21)),
            report("d1", "德邦证券", "周报", "传媒", LocalDate.of(2024, 3, 22)),
            report("u1", "上海证券", "周报", "传媒", null));

    @Test
    void wordsForTheNextAndThePreviousIssue() {
        for (String q : List.of("下一期的标题呢？", "那下期呢", "And the one for the following week?", "next issue?")) {
            assertEquals(1, SEQUENCE.steps(q), q);
        }
        for (String q : List.of("上一期讲了什么", "前一篇呢？", "What about the previous weekly?", "the prior issue")) {
            assertEquals(-1, SEQUENCE.steps(q), q);
        }
        // A follow-up counts the words of the turns it carries.
        assertEquals(2, SEQUENCE.steps("再下一期呢？ 下一期 上海证券3月11日的周报"));
        // A week ahead, an item of a list, a change on the last period: no report of a series.
        for (String q : List.of(
                "上期所的数据",
                "环比上期增长多少",
                "较上期提升了多少",
                "下一步怎么走？",
                "What comes next for Sora?",
                "What does it expect next week?",
                "And the next one?",
                "上一期和下一期有什么不同")) {
            assertEquals(0, SEQUENCE.steps(q), q);
        }
    }

    @Test
    void theAdjacentReportIsOfTheSameBrokerTypeAndIndustry() {
        LocalDate d19 = LocalDate.of(2024, 3, 19);
        LocalDate d11 = LocalDate.of(2024, 3, 11);
        assertEquals(Optional.of("w3"), id(SEQUENCE.adjacent(1, d19, d19, Set.of("上海证券"), Set.of(), LIBRARY)));
        assertEquals(Optional.of("w1"), id(SEQUENCE.adjacent(-1, d19, d19, Set.of(), Set.of(), LIBRARY)));
        assertEquals(Optional.of("w3"), id(SEQUENCE.adjacent(2, d11, d11, Set.of(), Set.of(), LIBRARY)), "two on");
        LocalDate d25 = LocalDate.of(2024, 3, 25);
        assertEquals(
                Optional.empty(),
                id(SEQUENCE.adjacent(1, d25, d25, Set.of("上海证券"), Set.of(), LIBRARY)),
                "the last one");
        assertEquals(Optional.empty(), id(SEQUENCE.adjacent(3, d11, d11, Set.of(), Set.of(), LIBRARY)), "not that far");
        // Reports of two series dated within the range: which one is meant is unknown, unless the
        // question named the report's industry.
        LocalDate d20 = LocalDate.of(2024, 3, 20);
        assertEquals(Optional.empty(), id(SEQUENCE.adjacent(1, d19, d20, Set.of(), Set.of(), LIBRARY)));
        assertEquals(Optional.of("w3"), id(SEQUENCE.adjacent(1, d19, d20, Set.of(), Set.of("w2"), LIBRARY)));
        assertEquals(
                Optional.empty(),
                id(SEQUENCE.adjacent(1, d19, d19, Set.of("德邦证券"), Set.of(), LIBRARY)),
                "none dated so");
        // A report whose type is unknown is of no known series.
        List<ReportCard> untyped = List.of(report("x1", "德邦证券", "", "传媒", d19), report("x2", "德邦证券", "", "传媒", d25));
        assertEquals(Optional.empty(), id(SEQUENCE.adjacent(1, d19, d19, Set.of(), Set.of(), untyped)));
    }

    private static Optional<String> id(Optional<ReportCard> r) {
        return r.map(ReportCard::id);
    }
}
