package reportqa.retrieval.eval;

import java.util.List;
import java.util.Map;
import reportqa.retrieval.search.Passage;

/**
 * Retrieval quality of one mode over a question set.
 *
 * @param mode the search mode
 * @param questions answerable questions evaluated
 * @param followUps how many of them are follow-ups (a history): searched as written, alone, unless
 *     the {@link QueryForm} gave them their conversation
 * @param metrics {@code recall@1}, {@code recall@3}, {@code recall@5}, {@code recall@10}, {@code mrr@10},
 *     {@code ndcg@10}; and recall@5 and MRR@10 over the questions that are not follow-ups
 *     ({@link #STANDALONE_RECALL_5}, {@link #STANDALONE_MRR_10})
 * @param misses ids of questions with no relevant passage in the top 10
 * @param rankings every answerable question's search, in the order asked
 * @param meanQueryMillis mean time per search
 */
public record EvalResult(
        String mode,
        int questions,
        int followUps,
        Map<String, Double> metrics,
        List<String> misses,
        List<Ranking> rankings,
        double meanQueryMillis) {

    /**
     * One question's search.
     *
     * @param query the query searched (the question as written, or as the query form made it)
     * @param firstRelevant rank of the first relevant passage, 0 if none is in the ranking
     * @param passages the ranking
     */
    public record Ranking(EvalQuestion question, String query, int firstRelevant, List<Passage> passages) {}

    /** Recall@5 over the questions that are not follow-ups. */
    public static final String STANDALONE_RECALL_5 = "standalone recall@5";
    /** MRR@10 over the questions that are not follow-ups. */
    public static final String STANDALONE_MRR_10 = "standalone mrr@10";

    public double metric(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no metric " + name + "; have " + metrics.keySet());
        }
        return v;
    }
}
