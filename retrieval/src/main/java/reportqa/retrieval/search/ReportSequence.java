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

    /**
     * How many reports on the words ask to move: each word for the next report counts +1, each for the
     * previous one -1 ("再下一期 下一期 …" of a follow-up carrying the one before it: +2).
     */
    int steps(String words) {
        return (int) (next.matcher(words).results().count()
                - previous.matcher(words).results().count());
    }

    /**
     * The report {@code steps} reports after (positive) or before (negative) the one dated {@code from}
     * to {@code to} of one of {@code brokers} (any broker when empty) and, when {@code reportIds} is not
     * empty, one of them; empty when no report, or reports of more than one series, are dated so, when
     * their series is unknown (no type), or when it has no report that far on.
     */
    Optional<ReportCard> adjacent(
            int steps,
            LocalDate from,
            LocalDate to,
            Collection<String> brokers,
            Collection<String> reportIds,
            Collection<ReportCard> reports) {
        List<ReportCard> named = reports.stream()
                .filter(r -> brokers.isEmpty() || brokers.contains(r.metadata().broker()))
                .filter(r -> reportIds.isEmpty() || reportIds.contains(r.id()))
                .filter(r -> r.metadata().date().exact() != null
                        && !r.metadata().date().exact().isBefore(from)
                        && !r.metadata().date().exact().isAfter(to))
                .toList();
        if (steps == 0
                || named.isEmpty()
                || named.get(0).metadata().reportType().isBlank()
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
        List<ReportCard> inOrder = reports.stream()
                .filter(r -> r.metadata().date().exact() != null
                        && series(r.metadata()).equals(series))
                .sorted(Comparator.comparing(r -> r.metadata().date().exact()))
                .toList();
        List<ReportCard> after = inOrder.stream()
                .filter(r -> r.metadata().date().exact().isAfter(last))
                .toList();
        List<ReportCard> before = inOrder.stream()
                .filter(r -> r.metadata().date().exact().isBefore(first))
                .toList();
        if (steps > 0) {
            return steps <= after.size() ? Optional.of(after.get(steps - 1)) : Optional.empty();
        }
        return -steps <= before.size() ? Optional.of(before.get(before.size() + steps)) : Optional.empty();
    }

    /** What makes two reports one series: broker, type (周报) and industry. */
    private static String series(ReportMetadata m) {
        return m.broker() + "\n" + m.reportType() + "\n" + m.industry();
    }
}
