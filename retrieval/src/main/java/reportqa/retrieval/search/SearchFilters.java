package reportqa.retrieval.search;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import reportqa.retrieval.report.ReportDate;

/**
 * Restrictions on which passages may be returned. Empty sets and null dates restrict nothing.
 *
 * @param brokers canonical broker names
 * @param from earliest publication date (inclusive); an inferred date matches when its range overlaps
 * @param to latest publication date (inclusive)
 * @param reportIds report ids
 * @param includeBoilerplate whether legal boilerplate may be returned (normally not)
 * @param boundedDatesOnly whether a date range matches only reports whose date has both ends known
 *     (used for dates read from a question: "≥ 2024-01-30" overlaps every later date, which says
 *     nothing about whether the question means that report)
 */
public record SearchFilters(
        Set<String> brokers,
        LocalDate from,
        LocalDate to,
        Set<String> reportIds,
        boolean includeBoilerplate,
        boolean boundedDatesOnly) {

    public static final SearchFilters NONE = new SearchFilters(Set.of(), null, null, Set.of(), false, false);

    /** No restriction at all, legal boilerplate included: every passage of the library. */
    public static final SearchFilters EVERY_PASSAGE = new SearchFilters(Set.of(), null, null, Set.of(), true, false);

    /** Filters with overlap semantics for dates. */
    public SearchFilters(
            Set<String> brokers, LocalDate from, LocalDate to, Set<String> reportIds, boolean includeBoilerplate) {
        this(brokers, from, to, reportIds, includeBoilerplate, false);
    }

    public SearchFilters {
        brokers = inOrder(brokers);
        reportIds = inOrder(reportIds);
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("date range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /**
     * An unmodifiable copy in the order given (Set.copyOf's order changes from one run of the JVM to
     * the next, and the brokers are written out in notes: the same question read "德邦证券, 华金证券"
     * in one run and "华金证券, 德邦证券" in another).
     */
    private static Set<String> inOrder(Set<String> given) {
        if (given == null || given.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : given) {
            out.add(Objects.requireNonNull(s, "a filter value is null"));
        }
        return Collections.unmodifiableSet(out);
    }

    public boolean hasDateRange() {
        return from != null || to != null;
    }

    /**
     * Whether a report of this date passes the date range, as the index applies it
     * ({@code LuceneQueries.filter}): its range overlaps, an unknown end matching anything, unless
     * {@link #boundedDatesOnly} asks for both ends known. True when there is no range.
     */
    public boolean datesMatch(ReportDate d) {
        if (boundedDatesOnly && hasDateRange() && (d.earliest() == null || d.latest() == null)) {
            return false;
        }
        boolean startsInTime =
                to == null || d.earliest() == null || !d.earliest().isAfter(to);
        boolean endsInTime = from == null || d.latest() == null || !d.latest().isBefore(from);
        return startsInTime && endsInTime;
    }

    public SearchFilters withBrokers(Set<String> b) {
        return new SearchFilters(b, from, to, reportIds, includeBoilerplate, boundedDatesOnly);
    }

    public SearchFilters withReportIds(Set<String> ids) {
        return new SearchFilters(brokers, from, to, ids, includeBoilerplate, boundedDatesOnly);
    }

    /** These filters, searching the boilerplate sections too (a question about the rating system or an address). */
    public SearchFilters withBoilerplate() {
        return new SearchFilters(brokers, from, to, reportIds, true, boundedDatesOnly);
    }

    /** These filters with a date range read from a question (bounded report dates only). */
    public SearchFilters withQuestionDates(LocalDate f, LocalDate t) {
        return new SearchFilters(brokers, f, t, reportIds, includeBoilerplate, true);
    }
}
