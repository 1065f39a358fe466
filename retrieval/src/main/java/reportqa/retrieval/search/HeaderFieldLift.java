package reportqa.retrieval.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import reportqa.retrieval.text.NoiseLines;
import reportqa.retrieval.text.TextMatch;

/**
 * Puts the passage a header field was read from first for its report when a question asks for that
 * field ("华金这篇快报的评级是？", "Who wrote Tebon's computer report?"). Such a question shares its
 * words with every passage of the report (broker, topic, 快报), and the one line that answers it — 投资评级
 * 领先大市-A维持, an analyst's name — has none of them, so it ranked anywhere. The question's
 * topic still decides which reports come first; only the order within each of the best reports changes.
 * A question asking for an analyst or assistant gets, below that line, up to {@link #PERSON_PASSAGES}
 * more passages naming the person the field holds first (their profile).
 *
 * <p>Fields read from a passage's text are lifted (rating, analysts, assistants, title, date); the
 * others (industry, report type) are one or two characters found everywhere.
 */
public final class HeaderFieldLift {

    /**
     * How many more passages naming the person asked for follow the header line that names them: a
     * header line says only that 马笑 is the analyst; the analyst's profile (马笑，华中科技大学硕士，2022年加入德邦证券 …)
     * says who that is, and answers a question asking who wrote the report as well.
     */
    static final int PERSON_PASSAGES = 2;

    /** What an analyst's certification of a report says (分析师声明, 执业资格, analyst certification). */
    private static final Pattern CERTIFICATION = Pattern.compile("声明|执业资格|(?i:certif)");

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
        Map<String, List<Passage>> lifted = new HashMap<>();
        for (String reportId : best) {
            Passage first = ranked.stream()
                    .filter(p -> p.reportId().equals(reportId))
                    .findFirst()
                    .orElseThrow();
            String evidence = HeaderQuestions.evidence(field.get().key(), first.metadata());
            if (!evidence.isEmpty()) {
                List<Passage> passages = backend.passages(reportId);
                HeaderQuestions.passageHolding(passages, evidence, filters.includeBoilerplate())
                        .ifPresent(p -> lifted.put(
                                reportId,
                                withPersonPassages(field.get(), p, passages, evidence, filters.includeBoilerplate())));
            }
        }
        List<Passage> out = new ArrayList<>(ranked.size() + lifted.size() * (1 + PERSON_PASSAGES));
        Set<String> placed = new LinkedHashSet<>();
        for (Passage p : ranked) {
            for (Passage lift : lifted.getOrDefault(p.reportId(), List.of())) {
                if (placed.add(lift.passageId())) {
                    out.add(lift.ranked(p.score(), 0));
                }
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

    /**
     * The field's passage, then — when the field names people — up to {@link #PERSON_PASSAGES} more
     * of the report's passages naming the same person, in the report's order: of the back matter, an
     * analyst's certification (it says who wrote the report), and the rest only when {@code backMatter}.
     */
    private static List<Passage> withPersonPassages(
            HeaderQuestions.Field field, Passage holding, List<Passage> passages, String person, boolean backMatter) {
        if (!field.key().equals("analysts") && !field.key().equals("assistants")) {
            return List.of(holding);
        }
        List<Passage> out = new ArrayList<>(1 + PERSON_PASSAGES);
        out.add(holding);
        for (Passage p : passages) {
            if (out.size() > PERSON_PASSAGES) {
                break;
            }
            // An analyst's certification (倪爽声明，本人具有…执业资格) is back matter, and says who wrote the
            // report; the back matter's other lines naming them (contact, licence) only when it is searched.
            if ((backMatter
                            || !p.boilerplate()
                            || (field.key().equals("analysts")
                                    && CERTIFICATION.matcher(p.text()).find()))
                    && !p.passageId().equals(holding.passageId())
                    && TextMatch.contains(p.text(), person)) {
                out.add(p);
            }
        }
        return out;
    }
}
