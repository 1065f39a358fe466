package reportqa.server.answer.extract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import reportqa.retrieval.report.ReportCard;
import reportqa.server.answer.Source;

/**
 * An answer made of facts read from reports (a header field, a contact detail, a rating's
 * definition, a table cell, a listed report's date): one line per fact, led by its report and cited
 * to the passage that holds it ({@link HeaderFacts#factLine}).
 */
final class FactLines {

    private final HeaderFacts header;
    private final List<Source> sources = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    FactLines(HeaderFacts header) {
        this.header = header;
    }

    /** Adds a fact of a report, cited to the first of its passages holding {@code evidence}. */
    void add(ReportCard report, String evidence, String fact) throws IOException {
        Source cited = header.passageWith(report, evidence);
        sources.add(cited);
        text.append(text.length() > 0 ? "\n" : "")
                .append(HeaderFacts.factLine(cited, report.metadata().title(), fact, sources.size()));
    }

    int size() {
        return sources.size();
    }

    boolean isEmpty() {
        return sources.isEmpty();
    }

    /**
     * How the reports meant but left out are told of, after the lines: how many more there are, and
     * of how many the lines are.
     */
    static final String NOT_LISTED = "- 另有 %d 份研报也符合问题，未列出：以上只看了其中最新的 %d 份。";

    private HeaderFacts.Meant meant;

    /** Says, after the lines, how many of the reports {@code meant} are left out (none: says nothing). */
    void of(HeaderFacts.Meant meant) {
        this.meant = meant;
    }

    /** The lines as an answer, or, with a reason, as an abstention that still says them (an inferred date). */
    ExtractiveAnswerer.Draft draft(String abstainReason) {
        String all = meant != null && meant.notListed() > 0
                ? text + "\n"
                        + String.format(
                                NOT_LISTED, meant.notListed(), meant.listed().size())
                : text.toString();
        return new ExtractiveAnswerer.Draft(all, abstainReason != null, abstainReason, sources, List.of());
    }

    /** The lines as an answer, or empty when there are none. */
    Optional<ExtractiveAnswerer.Draft> answer() {
        return isEmpty() ? Optional.empty() : Optional.of(draft(null));
    }
}
