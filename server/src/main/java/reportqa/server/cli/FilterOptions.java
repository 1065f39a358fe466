package reportqa.server.cli;

import java.time.LocalDate;
import java.util.Set;
import picocli.CommandLine.Option;
import reportqa.retrieval.search.SearchFilters;

/** Which reports {@code search} and {@code ask} may use. */
final class FilterOptions {

    @Option(
            names = "--broker",
            paramLabel = "NAME",
            description = "Only reports from this broker: a name or short name (德邦), repeatable.")
    Set<String> brokers = Set.of();

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Only reports published on or after this date.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Only reports published on or before this date.")
    LocalDate to;

    @Option(
            names = "--report",
            paramLabel = "ID",
            description = "Only this report (repeatable; ids as in /api/reports).")
    Set<String> reports = Set.of();

    /** The filters as given (not yet checked against the library). */
    SearchFilters filters(boolean boilerplate) {
        return new SearchFilters(brokers, from, to, reports, boilerplate);
    }
}
