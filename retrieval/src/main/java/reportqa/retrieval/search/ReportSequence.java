package reportqa.retrieval.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportMetadata;

/**
 * The report after or before the one a question names by its date, when the question asks for it
 * ("下一期的标题呢？" after "上海证券3月19日那篇传媒周报标题是什么？"; "And the one for the following
 * week?"): the same broker's next or previous report of the same type and industry, by stated date.
 * The words are in {@code report-sequence.json}.
 */
final class ReportSequence {

    private static final String RESOURCE = "/reportqa/retrieval/report-sequence.json";
    private static final ReportSequence STANDARD = load();

    private final Pattern next;
    private final Pattern previous;

    ReportSequence(Pattern next, Pattern previous) {
        this.next = next;
        this.previous = previous;
    }

    static ReportSequence standard() {
        return STANDARD;
    }

    private static ReportSequence load() {
        JsonNode root = Resources.json(RESOURCE);
        return new ReportSequence(
                Pattern.compile(root.path("next").asText()),
                Pattern.compile(root.path("previous").asText()));
    }

    /** +1 when the words ask for the next report, -1 for the previous one, 0 for neither (or both). */
    int step(String words) {
        boolean later = next.matcher(words).find();
        boolean earlier = previous.matcher(words).find();
        return later == earlier ? 0 : later ? 1 : -1;
    }

    /**
     * The report {@code step} places after (+1) or before (-1) the one dated {@code from} to {@code to}
     * of one of {@code brokers} (any broker when empty); empty when no report, or reports of more
     * than one series, are dated so, or the series has none there.
     */
    Optional<ReportCard> adjacent(
            int step, LocalDate from, LocalDate to, Collection<String> brokers, Collection<ReportCard> reports) {
        List<ReportCard> named = reports.stream()
                .filter(r -> brokers.isEmpty() || brokers.contains(r.metadata().broker()))
                .filter(r -> r.metadata().date().exact() != null
                        && !r.metadata().date().exact().isBefore(from)
                        && !r.metadata().date().exact().isAfter(to))
                .toList();
        if (named.isEmpty()
                || named.stream().map(r -> series(r.metadata())).distinct().count() > 1) {
            return Optional.empty();
        }
        String series = series(named.get(0).metadata());
        LocalDate first = named.stream()
                .map(r -> r.metadata().date().exact())
                .min(Comparator.naturalOrder())
                .orElseThrow();
        LocalDate last = named.stream()
                .map(r -> r.metadata().date().exact())
                .max(Comparator.naturalOrder())
                .orElseThrow();
        Comparator<ReportCard> byDate =
                Comparator.comparing(r -> r.metadata().date().exact());
        var sameSeries = reports.stream()
                .filter(r -> r.metadata().date().exact() != null
                        && series(r.metadata()).equals(series));
        return step > 0
                ? sameSeries
                        .filter(r -> r.metadata().date().exact().isAfter(last))
                        .min(byDate)
                : sameSeries
                        .filter(r -> r.metadata().date().exact().isBefore(first))
                        .max(byDate);
    }

    /** What makes two reports one series: broker, type (周报) and industry. */
    private static String series(ReportMetadata m) {
        return m.broker() + "\n" + m.reportType() + "\n" + m.industry();
    }
}
