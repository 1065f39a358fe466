package reportqa.retrieval.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * A text's vector from a BERT model: the text tokenised once, run through the model, its first
 * ([CLS]) token's output normalised — what BGE's pooling is. LangChain4j's {@code OnnxBertBiEncoder}
 * does the same with the tokenizer run three times a text (to split texts longer than the model's
 * 512 tokens, which its tokenizer has already cut to 512) and the model's whole output copied into
 * Java arrays, one per token: 0.2–0.3 ms of a question's 2 ms.
 *
 * <p>Texts are tokenised as LangChain4j's tokenizer file says, which does not lower-case though the
 * model's vocabulary holds English in lower case only: a capitalised English word is one unknown
 * token ("Sora" and "Kimi" the same). Lower-casing first was measured (README): better dense
 * retrieval, worse extractive answers on the tuning split; not done.
 */
final class FirstTokenEncoder {

    /** The model's longest input in tokens, [CLS] and [SEP] included: a longer text is cut (as LangChain4j's). */
    static final int MAX_TOKENS = 512;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;

    FirstTokenEncoder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.typeIds = session.getInputNames().contains("token_type_ids");
    }

    /** The tokenizer's options: no padding (one text a run), cut at {@link #MAX_TOKENS}. */
    static Map<String, String> tokenizerOptions() {
        return Map.of("padding", "false", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS));
    }

    /** The text's vector, of unit length. */
    float[] embed(String text) {
        Encoding encoding = tokenizer.encode(text, true, false);
        long[] ids = encoding.getIds();
        long[] shape = {1, ids.length};
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1);
        try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(ones), shape);
                OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape);
                OrtSession.Result result = session.run(
                        typeIds
                                ? Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types)
                                : Map.of("input_ids", inputIds, "attention_mask", mask))) {
            // The output is [1, tokens, dimension], or [1, 1, dimension] for a model cut to its first
            // token: either way its first row is the first token's.
            OnnxTensor output = (OnnxTensor) result.get(0);
            long[] outputShape = output.getInfo().getShape();
            int dimension = (int) outputShape[2];
            FloatBuffer values = output.getFloatBuffer();
            float[] vector = new float[dimension];
            values.get(vector, 0, dimension);
            return normalised(vector);
        } catch (OrtException e) {
            throw new EmbeddingException("the embedding model failed on a text: " + e.getMessage(), e);
        }
    }

    private static float[] normalised(float[] v) {
        double squares = 0;
        for (float x : v) {
            squares += x * x;
        }
        float norm = (float) Math.sqrt(squares);
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
        }
        return v;
    }
}
