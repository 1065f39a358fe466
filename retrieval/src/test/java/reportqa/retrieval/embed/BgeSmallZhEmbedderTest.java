package reportqa.retrieval.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-process model promises vectors of unit length ({@link BgeSmallZhEmbedder#unitLength()}), on
 * which the embedding cache rejects stored vectors of another length: the promise is checked here on
 * passages and queries of every kind the library sees.
 */
class BgeSmallZhEmbedderTest {

    @Test
    void passageAndQueryVectorsHaveUnitLength() {
        List<String> texts = List.of(
                "Sora 能生成多长的视频？",
                "德邦证券对传媒行业给的是什么评级？",
                "What did 德邦证券 recommend after the Sora launch?",
                "字",
                "2024年3月19日 上海证券研究所 分析师：某某 执业证书编号：S0870523100001",
                // Past the model's 512 tokens: cut, still normalised.
                "人工智能产业链深度报告。".repeat(120));
        try (BgeSmallZhEmbedder model = new BgeSmallZhEmbedder()) {
            assertTrue(model.unitLength());
            List<float[]> vectors = new ArrayList<>(model.embedPassages(texts));
            texts.forEach(t -> vectors.add(model.embedQuery(t)));
            VectorCheck check = VectorCheck.of(model);
            for (float[] v : vectors) {
                assertEquals(1.0, length(v), 1e-5);
                assertTrue(check.accepts(v));
            }
        }
    }

    private static double length(float[] v) {
        double squares = 0;
        for (float x : v) {
            squares += (double) x * x;
        }
        return Math.sqrt(squares);
    }
}
