package reportqa.retrieval.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /** The name of the model cut to the first token ({@link FirstTokenGraph}): in its id and its kept file's name. */
    private static final String FIRST_TOKEN = "first-token";

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
    private final FirstTokenEncoder encoder;
    private final boolean queryInstruction;
    private final boolean firstTokenOnly;

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
        this(queryInstruction, modelDir, true);
    }

    /**
     * @param firstTokenOnly whether the model's last layer computes the first token only ({@link
     *     FirstTokenGraph}); false for the model as LangChain4j ships it, which the tests compare with
     */
    BgeSmallZhEmbedder(boolean queryInstruction, Path modelDir, boolean firstTokenOnly) {
        this.queryInstruction = queryInstruction;
        this.firstTokenOnly = firstTokenOnly;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.executor = Executors.newFixedThreadPool(threads, new DaemonThreads("bge-embedder"));
        this.session = session(modelDir, firstTokenOnly);
        this.encoder = new FirstTokenEncoder(OrtEnvironment.getEnvironment(), session, tokenizer());
    }

    /**
     * The model's session, one operator thread per run: passages are embedded one per worker, a
     * worker per core, so that threads of one run would only wait on those of the other. ONNX
     * Runtime's default (a thread per core in every run) embedded 75 passages/s on 2 cores, this 108
     * (300-character passages, batches of 30; same vectors).
     */
    private static OrtSession session(Path modelDir, boolean firstTokenOnly) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            if (modelDir != null) {
                try {
                    Path file = firstTokenOnly
                            ? ModelFile.made(
                                    modelDir,
                                    BgeSmallZhV15QuantizedEmbeddingModel.class,
                                    MODEL_RESOURCE,
                                    FIRST_TOKEN,
                                    FirstTokenGraph::cut)
                            : ModelFile.in(modelDir, BgeSmallZhV15QuantizedEmbeddingModel.class, MODEL_RESOURCE);
                    return environment.createSession(file.toString(), options);
                } catch (IOException | OrtException e) {
                    LOG.warn(
                            "the embedding model cannot be kept in {} ({}); it is read from the jar instead",
                            modelDir,
                            e.toString());
                }
            }
            try (InputStream in = resource(MODEL_RESOURCE)) {
                byte[] model = in.readAllBytes();
                return environment.createSession(firstTokenOnly ? FirstTokenGraph.cut(model) : model, options);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model " + MODEL_RESOURCE, e);
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "cannot load the embedding model " + MODEL_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static HuggingFaceTokenizer tokenizer() {
        try (InputStream tokenizer = resource(TOKENIZER_RESOURCE)) {
            return HuggingFaceTokenizer.newInstance(tokenizer, FirstTokenEncoder.tokenizerOptions());
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

    /**
     * The model loading on a thread of its own (see {@link BackgroundEmbedder}): what a start uses, so
     * that the index is checked and opened meanwhile.
     */
    public static BackgroundEmbedder inBackground(boolean queryInstruction, Path modelDir) {
        return new BackgroundEmbedder(
                idOf(queryInstruction, true),
                DIMENSION,
                true,
                () -> new BgeSmallZhEmbedder(queryInstruction, modelDir));
    }

    /**
     * The id of the vectors: the model, cut to the first token (its vectors are not the stock model's,
     * see {@link FirstTokenGraph}), with or without the query instruction.
     */
    private static String idOf(boolean queryInstruction, boolean firstTokenOnly) {
        return "bge-small-zh-v1.5-q" + (firstTokenOnly ? "-" + FIRST_TOKEN : "")
                + (queryInstruction ? "+instruction" : "");
    }

    @Override
    public String modelId() {
        return idOf(queryInstruction, firstTokenOnly);
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    /** The encoder normalises the model's vectors (measured: within 8e-7 of length 1). */
    @Override
    public boolean unitLength() {
        return true;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        running.readLock().lock();
        try {
            checkOpen();
            if (texts.size() == 1) {
                return List.of(encoder.embed(texts.get(0)));
            }
            // A text a task, the workers one a core: each run has one operator thread (above).
            List<Future<float[]>> runs = new ArrayList<>(texts.size());
            for (String text : texts) {
                runs.add(executor.submit(() -> encoder.embed(text)));
            }
            List<float[]> out = new ArrayList<>(texts.size());
            try {
                for (Future<float[]> run : runs) {
                    out.add(run.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddingException("interrupted while embedding", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new EmbeddingException("the embedding model failed: " + e.getCause(), e.getCause());
            } finally {
                runs.forEach(run -> run.cancel(true));
            }
            return out;
        } finally {
            running.readLock().unlock();
        }
    }

    @Override
    public float[] embedQuery(String query) {
        String text = queryInstruction ? QUERY_INSTRUCTION + query : query;
        running.readLock().lock();
        try {
            checkOpen();
            return encoder.embed(text);
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
