package reportqa.retrieval.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped model cut to its first token, run as ONNX Runtime runs it, against the model as shipped. */
class FirstTokenGraphTest {

    private static byte[] shipped;

    @BeforeAll
    static void readTheShippedModel() throws Exception {
        try (InputStream in =
                BgeSmallZhV15QuantizedEmbeddingModel.class.getResourceAsStream(BgeSmallZhEmbedder.MODEL_RESOURCE)) {
            shipped = in.readAllBytes();
        }
    }

    /**
     * The cut model returns one row, the first token's, where the shipped model returns one a token;
     * the row is near the shipped model's first (only the last layer's quantisation ranges differ).
     */
    @Test
    void theCutModelReturnsTheFirstTokensRowOnlyCloseToTheShippedModels() throws Exception {
        // Eight tokens of the model's vocabulary, [CLS] (101) first and [SEP] (102) last.
        long[] ids = {101, 4777, 2845, 6432, 749, 784, 720, 102};
        float[][] full = run(shipped, ids);
        float[][] cut = run(FirstTokenGraph.cut(shipped), ids);
        assertEquals(ids.length, full.length);
        assertEquals(1, cut.length);
        assertEquals(512, cut[0].length);
        double cosine = Vectors.cosine(full[0], cut[0]);
        assertTrue(cosine > 0.997 && cosine < 1 - 1e-6, "cosine " + cosine);
    }

    /** Cutting leaves every byte of the model outside its graph, and the graph's other nodes, as they were. */
    @Test
    void theCutAddsTwoSlicesAndThreeConstantsAndRewiresTwoInputs() {
        byte[] cut = FirstTokenGraph.cut(shipped);
        // Two nodes (each about 150 bytes), three tensors, two input names a few bytes longer or shorter.
        int added = cut.length - shipped.length;
        assertTrue(added > 300 && added < 600, added + " bytes added");
        String text = new String(cut, StandardCharsets.ISO_8859_1);
        assertEquals(3, count(text, FirstTokenGraph.FIRST_TOKEN_QUANTIZED), "a slice's output, its name, one reader");
        assertEquals(3, count(text, FirstTokenGraph.FIRST_TOKEN));
        assertEquals(
                count(new String(shipped, StandardCharsets.ISO_8859_1), FirstTokenGraph.LAYER_INPUT_QUANTIZED),
                count(text, FirstTokenGraph.LAYER_INPUT_QUANTIZED),
                "one reader fewer, one slice more");
    }

    /** Another model's graph (here the shipped one with its query projection renamed) is refused, saying why. */
    @Test
    void aGraphWithoutTheNodesItIsMadeForIsRefused() {
        byte[] renamed = replace(shipped, "/layer.3/attention/self/query/", "/layer.3/attention/self/quern/");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FirstTokenGraph.cut(renamed));
        assertEquals(
                "not the graph this cut is made for: 0 nodes named " + FirstTokenGraph.QUERY_PROJECTION + ", 1 named "
                        + FirstTokenGraph.ATTENTION_RESIDUAL + " (one each expected)",
                e.getMessage());
        byte[] rewired = replace(
                shipped,
                "/encoder/layer.2/output/LayerNorm/Add_1_output_0_quantized",
                "/encoder/layer.2/output/LayerNorm/Add_1_output_0_quantizeX");
        e = assertThrows(IllegalArgumentException.class, () -> FirstTokenGraph.cut(rewired));
        assertEquals(
                FirstTokenGraph.QUERY_PROJECTION + " reads /encoder/layer.2/output/LayerNorm/Add_1_output_0_quantizeX"
                        + " as input 0, not " + FirstTokenGraph.LAYER_INPUT_QUANTIZED,
                e.getMessage());
    }

    @Test
    void bytesThatAreNotAModelAreRefused() {
        byte[] truncated = Arrays.copyOf(shipped, shipped.length / 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FirstTokenGraph.cut(truncated));
        assertTrue(e.getMessage().startsWith("not an ONNX model"), e.getMessage());
        byte[] text = "a text file, not a model".getBytes(StandardCharsets.UTF_8);
        e = assertThrows(IllegalArgumentException.class, () -> FirstTokenGraph.cut(text));
        assertTrue(e.getMessage().startsWith("not an ONNX model"), e.getMessage());
    }

    private static float[][] run(byte[] model, long[] ids) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] zeros = new long[ids.length];
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1);
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor inputIds = OnnxTensor.createTensor(env, new long[][] {ids});
                OnnxTensor mask = OnnxTensor.createTensor(env, new long[][] {ones});
                OnnxTensor types = OnnxTensor.createTensor(env, new long[][] {zeros});
                OrtSession.Result result =
                        session.run(Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types))) {
            float[][][] out = (float[][][]) result.get(0).getValue();
            assertArrayEquals(new long[] {1}, new long[] {out.length});
            return out[0];
        }
    }

    private static int count(String text, String of) {
        int n = 0;
        for (int i = text.indexOf(of); i >= 0; i = text.indexOf(of, i + 1)) {
            n++;
        }
        return n;
    }

    private static byte[] replace(byte[] bytes, String from, String to) {
        assertEquals(from.length(), to.length());
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(from), from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
}
