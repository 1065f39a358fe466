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

    /** The lines as an answer, or, with a reason, as an abstention that still says them (an inferred date). */
    ExtractiveAnswerer.Draft draft(String abstainReason) {
        return new ExtractiveAnswerer.Draft(text.toString(), abstainReason != null, abstainReason, sources, List.of());
    }

    /** The lines as an answer, or empty when there are none. */
    Optional<ExtractiveAnswerer.Draft> answer() {
        return isEmpty() ? Optional.empty() : Optional.of(draft(null));
    }
}
