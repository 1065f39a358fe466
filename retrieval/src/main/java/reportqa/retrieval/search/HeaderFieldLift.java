package reportqa.retrieval.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import reportqa.retrieval.text.NoiseLines;

/**
 * Puts the passage a header field was read from first for its report when a question asks for that
 * field ("华金这篇快报的评级是？", "Who wrote Tebon's computer report?"). Such a question shares its
 * words with every passage of the report (broker, topic, 快报), and the one line that answers it — 投资评级
 * 领先大市-A维持, an analyst's name — has none of them, so it ranked anywhere. The question's
 * topic still decides which reports come first; only the order within each of the best reports changes.
 *
 * <p>Fields read from a passage's text are lifted (rating, analysts, assistants, title, date); the
 * others (industry, report type) are one or two characters found everywhere.
 */
public final class HeaderFieldLift {

    /** How many of the best reports get their field passage lifted: chosen on the tuning split (see README). */
    public static final int DEFAULT_REPORTS = 3;

    private final HeaderQuestions questions;
    private final int reports;

    /**
     * @param reports how many of the best-ranked reports get their field passage lifted (0 = off)
     */
    public HeaderFieldLift(HeaderQuestions questions, int reports) {
        if (reports < 0) {
            throw new IllegalArgumentException("reports must not be negative");
        }
        this.questions = questions;
        this.reports = reports;
    }

    /**
     * The passages with, for each of the best reports, the passage holding the asked field just above
     * that report's best passage (taken from the report when the search did not find it), ranks
     * renumbered, at most {@code k}.
     */
    public List<Passage> apply(
            String question, List<Passage> ranked, SearchFilters filters, SearchBackend backend, int k)
            throws IOException {
        Optional<HeaderQuestions.Field> field = questions.asked(question);
        // What a rating means (评级标准) is written in the back matter, not in the header.
        if (reports == 0
                || ranked.isEmpty()
                || field.isEmpty()
                || NoiseLines.askedFor(question).contains("disclaimer")) {
            return ranked.subList(0, Math.min(k, ranked.size()));
        }
        Set<String> best = new LinkedHashSet<>();
        for (Passage p : ranked) {
            if (best.size() == reports) {
                break;
            }
            best.add(p.reportId());
        }
        Map<String, Passage> lifted = new HashMap<>();
        for (String reportId : best) {
            Passage first = ranked.stream()
                    .filter(p -> p.reportId().equals(reportId))
                    .findFirst()
                    .orElseThrow();
            String evidence = HeaderQuestions.evidence(field.get().key(), first.metadata());
            if (!evidence.isEmpty()) {
                HeaderQuestions.passageHolding(backend.passages(reportId), evidence, filters.includeBoilerplate())
                        .ifPresent(p -> lifted.put(reportId, p));
            }
        }
        List<Passage> out = new ArrayList<>(ranked.size() + lifted.size());
        Set<String> placed = new LinkedHashSet<>();
        for (Passage p : ranked) {
            Passage lift = lifted.get(p.reportId());
            if (lift != null && placed.add(lift.passageId())) {
                out.add(lift.ranked(p.score(), 0));
            }
            if (placed.add(p.passageId())) {
                out.add(p);
            }
        }
        List<Passage> top = new ArrayList<>(Math.min(k, out.size()));
        for (int i = 0; i < out.size() && i < k; i++) {
            Passage p = out.get(i);
            top.add(p.ranked(p.score(), i + 1));
        }
        return top;
    }
}
