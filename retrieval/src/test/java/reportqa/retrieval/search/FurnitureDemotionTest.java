package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.text.LineKinds;
import reportqa.retrieval.text.NoiseLines;

/** Passages of page furniture rank below content unless the question asks for that kind of line. */
class FurnitureDemotionTest {

    private static final String RELATED =
            "相关报告\n传媒：游戏 AI 大模型首次备案-华金证券-传媒-行业快报 2024.2.3\n传媒：抖音发布辰星计划-华金证券-传媒-行业快报 2024.1.23";
    private static final String CONTENT = "事件：2月16日 OpenAI 发布文生视频模型 Sora，可以生成长达一分钟的视频。";

    private static Passage passage(String id, String text, double score, int rank) {
        return new Passage(id, "r", text, "", false, 0, text.length(), score, rank, null);
    }

    @Test
    void aListOfRelatedReportsIsAllFurniture() {
        assertEquals(1.0, FurnitureDemotion.furnitureShare(LineKinds.of(RELATED), Set.of()), 1e-9);
        assertEquals(0.0, FurnitureDemotion.furnitureShare(LineKinds.of(CONTENT), Set.of()), 1e-9);
        // Half of the characters are furniture: the header line is as long as the content line.
        assertEquals(0.5, FurnitureDemotion.furnitureShare(LineKinds.of("相关报告\n正文四个"), Set.of()), 1e-9);
    }

    @Test
    void linesClassifiedWhenIndexedGiveTheShareOfTheirCharacters() {
        // As an index stores them and reads them back.
        LineKinds stored = LineKinds.decode(
                        LineKinds.of(RELATED + "\n" + CONTENT).encoded())
                .orElseThrow();
        int related = RELATED.lines().mapToInt(l -> l.strip().length()).sum();
        assertEquals(
                (double) related / (related + CONTENT.length()),
                FurnitureDemotion.furnitureShare(stored, Set.of()),
                1e-12);
        assertEquals(0.0, FurnitureDemotion.furnitureShare(stored, Set.of(NoiseLines.RELATED)), 1e-12);
    }

    @Test
    void furnitureDropsBelowContentAndRanksAreRenumbered() {
        // 0.9 × (1 − 0.5 × 1) = 0.45 < 0.6
        List<Passage> out = new FurnitureDemotion(0.5)
                .apply("华金证券的快报怎么看 Sora？", List.of(passage("a", RELATED, 0.9, 1), passage("b", CONTENT, 0.6, 2)), 10);
        assertEquals(List.of("b", "a"), out.stream().map(Passage::passageId).toList());
        assertEquals(List.of(1, 2), out.stream().map(Passage::rank).toList());
        assertEquals(0.45, out.get(1).score(), 1e-9);
    }

    @Test
    void aQuestionAboutRelatedReportsKeepsThemWhereTheyWere() {
        List<Passage> in = List.of(passage("a", RELATED, 0.9, 1), passage("b", CONTENT, 0.6, 2));
        List<Passage> out = new FurnitureDemotion(0.5).apply("华金证券有哪些相关报告？", in, 10);
        assertEquals(List.of("a", "b"), out.stream().map(Passage::passageId).toList());
    }

    @Test
    void weightZeroOnlyCutsToK() {
        List<Passage> in = List.of(passage("a", RELATED, 0.9, 1), passage("b", CONTENT, 0.6, 2));
        assertEquals(List.of(in.get(0)), new FurnitureDemotion(0).apply("Sora", in, 1));
        assertThrows(IllegalArgumentException.class, () -> new FurnitureDemotion(1.5));
    }
}
