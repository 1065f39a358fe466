package reportqa.retrieval.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.Report;

/**
 * The filters a question names ("上海证券 3 月 25 日的周报…"), as a ladder from narrowest to the
 * request's own: broker and date, broker only, neither. The search takes the first rung that finds
 * anything and says what it did, and what the question named that the library lacks.
 */
final class AutoFilters {

    private final QueryFilterDetector detector;

    AutoFilters(BrokerRegistry brokers) {
        this.detector = new QueryFilterDetector(brokers);
    }

    /** The ladder for one question. */
    Ladder ladder(String question, SearchFilters requested, Collection<Report> reports) {
        QueryFilterDetector.Detected d = detector.detect(question, reports);
        SearchFilters withBroker = requested.brokers().isEmpty() && !d.brokers().isEmpty()
                ? requested.withBrokers(d.brokers())
                : requested;
        SearchFilters withBoth = !requested.hasDateRange() && d.from() != null
                ? withBroker.withQuestionDates(d.from(), d.to())
                : withBroker;
        List<SearchFilters> rungs = new ArrayList<>();
        for (SearchFilters f : List.of(withBoth, withBroker, requested)) {
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
            detected.absentBrokers().forEach(b -> out.add(new Unmatched("reports from " + b, null)));
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

        /** How the question narrowed the search under {@code applied}, or empty. */
        String note(SearchFilters applied) {
            if (applied.equals(requested)) {
                return detected.any()
                        ? "nothing matched " + detected.note() + " named in the question; searched without it"
                        : "";
            }
            List<String> parts = new ArrayList<>();
            if (!applied.brokers().equals(requested.brokers())) {
                parts.add("broker " + String.join(", ", applied.brokers()));
            }
            if (applied.hasDateRange() && !requested.hasDateRange()) {
                parts.add("reports dated "
                        + (applied.from().equals(applied.to())
                                ? applied.from()
                                : applied.from() + " ~ " + applied.to()));
            }
            return "restricted to " + String.join("; ", parts) + " (named in the question)";
        }

        private static String range(QueryFilterDetector.Detected d) {
            return d.from().equals(d.to()) ? d.from().toString() : d.from() + " ~ " + d.to();
        }
    }
}
