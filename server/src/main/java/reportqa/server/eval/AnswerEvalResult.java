package reportqa.server.eval;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import reportqa.retrieval.eval.Evaluator;

/**
 * The figures of an answer evaluation.
 *
 * @param graded every question with its answer and grade, in file order
 */
public record AnswerEvalResult(List<AnswerEvaluator.Graded> graded) {

    public AnswerEvalResult {
        graded = List.copyOf(graded);
    }

    public long answerable() {
        return graded.stream().filter(g -> g.question().answerable()).count();
    }

    public long unanswerable() {
        return graded.size() - answerable();
    }

    /** Answerable questions whose answer holds the expected fact. */
    public long factInAnswer() {
        return graded.stream()
                .filter(g -> g.question().answerable() && g.right())
                .count();
    }

    /** Answerable questions the answer abstained on. */
    public long falseAbstentions() {
        return graded.stream()
                .filter(g -> g.question().answerable() && g.answer().abstained())
                .count();
    }

    /** Unanswerable questions the answer abstained on, with a reason. */
    public long abstained() {
        return graded.stream()
                .filter(g -> !g.question().answerable() && g.right())
                .count();
    }

    /**
     * Answerable questions among whose answer's first {@code depth} sources is a passage the file
     * marks relevant: recall of the search that answered them, a follow-up searched with its
     * conversation as the product searches it (the retrieval {@code eval} searches each question
     * alone). A header fact's answer has the passage its value was read from as its source.
     */
    public long foundIn(int depth) {
        return graded.stream()
                .filter(g -> g.question().answerable())
                .filter(g -> g.answer().sources().stream()
                        .limit(depth)
                        .anyMatch(src -> Evaluator.relevant(g.question(), src.reportId(), src.passage())))
                .count();
    }

    /** {@link #foundIn} as a share of the answerable questions. */
    public double sourceRecall(int depth) {
        return ratio(foundIn(depth), answerable());
    }

    public double factRate() {
        return ratio(factInAnswer(), answerable());
    }

    public double falseAbstentionRate() {
        return ratio(falseAbstentions(), answerable());
    }

    public double abstentionRate() {
        return ratio(abstained(), unanswerable());
    }

    /** The ids of the questions graded wrong, with why. */
    public List<String> misses() {
        return graded.stream()
                .filter(g -> !g.right())
                .map(AnswerEvaluator.Graded::miss)
                .toList();
    }

    /** Right / asked, per tag. */
    public Map<String, int[]> byTag() {
        Map<String, int[]> out = new TreeMap<>();
        for (AnswerEvaluator.Graded g : graded) {
            for (String t : g.question().tags()) {
                int[] c = out.computeIfAbsent(t, x -> new int[2]);
                c[0] += g.right() ? 1 : 0;
                c[1]++;
            }
        }
        return out;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
