package reportqa.retrieval.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.Retriever;
import reportqa.retrieval.search.SearchMode;
import reportqa.retrieval.search.SearchRequest;
import reportqa.retrieval.text.TextMatch;

/**
 * Offline retrieval evaluation, no LLM: runs each answerable question through the same search the
 * product uses and scores the ranking by hit rate at 1/3/5/10, MRR@10 and nDCG@10.
 */
public final class Evaluator {

    /** Depth of the ranking scored. */
    public static final int DEPTH = 10;

    private static final int[] CUTOFFS = {1, 3, 5, 10};

    private final Retriever retriever;
    private final QueryForm form;

    /** Searches every question as written. */
    public Evaluator(Retriever retriever) {
        this(retriever, QueryForm.AS_WRITTEN);
    }

    /** Searches every question as {@code form} makes it. */
    public Evaluator(Retriever retriever, QueryForm form) {
        this.retriever = retriever;
        this.form = form;
    }

    /** The depth of the recall reported for the questions that are not follow-ups. */
    private static final int STANDALONE_CUTOFF = 5;

    /** Whether a passage answers the question by the file's definition. */
    public static boolean relevant(EvalQuestion q, Passage p) {
        return relevant(q, p.reportId(), p.text());
    }

    /** Whether a passage of report {@code reportId} with text {@code text} answers the question by the file's definition. */
    public static boolean relevant(EvalQuestion q, String reportId, String text) {
        for (EvalQuestion.Relevant r : q.relevant()) {
            if (r.doc().equals(reportId) && (r.text() == null || TextMatch.contains(text, r.text()))) {
                return true;
            }
        }
        return false;
    }

    public EvalResult evaluate(List<EvalQuestion> questions, SearchMode mode) throws IOException {
        double[] hits = new double[CUTOFFS.length];
        double mrr = 0;
        double ndcg = 0;
        int n = 0;
        // Questions with no history, apart: a follow-up ("第三条是啥？") searched alone finds nothing; a
        // query form that gives it its conversation (the server's) is needed to judge it.
        int alone = 0;
        double aloneHits5 = 0;
        double aloneMrr = 0;
        long nanos = 0;
        List<String> misses = new ArrayList<>();
        List<EvalResult.Ranking> rankings = new ArrayList<>();
        Map<String, List<String>> passagesByDoc = new HashMap<>();
        for (EvalQuestion q : questions) {
            if (!q.answerable()) {
                continue;
            }
            n++;
            SearchRequest request = form.request(q, DEPTH, mode);
            long t0 = System.nanoTime();
            List<Passage> ranked = retriever.search(request).passages();
            nanos += System.nanoTime() - t0;
            int first = 0;
            double dcg = 0;
            for (Passage p : ranked) {
                if (relevant(q, p)) {
                    if (first == 0) {
                        first = p.rank();
                    }
                    dcg += 1 / log2(p.rank() + 1);
                }
            }
            for (int i = 0; i < CUTOFFS.length; i++) {
                if (first > 0 && first <= CUTOFFS[i]) {
                    hits[i]++;
                }
            }
            rankings.add(new EvalResult.Ranking(q, request.query(), first, ranked));
            if (first > 0) {
                mrr += 1.0 / first;
            } else {
                misses.add(q.id());
            }
            if (q.history().isEmpty()) {
                alone++;
                aloneHits5 += first > 0 && first <= STANDALONE_CUTOFF ? 1 : 0;
                aloneMrr += first > 0 ? 1.0 / first : 0;
            }
            int ideal = Math.min(DEPTH, relevantInIndex(q, passagesByDoc));
            double idcg = 0;
            for (int r = 1; r <= ideal; r++) {
                idcg += 1 / log2(r + 1);
            }
            ndcg += idcg > 0 ? Math.min(1.0, dcg / idcg) : 0;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < CUTOFFS.length; i++) {
            metrics.put("recall@" + CUTOFFS[i], ratio(hits[i], n));
        }
        metrics.put("mrr@10", ratio(mrr, n));
        metrics.put("ndcg@10", ratio(ndcg, n));
        metrics.put(EvalResult.STANDALONE_RECALL_5, ratio(aloneHits5, alone));
        metrics.put(EvalResult.STANDALONE_MRR_10, ratio(aloneMrr, alone));
        return new EvalResult(mode.key(), n, n - alone, metrics, misses, rankings, n == 0 ? 0 : nanos / 1e6 / n);
    }

    /** How many indexed (body) passages are relevant to the question: the ideal ranking for nDCG. */
    private int relevantInIndex(EvalQuestion q, Map<String, List<String>> cache) throws IOException {
        int count = 0;
        for (EvalQuestion.Relevant r : q.relevant()) {
            List<String> texts = cache.get(r.doc());
            if (texts == null) {
                texts = retriever.backend().passages(r.doc()).stream()
                        .filter(p -> !p.boilerplate())
                        .map(Passage::text)
                        .toList();
                cache.put(r.doc(), texts);
            }
            for (String t : texts) {
                if (r.text() == null || TextMatch.contains(t, r.text())) {
                    count++;
                }
            }
        }
        return count;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double ratio(double a, int n) {
        return n == 0 ? 0 : a / n;
    }
}
