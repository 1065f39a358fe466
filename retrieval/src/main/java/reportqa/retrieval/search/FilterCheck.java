package reportqa.retrieval.search;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportDate;

/**
 * Explicit filters (a user's {@code --broker 德邦}, {@code report=…}) checked against the reports the
 * library holds, so that a typo or a broker with no report says so instead of quietly finding
 * nothing. Broker names become canonical: an alias from {@code brokers.json} ({@code 德邦},
 * {@code TEBON SECURITIES}) or the start of exactly one library broker's name ({@code 华金}).
 */
public final class FilterCheck {

    private final BrokerRegistry registry;

    public FilterCheck(BrokerRegistry registry) {
        this.registry = registry;
    }

    /**
     * The filters with canonical broker names.
     *
     * @throws UnknownFilterException for a broker or report id the library has no report for
     */
    public SearchFilters resolve(SearchFilters f, Map<String, ReportCard> reports) {
        Set<String> held = brokers(reports.values());
        Set<String> canonical = new LinkedHashSet<>();
        for (String name : f.brokers()) {
            canonical.add(broker(name, held));
        }
        for (String id : f.reportIds()) {
            if (!reports.containsKey(id)) {
                throw new UnknownFilterException(UnknownFilterException.Kind.REPORT, "no report with id '" + id + "'");
            }
        }
        return f.withBrokers(canonical);
    }

    /**
     * The filters with canonical broker names, checked to leave at least one report.
     *
     * @throws UnknownFilterException for a broker or report id the library lacks, or a date range
     *     (alone or with the brokers and reports asked for) no report falls in
     */
    public SearchFilters resolveNonEmpty(SearchFilters f, Map<String, ReportCard> reports) {
        SearchFilters r = resolve(f, reports);
        if (!r.hasDateRange()) {
            return r;
        }
        List<ReportCard> candidates = reports.values().stream()
                .filter(rep -> r.brokers().isEmpty()
                        || r.brokers().contains(rep.metadata().broker()))
                .filter(rep -> r.reportIds().isEmpty() || r.reportIds().contains(rep.id()))
                .toList();
        if (candidates.stream().anyMatch(rep -> r.datesMatch(rep.metadata().date()))) {
            return r;
        }
        String whose = r.brokers().isEmpty() ? "" : " from " + String.join(", ", r.brokers());
        throw new UnknownFilterException(
                UnknownFilterException.Kind.DATES,
                "no report" + whose + " dated " + range(r.from(), r.to()) + held(candidates));
    }

    private String broker(String name, Set<String> held) {
        String n = name.strip();
        Optional<BrokerRegistry.Broker> known = registry.byName(n);
        if (known.isPresent() && held.contains(known.get().name())) {
            return known.get().name();
        }
        List<String> starting =
                held.stream().filter(h -> h.startsWith(n) && !n.isEmpty()).toList();
        if (known.isEmpty() && starting.size() == 1) {
            return starting.get(0);
        }
        String shown = known.map(BrokerRegistry.Broker::name).orElse(n);
        throw new UnknownFilterException(
                UnknownFilterException.Kind.BROKER,
                "no report from " + shown + " in the library; its brokers: "
                        + (held.isEmpty() ? "none" : String.join(", ", held)));
    }

    private static Set<String> brokers(Collection<ReportCard> reports) {
        Set<String> held = new TreeSet<>();
        for (ReportCard r : reports) {
            if (!r.metadata().broker().isEmpty()) {
                held.add(r.metadata().broker());
            }
        }
        return held;
    }

    private static String range(LocalDate from, LocalDate to) {
        if (from != null && to != null) {
            return from + " … " + to;
        }
        return from != null ? "on or after " + from : "on or before " + to;
    }

    /** "; those reports are dated 2024-02-16 … 2024-03-25", from the dates reports state or infer. */
    private static String held(List<ReportCard> reports) {
        LocalDate first = null;
        LocalDate last = null;
        for (ReportCard r : reports) {
            ReportDate d = r.metadata().date();
            if (d.earliest() != null && (first == null || d.earliest().isBefore(first))) {
                first = d.earliest();
            }
            if (d.latest() != null && (last == null || d.latest().isAfter(last))) {
                last = d.latest();
            }
        }
        return first == null || last == null ? "" : "; those reports are dated " + first + " … " + last;
    }
}
