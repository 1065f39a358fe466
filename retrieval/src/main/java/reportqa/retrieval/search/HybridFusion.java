package reportqa.retrieval.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fuses lexical and dense scores: each retriever's scores are min-max normalised over the union of
 * candidates (a candidate a retriever has no score for counts as its minimum), then mixed with a
 * fixed weight. Pure arithmetic, so it can be checked by hand.
 *
 * <p>Why min-max and not reciprocal rank fusion: the caller scores every candidate of either
 * retriever with both, so the scores are comparable; ranks would throw that away (measured in the
 * README: naive fusion hurts when one side is much weaker).
 */
public final class HybridFusion {

    private HybridFusion() {}

    /** A document and its score. */
    public record Scored(int doc, double score) {}

    /**
     * The top {@code k} documents by {@code w * lexical + (1 - w) * dense}, ties broken by doc id.
     *
     * @param lexical BM25 scores by doc
     * @param dense vector similarities by doc
     * @param lexicalWeight w, in [0, 1]
     */
    public static List<Scored> fuse(
            Map<Integer, Double> lexical, Map<Integer, Double> dense, double lexicalWeight, int k) {
        Set<Integer> union = new TreeSet<>(lexical.keySet());
        union.addAll(dense.keySet());
        List<Scored> fused = new ArrayList<>(union.size());
        double[] l = normalised(lexical, union);
        double[] v = normalised(dense, union);
        int i = 0;
        for (int d : union) {
            fused.add(new Scored(d, lexicalWeight * l[i] + (1 - lexicalWeight) * v[i]));
            i++;
        }
        fused.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::doc));
        return fused.subList(0, Math.min(k, fused.size()));
    }

    /** Scores scaled to [0, 1] over the candidates in order; all 0 when they are all equal. */
    static double[] normalised(Map<Integer, Double> scores, Set<Integer> union) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int d : union) {
            double s = scores.getOrDefault(d, 0.0);
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        double[] out = new double[union.size()];
        int i = 0;
        for (int d : union) {
            double s = scores.getOrDefault(d, 0.0);
            out[i++] = max > min ? (s - min) / (max - min) : 0.0;
        }
        return out;
    }
}
