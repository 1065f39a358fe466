package reportqa.retrieval.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * The session is built here (one operator thread per run) rather than by LangChain4j's model
     * class: uncut, its vectors are that class's; cut to the first token ({@link FirstTokenGraph}),
     * within the cut's own small change of every vector, and named apart.
     */
    @Test
    void vectorsAreThoseOfLangChain4jsOwnModelClassOrCloseToThemWhenCut() {
        List<String> texts = List.of("Sora 能生成多长的视频？", "月之暗面宣布 Kimi 智能助手启动 200 万字无损上下文内测", "Open-Sora 1.0");
        BgeSmallZhV15QuantizedEmbeddingModel stock = new BgeSmallZhV15QuantizedEmbeddingModel();
        try (BgeSmallZhEmbedder uncut = new BgeSmallZhEmbedder(false, null, false);
                BgeSmallZhEmbedder cut = new BgeSmallZhEmbedder()) {
            List<float[]> ours = uncut.embedPassages(texts);
            List<float[]> cutVectors = cut.embedPassages(texts);
            for (int i = 0; i < texts.size(); i++) {
                float[] expected = stock.embed(texts.get(i)).content().vector();
                assertArrayEquals(expected, ours.get(i), 1e-5f, texts.get(i));
                double cosine = Vectors.cosine(expected, cutVectors.get(i));
                assertTrue(cosine > 0.997 && cosine < 1 - 1e-6, texts.get(i) + ": cosine " + cosine);
            }
            assertEquals("bge-small-zh-v1.5-q", uncut.modelId());
            assertEquals("bge-small-zh-v1.5-q-first-token", cut.modelId());
        }
    }

    /**
     * The model read from its file kept out of the jar gives the same vectors; a folder that cannot
     * hold the file leaves the model read from the jar (with a warning), not failing.
     */
    @Test
    void theModelKeptOutOfTheJarGivesTheSameVectorsAndAFolderThatCannotHoldItChangesNothing(@TempDir Path dir)
            throws Exception {
        List<String> texts = List.of("Sora 能生成多长的视频？", "Open-Sora 1.0");
        Path folder = dir.resolve("model");
        Path taken = Files.writeString(dir.resolve("taken"), "a file where the folder would be");
        try (BgeSmallZhEmbedder fromJar = new BgeSmallZhEmbedder();
                BgeSmallZhEmbedder fromFile = new BgeSmallZhEmbedder(false, folder);
                BgeSmallZhEmbedder unwritable = new BgeSmallZhEmbedder(false, taken.resolve("model"))) {
            try (var shipped =
                    BgeSmallZhV15QuantizedEmbeddingModel.class.getResourceAsStream(BgeSmallZhEmbedder.MODEL_RESOURCE)) {
                List<Path> kept;
                try (var files = Files.list(folder)) {
                    kept = files.toList();
                }
                assertEquals(1, kept.size(), kept.toString());
                assertTrue(kept.get(0).getFileName().toString().startsWith("bge-small-zh-v1.5-q.first-token."));
                assertArrayEquals(FirstTokenGraph.cut(shipped.readAllBytes()), Files.readAllBytes(kept.get(0)));
            }
            List<float[]> expected = fromJar.embedPassages(texts);
            for (BgeSmallZhEmbedder other : List.of(fromFile, unwritable)) {
                List<float[]> got = other.embedPassages(texts);
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(expected.get(i), got.get(i), texts.get(i));
                }
            }
        }
    }

    /** Unless the user says otherwise, DJL (the tokenizer's library) is told not to call home at start. */
    @Test
    void djlUsageTrackingIsOffUnlessSet() {
        try (BgeSmallZhEmbedder model = new BgeSmallZhEmbedder()) {
            String set = System.getenv(BgeSmallZhEmbedder.DJL_TRACKING);
            assertEquals(set == null ? "true" : null, System.getProperty(BgeSmallZhEmbedder.DJL_TRACKING));
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
