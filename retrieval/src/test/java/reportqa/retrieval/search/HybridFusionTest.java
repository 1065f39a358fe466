package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The fusion arithmetic, checked by hand. */
class HybridFusionTest {

    @Test
    void scoresAreMinMaxNormalisedOverTheUnionThenWeighted() {
        // lexical: doc 1 = 10 (max), doc 2 = 5.5, doc 3 = 1 (min); dense: doc 1 = 0.5 (min), doc 2 = 0.9 (max), doc 3 =
        // 0.7
        Map<Integer, Double> lexical = Map.of(1, 10.0, 2, 5.5, 3, 1.0);
        Map<Integer, Double> dense = Map.of(1, 0.5, 2, 0.9, 3, 0.7);
        List<HybridFusion.Scored> fused = HybridFusion.fuse(lexical, dense, 0.6, 10);
        // doc 1: 0.6 * 1 + 0.4 * 0 = 0.6; doc 2: 0.6 * 0.5 + 0.4 * 1 = 0.7; doc 3: 0.6 * 0 + 0.4 * 0.5 = 0.2
        assertEquals(
                List.of(2, 1, 3), fused.stream().map(HybridFusion.Scored::doc).toList());
        assertEquals(0.7, fused.get(0).score(), 1e-9);
        assertEquals(0.6, fused.get(1).score(), 1e-9);
        assertEquals(0.2, fused.get(2).score(), 1e-9);
    }

    @Test
    void aCandidateWithoutAScoreCountsAsZeroBeforeNormalising() {
        Map<Integer, Double> lexical = Map.of(1, 2.0);
        Map<Integer, Double> dense = Map.of(1, 0.8, 2, 0.4);
        Set<Integer> union = new TreeSet<>(Set.of(1, 2));
        assertArrayEquals(new double[] {1.0, 0.0}, HybridFusion.normalised(lexical, union), 1e-9);
        assertArrayEquals(new double[] {1.0, 0.0}, HybridFusion.normalised(dense, union), 1e-9);
    }

    @Test
    void aTieGoesToTheLowerDocId() {
        List<HybridFusion.Scored> fused = HybridFusion.fuse(Map.of(7, 1.0, 3, 1.0), Map.of(7, 0.5, 3, 0.5), 0.6, 10);
        assertEquals(List.of(3, 7), fused.stream().map(HybridFusion.Scored::doc).toList());
    }

    @Test
    void equalScoresNormaliseToZeroAndOnlyTheWeightedSideDecides() {
        Map<Integer, Double> lexical = Map.of(1, 3.0, 2, 3.0);
        Map<Integer, Double> dense = Map.of(1, 0.1, 2, 0.9);
        List<HybridFusion.Scored> fused = HybridFusion.fuse(lexical, dense, 0.6, 10);
        assertEquals(2, fused.get(0).doc());
        assertEquals(0.4, fused.get(0).score(), 1e-9);
        assertEquals(0.0, fused.get(1).score(), 1e-9);
    }

    @Test
    void theTopKAreKeptAndWeightOneIsLexicalOnly() {
        Map<Integer, Double> lexical = Map.of(1, 1.0, 2, 3.0, 3, 2.0);
        Map<Integer, Double> dense = Map.of(1, 0.9, 2, 0.1, 3, 0.5);
        assertEquals(
                List.of(2, 3),
                HybridFusion.fuse(lexical, dense, 1.0, 2).stream()
                        .map(HybridFusion.Scored::doc)
                        .toList());
        assertEquals(
                List.of(1, 3),
                HybridFusion.fuse(lexical, dense, 0.0, 2).stream()
                        .map(HybridFusion.Scored::doc)
                        .toList());
        assertEquals(List.of(), HybridFusion.fuse(Map.of(), Map.of(), 0.6, 5));
    }
}
