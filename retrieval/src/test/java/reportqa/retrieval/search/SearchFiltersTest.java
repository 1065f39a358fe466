package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Filters as values: their sets keep the order given, and compare as sets. */
class SearchFiltersTest {

    private static final List<String> BROKERS = List.of("德邦证券", "华金证券", "上海证券", "国泰君安", "中信证券", "华泰证券", "招商证券", "广发证券");

    @Test
    void brokersAndReportsKeepTheOrderGiven() {
        // Notes write the brokers out: the same question must read the same in every run of the JVM
        // (Set.copyOf's order changes from run to run; with eight names, one order in 40,320).
        SearchFilters f = new SearchFilters(
                new LinkedHashSet<>(BROKERS), null, null, new LinkedHashSet<>(List.of("r9", "r1", "r5")), false);
        assertEquals(BROKERS, new ArrayList<>(f.brokers()));
        assertEquals(List.of("r9", "r1", "r5"), new ArrayList<>(f.reportIds()));
    }

    @Test
    void theyCompareAsSetsAndCannotBeChanged() {
        SearchFilters a = new SearchFilters(new LinkedHashSet<>(BROKERS), null, null, Set.of(), false);
        List<String> reversed = new ArrayList<>(BROKERS);
        java.util.Collections.reverse(reversed);
        SearchFilters b = new SearchFilters(new LinkedHashSet<>(reversed), null, null, null, false);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertThrows(UnsupportedOperationException.class, () -> a.brokers().add("x"));
        assertEquals(Set.of(), new SearchFilters(null, null, null, null, false).brokers());
    }

    @Test
    void aNullNameIsRefused() {
        Set<String> withNull = new LinkedHashSet<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> new SearchFilters(withNull, null, null, Set.of(), false));
    }
}
