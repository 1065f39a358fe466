package reportqa.retrieval.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.concurrent.DaemonThreads;

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

    /**
     * The system property (or environment variable) by which DJL, whose tokenizer the model uses,
     * is told not to report usage: unless told, it asks the EC2 metadata address at every start. An
     * application that promises no network beyond the model server it is given must not.
     */
    static final String DJL_TRACKING = "OPT_OUT_TRACKING";

    static {
        if (System.getenv(DJL_TRACKING) == null && System.getProperty(DJL_TRACKING) == null) {
            System.setProperty(DJL_TRACKING, "true");
        }
    }

    /** The model and its tokenizer, as LangChain4j's jar ships them (beside its model class). */
    static final String MODEL_RESOURCE = "/bge-small-zh-v1.5-q.onnx";

    static final String TOKENIZER_RESOURCE = "/bge-small-zh-v1.5-q-tokenizer.json";

    private static final Logger LOG = LoggerFactory.getLogger(BgeSmallZhEmbedder.class);

    private final ExecutorService executor;
    private final OrtSession session;
    /**
     * Held to read while embedding, to write while closing: a run reads the session in native code
     * (one text runs on the caller's thread, more on the workers), and a session closed under it
     * would be memory freed under a running model.
     */
    private final ReadWriteLock running = new ReentrantReadWriteLock();

    private boolean closed;
    private final Model model;
    private final boolean queryInstruction;

    public BgeSmallZhEmbedder() {
        this(false);
    }

    public BgeSmallZhEmbedder(boolean queryInstruction) {
        this(queryInstruction, null);
    }

    /**
     * @param modelDir a folder the model's file is kept in out of the jar ({@link ModelFile}), read
     *     faster than from the jar; null to read it from the jar
     */
    public BgeSmallZhEmbedder(boolean queryInstruction, Path modelDir) {
        this.queryInstruction = queryInstruction;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.executor = Executors.newFixedThreadPool(threads, new DaemonThreads("bge-embedder"));
        this.session = session(modelDir);
        this.model = new Model(executor, encoder(session));
    }

    /**
     * The model's session, one operator thread per run: passages are embedded one per worker, a
     * worker per core, so that threads of one run would only wait on those of the other. ONNX
     * Runtime's default (a thread per core in every run) embedded 75 passages/s on 2 cores, this 108
     * (300-character passages, batches of 30; same vectors).
     */
    private static OrtSession session(Path modelDir) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            if (modelDir != null) {
                try {
                    Path file = ModelFile.in(modelDir, BgeSmallZhV15QuantizedEmbeddingModel.class, MODEL_RESOURCE);
                    return OrtEnvironment.getEnvironment().createSession(file.toString(), options);
                } catch (IOException | OrtException e) {
                    LOG.warn(
                            "the embedding model cannot be kept in {} ({}); it is read from the jar instead",
                            modelDir,
                            e.toString());
                }
            }
            try (InputStream in = resource(MODEL_RESOURCE)) {
                return OrtEnvironment.getEnvironment().createSession(in.readAllBytes(), options);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model " + MODEL_RESOURCE, e);
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "cannot load the embedding model " + MODEL_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static OnnxBertBiEncoder encoder(OrtSession session) {
        try (InputStream tokenizer = resource(TOKENIZER_RESOURCE)) {
            // BGE embeds a text as its first ([CLS]) token, as LangChain4j's own model class does.
            return new OnnxBertBiEncoder(OrtEnvironment.getEnvironment(), session, tokenizer, PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer " + TOKENIZER_RESOURCE, e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = BgeSmallZhV15QuantizedEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the classpath");
        }
        return in;
    }

    /** LangChain4j's in-process model over the session built here. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(Executor executor, OnnxBertBiEncoder encoder) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }

    /**
     * The model loading on a thread of its own (see {@link BackgroundEmbedder}): what a start uses, so
     * that the index is checked and opened meanwhile.
     */
    public static BackgroundEmbedder inBackground(boolean queryInstruction, Path modelDir) {
        return new BackgroundEmbedder(
                idOf(queryInstruction), DIMENSION, true, () -> new BgeSmallZhEmbedder(queryInstruction, modelDir));
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
        running.readLock().lock();
        try {
            checkOpen();
            for (Embedding e : model.embedAll(segments).content()) {
                out.add(e.vector());
            }
        } finally {
            running.readLock().unlock();
        }
        return out;
    }

    @Override
    public float[] embedQuery(String query) {
        String text = queryInstruction ? QUERY_INSTRUCTION + query : query;
        running.readLock().lock();
        try {
            checkOpen();
            return model.embed(text).content().vector();
        } finally {
            running.readLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the embedding model is closed");
        }
    }

    @Override
    public void close() {
        try {
            // Runs under way finish first; one that does not within 5 s leaves the session to the
            // process's end rather than freed under it.
            if (!running.writeLock().tryLock(5, TimeUnit.SECONDS)) {
                LOG.warn("embedding runs still under way after 5 s: the model is left loaded until the process ends");
                executor.shutdownNow();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (!closed) {
                closed = true;
                executor.shutdownNow();
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the embedding model: " + e.getMessage(), e);
        } finally {
            running.writeLock().unlock();
        }
    }
}
