package reportqa.retrieval.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.ReportCard;

/**
 * The filters a question names ("上海证券 3 月 25 日的周报…"), as a ladder from narrowest to the
 * request's own: broker and date, broker (and the industry of its report: 德邦计算机那篇), broker
 * only, neither. The search takes the first rung that finds
 * anything and says what it did, and what the question named that the library lacks.
 */
final class AutoFilters {

    private static final String NAMED = "named in the question";
    private static final String CARRIED = "carried over from the conversation";

    private final QueryFilterDetector detector;
    private final ReportSequence sequence;

    AutoFilters(BrokerRegistry brokers) {
        this.detector = new QueryFilterDetector(brokers);
        this.sequence = ReportSequence.standard();
    }

    /** What the user's own words name (for labelling what a rewritten follow-up carried over). */
    QueryFilterDetector.Detected detect(String words, Collection<ReportCard> reports) {
        return detector.detect(words, reports);
    }

    /**
     * The ladder for one question.
     *
     * @param question the query, with what a follow-up carried over: "下一期呢？" moves the date the
     *     conversation named to the next report of its series
     */
    Ladder ladder(String question, SearchFilters requested, Collection<ReportCard> reports) {
        QueryFilterDetector.Detected d = detector.detect(question, reports);
        // 下一期 and 上一期 are counted over the whole query: a follow-up carries the turns before it.
        int steps = sequence.steps(question);
        if (steps != 0 && d.from() != null) {
            // "after 2024-03-19", "2 issues after 2024-03-19": of the report moved to, or of the one missing.
            String relation = (Math.abs(steps) > 1 ? Math.abs(steps) + " issues " : "")
                    + (steps > 0 ? "after " : "before ")
                    + QueryFilterDetector.range(d.from(), d.to());
            Set<String> brokers = d.brokers().isEmpty() ? requested.brokers() : d.brokers();
            Optional<ReportCard> adjacent = sequence.adjacent(steps, d.from(), d.to(), brokers, d.reportIds(), reports);
            d = adjacent.isPresent()
                    ? d.movedTo(adjacent.get().metadata().date().exact(), "the report " + relation)
                    : d.withNoneThere("report of that series " + relation);
        }
        SearchFilters brokerOnly = requested.brokers().isEmpty() && !d.brokers().isEmpty()
                ? requested.withBrokers(d.brokers())
                : requested;
        // 德邦计算机那篇: the broker's report on that industry, then any of its reports.
        SearchFilters withBroker = brokerOnly != requested
                        && requested.reportIds().isEmpty()
                        && !d.reportIds().isEmpty()
                ? brokerOnly.withReportIds(d.reportIds())
                : brokerOnly;
        SearchFilters withBoth = !requested.hasDateRange() && d.from() != null
                ? withBroker.withQuestionDates(d.from(), d.to())
                : withBroker;
        List<SearchFilters> rungs = new ArrayList<>();
        for (SearchFilters f : List.of(withBoth, withBroker, brokerOnly, requested)) {
            if (rungs.isEmpty() || !rungs.get(rungs.size() - 1).equals(f)) {
                rungs.add(f);
            }
        }
        return new Ladder(List.copyOf(rungs), requested, withBroker, withBoth, d);
    }

    /**
     * The rungs to try in order (the last is always the request's own filters), and what the
     * question named.
     */
    record Ladder(
            List<SearchFilters> rungs,
            SearchFilters requested,
            SearchFilters withBroker,
            SearchFilters withBoth,
            QueryFilterDetector.Detected detected) {

        /** What the question names that the search under {@code applied} does not cover. */
        List<Unmatched> unmatched(SearchFilters applied) {
            List<Unmatched> out = new ArrayList<>();
            detected.absentBrokers().forEach(b -> out.add(Unmatched.absentBroker(b)));
            if (detected.noneThere() != null) {
                out.add(new Unmatched(detected.noneThere(), null));
            }
            for (String b : leftOut()) {
                out.add(new Unmatched("reports from " + b, null, "broker " + String.join(", ", requested.brokers())));
            }
            if (withBoth.hasDateRange() && !applied.hasDateRange()) {
                out.add(new Unmatched(
                        "reports dated " + range(detected)
                                + (detected.brokers().isEmpty()
                                        ? ""
                                        : " from " + String.join(", ", detected.brokers())),
                        detected.from()));
            }
            if (!withBroker.brokers().isEmpty() && applied.brokers().isEmpty() && !withBroker.equals(requested)) {
                out.add(new Unmatched(
                        "passages from " + String.join(", ", withBroker.brokers()) + " about this", null));
            }
            return out;
        }

        /**
         * How the question narrowed the search under {@code applied}, or empty.
         *
         * @param asked the user's own words, or null when the query is them: a filter read from words
         *     only the conversation holds is labelled as carried over, not as named in the question
         */
        FilterNote note(SearchFilters applied, QueryFilterDetector.Detected asked) {
            List<String> leftOut = leftOut();
            if (!leftOut.isEmpty()) {
                return new FilterNote(
                        FilterNote.Kind.LEFT_OUT,
                        List.of(new FilterNote.Part(FilterNote.What.BROKER, leftOut, true)),
                        List.copyOf(requested.brokers()),
                        "the question asks about " + String.join(", ", leftOut) + ", which the broker filter ("
                                + String.join(", ", requested.brokers()) + ") leaves out");
            }
            if (applied.equals(requested)) {
                if (!detected.any()) {
                    return FilterNote.NONE;
                }
                boolean own = asked == null || asked.note().equals(detected.note());
                List<FilterNote.Part> named = new ArrayList<>();
                if (!detected.brokers().isEmpty()) {
                    named.add(new FilterNote.Part(FilterNote.What.BROKER, List.copyOf(detected.brokers()), own));
                }
                if (detected.from() != null) {
                    named.add(new FilterNote.Part(FilterNote.What.DATES, days(detected.from(), detected.to()), own));
                }
                return new FilterNote(
                        FilterNote.Kind.NOTHING_MATCHED,
                        named,
                        List.of(),
                        "nothing matched " + detected.note() + " " + (own ? NAMED : CARRIED) + "; searched without it");
            }
            List<String> text = new ArrayList<>();
            List<FilterNote.Part> parts = new ArrayList<>();
            if (!applied.brokers().equals(requested.brokers())) {
                boolean own = asked == null || asked.brokers().containsAll(applied.brokers());
                text.add("broker " + String.join(", ", applied.brokers()) + " (" + (own ? NAMED : CARRIED) + ")");
                parts.add(new FilterNote.Part(FilterNote.What.BROKER, List.copyOf(applied.brokers()), own));
            }
            if (!applied.reportIds().equals(requested.reportIds())) {
                text.add("reports on " + String.join(", ", detected.industries()) + " (" + NAMED + ")");
                parts.add(new FilterNote.Part(FilterNote.What.INDUSTRY, List.copyOf(detected.industries()), true));
            }
            if (applied.hasDateRange() && !requested.hasDateRange()) {
                boolean own = asked == null || asked.from() != null;
                text.add("reports dated "
                        + QueryFilterDetector.range(applied.from(), applied.to())
                        + " (" + (detected.moved() == null ? "" : detected.moved() + ", ") + (own ? NAMED : CARRIED)
                        + ")");
                parts.add(new FilterNote.Part(FilterNote.What.DATES, days(applied.from(), applied.to()), own));
            }
            return new FilterNote(
                    FilterNote.Kind.RESTRICTED, parts, List.of(), "restricted to " + String.join("; ", text));
        }

        /** A date range's first and last day, ISO; an open end empty. */
        private static List<String> days(java.time.LocalDate from, java.time.LocalDate to) {
            return List.of(from == null ? "" : from.toString(), to == null ? "" : to.toString());
        }

        /** The brokers the question asks about that the request's own broker filter leaves out. */
        private List<String> leftOut() {
            if (requested.brokers().isEmpty()) {
                return List.of();
            }
            return detected.brokers().stream()
                    .filter(b -> !requested.brokers().contains(b))
                    .toList();
        }

        private static String range(QueryFilterDetector.Detected d) {
            return QueryFilterDetector.range(d.from(), d.to());
        }
    }
}
