package reportqa.retrieval.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The in-process bge-small-zh-v1.5 model (quantized, shipped inside a LangChain4j jar): 512
 * dimensions, no network, no download. BGE's retrieval instruction for queries is optional and off
 * by default: measured on the golden set and CMRC dev, queries embedded without it retrieve better
 * with this model (see README).
 */
public final class BgeSmallZhEmbedder implements Embedder, AutoCloseable {

    /** BGE's instruction for short retrieval queries (from the model card). */
    public static final String QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

    private static final int DIMENSION = 512;

    private final ExecutorService executor;
    private final EmbeddingModel model;
    private final boolean queryInstruction;

    public BgeSmallZhEmbedder() {
        this(false);
    }

    public BgeSmallZhEmbedder(boolean queryInstruction) {
        this.queryInstruction = queryInstruction;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bge-embedder");
            t.setDaemon(true);
            return t;
        });
        this.model = new BgeSmallZhV15QuantizedEmbeddingModel(executor);
    }

    /**
     * The model loading on a thread of its own (see {@link BackgroundEmbedder}): what a start uses, so
     * that the index is checked and opened meanwhile.
     */
    public static BackgroundEmbedder inBackground(boolean queryInstruction) {
        return new BackgroundEmbedder(
                idOf(queryInstruction), DIMENSION, true, () -> new BgeSmallZhEmbedder(queryInstruction));
    }

    private static String idOf(boolean queryInstruction) {
        return "bge-small-zh-v1.5-q" + (queryInstruction ? "+instruction" : "");
    }

    @Override
    public String modelId() {
        return idOf(queryInstruction);
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    /** LangChain4j normalises this model's vectors (measured: within 8e-7 of length 1). */
    @Override
    public boolean unitLength() {
        return true;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        List<float[]> out = new ArrayList<>(texts.size());
        for (Embedding e : model.embedAll(segments).content()) {
            out.add(e.vector());
        }
        return out;
    }

    @Override
    public float[] embedQuery(String query) {
        String text = queryInstruction ? QUERY_INSTRUCTION + query : query;
        return model.embed(text).content().vector();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
