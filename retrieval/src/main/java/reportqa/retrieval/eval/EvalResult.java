package reportqa.retrieval.eval;

import java.util.List;
import java.util.Map;

/**
 * Retrieval quality of one mode over a question set.
 *
 * @param mode the search mode
 * @param questions answerable questions evaluated
 * @param metrics {@code recall@1}, {@code recall@3}, {@code recall@5}, {@code recall@10}, {@code mrr@10}, {@code ndcg@10}
 * @param misses ids of questions with no relevant passage in the top 10
 * @param meanQueryMillis mean time per search
 */
public record EvalResult(
        String mode, int questions, Map<String, Double> metrics, List<String> misses, double meanQueryMillis) {

    public double metric(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no metric " + name + "; have " + metrics.keySet());
        }
        return v;
    }
}
