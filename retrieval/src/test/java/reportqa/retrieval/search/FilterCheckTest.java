package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.report.ReportMetadata;

class FilterCheckTest {

    private final FilterCheck check = new FilterCheck(BrokerRegistry.standard());

    private static ReportCard report(String id, String broker, ReportDate date) {
        return new ReportCard(
                id, new ReportMetadata(broker, "t", date, List.of(), List.of(), "", "", "", Map.of()), "text");
    }

    private static final Map<String, ReportCard> LIBRARY = Map.of(
            "a", report("a", "德邦证券", ReportDate.stated(LocalDate.of(2024, 3, 1), "")),
            "b", report("b", "华金证券", new ReportDate(LocalDate.of(2024, 2, 16), null, true, "")),
            "c", report("c", "上海证券", ReportDate.stated(LocalDate.of(2024, 3, 25), "")));

    private static SearchFilters brokers(String... names) {
        return new SearchFilters(Set.of(names), null, null, Set.of(), false);
    }

    @Test
    void aliasesAndUniquePrefixesBecomeCanonicalNames() {
        assertEquals(Set.of("德邦证券"), check.resolve(brokers("德邦"), LIBRARY).brokers());
        assertEquals(
                Set.of("德邦证券"),
                check.resolve(brokers("tebon securities"), LIBRARY).brokers());
        assertEquals(Set.of("上海证券"), check.resolve(brokers("上海"), LIBRARY).brokers());
        assertEquals(
                Set.of("上海证券", "华金证券"),
                check.resolve(brokers("上海证券", "华金证券"), LIBRARY).brokers());
    }

    @Test
    void aBrokerOrReportTheLibraryLacksIsNamed() {
        UnknownFilterException known =
                assertThrows(UnknownFilterException.class, () -> check.resolve(brokers("CITIC SECURITIES"), LIBRARY));
        assertEquals(UnknownFilterException.Kind.BROKER, known.kind());
        assertEquals("no report from 中信证券 in the library; its brokers: 上海证券, 华金证券, 德邦证券", known.getMessage());
        assertEquals(
                "no report from 证券 in the library; its brokers: 上海证券, 华金证券, 德邦证券",
                assertThrows(UnknownFilterException.class, () -> check.resolve(brokers("证券"), LIBRARY))
                        .getMessage());
        UnknownFilterException report = assertThrows(
                UnknownFilterException.class,
                () -> check.resolve(new SearchFilters(Set.of(), null, null, Set.of("z"), false), LIBRARY));
        assertEquals(UnknownFilterException.Kind.REPORT, report.kind());
        assertEquals("no report with id 'z'", report.getMessage());
    }

    @Test
    void aDateRangeNoReportFallsInIsRefusedOnlyWhenAskedTo() {
        SearchFilters late = new SearchFilters(Set.of("上海证券"), LocalDate.of(2030, 1, 1), null, Set.of(), false);
        assertEquals(Set.of("上海证券"), check.resolve(late, LIBRARY).brokers(), "resolve alone checks no dates");
        UnknownFilterException e =
                assertThrows(UnknownFilterException.class, () -> check.resolveNonEmpty(late, LIBRARY));
        assertEquals(UnknownFilterException.Kind.DATES, e.kind());
        assertEquals(
                "no report from 上海证券 dated on or after 2030-01-01; those reports are dated 2024-03-25 … 2024-03-25",
                e.getMessage());
        // An open-ended inferred date (≥ 2024-02-16) may fall in any later range.
        SearchFilters anyLate = new SearchFilters(Set.of(), LocalDate.of(2030, 1, 1), null, Set.of(), false);
        assertEquals(anyLate, check.resolveNonEmpty(anyLate, LIBRARY));
        SearchFilters early = new SearchFilters(Set.of(), null, LocalDate.of(2023, 12, 31), Set.of(), false);
        assertEquals(
                "no report dated on or before 2023-12-31; those reports are dated 2024-02-16 … 2024-03-25",
                assertThrows(UnknownFilterException.class, () -> check.resolveNonEmpty(early, LIBRARY))
                        .getMessage());
    }
}
