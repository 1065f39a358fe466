package reportqa.retrieval.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import reportqa.retrieval.text.LineKinds;
import reportqa.retrieval.text.NoiseLines;

/**
 * Ranks passages that are mostly page furniture (a list of related reports, contact lines, fragments
 * of the disclaimer) below passages of content. Such a passage shares many words with any question about its report
 * (the broker, the industry, "快报"), so BM25 puts it on top while it answers nothing; it stays
 * findable, only lower, and not at all lower when the question asks for that kind of line
 * ({@link NoiseLines#askedFor}: 相关报告, 电话 …).
 *
 * <p>A passage's score is multiplied by {@code 1 - weight × share}, where share is the part of its
 * characters that stand in furniture lines. Scores of every mode are positive in practice (BM25,
 * fused [0, 1], cosine of related text), so the order of content passages is left as it was.
 */
public final class FurnitureDemotion {

    /** Chosen on the tuning split (see README); 0 turns the stage off. */
    public static final double DEFAULT_WEIGHT = 0.5;

    private final double weight;

    public FurnitureDemotion(double weight) {
        if (weight < 0 || weight > 1) {
            throw new IllegalArgumentException("weight must be in [0, 1]");
        }
        this.weight = weight;
    }

    /** The passages re-ordered, ranks renumbered, at most {@code k}. */
    public List<Passage> apply(String question, List<Passage> passages, int k) {
        if (weight == 0 || passages.isEmpty()) {
            return passages.subList(0, Math.min(k, passages.size()));
        }
        Set<String> wanted = NoiseLines.askedFor(question);
        List<Passage> scored = new ArrayList<>(passages.size());
        for (Passage p : passages) {
            double share = furnitureShare(p.lineKinds(), wanted);
            scored.add(share == 0 ? p : p.ranked(p.score() * (1 - weight * share), p.rank()));
        }
        scored.sort(Comparator.comparingDouble(Passage::score).reversed());
        List<Passage> out = new ArrayList<>(Math.min(k, scored.size()));
        for (int i = 0; i < scored.size() && i < k; i++) {
            Passage p = scored.get(i);
            out.add(p.ranked(p.score(), i + 1));
        }
        return out;
    }

    /**
     * The kinds of line demoted: those whose words match any question about their report while they
     * answer none. Page headers and captions are not: the header passage holds the rating and the
     * analysts, and a caption stands next to the figures it names (measured: demoting them too cost
     * dense search recall@5 0.790 → 0.755 on the tuning split).
     */
    static final Set<String> DEMOTED = Set.of(NoiseLines.RELATED, "contact", "disclaimer", "instruction");

    /** The part of the characters counted in {@code lines} that stand in demoted lines not asked for. */
    static double furnitureShare(LineKinds lines, Set<String> wanted) {
        if (lines.chars() == 0) {
            return 0;
        }
        int furniture = 0;
        for (String kind : DEMOTED) {
            if (!wanted.contains(kind)) {
                furniture += lines.charsOf(kind);
            }
        }
        return (double) furniture / lines.chars();
    }
}
