package reportqa.retrieval.embed;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedding model loaded on a thread of its own from the moment this is made, so that a start
 * does its other work (checking and opening the index, starting the HTTP server) meanwhile: loading
 * bge-small-zh takes 1.2–1.3 s of a start that must answer within 3 s. What identifies the model
 * (id, dimension, unit length) is known without it; embedding waits for it. A model that fails to
 * load fails every embedding with the reason, as a model that fails to embed does.
 *
 * <p>Closing closes the model (waiting for the runs under way, if it does), and a model that finishes
 * loading after this was closed is closed at once (embedding then fails with
 * {@link EmbedderClosedException}): a process that stops while reports are being
 * embedded must not exit with a native model mid-run (ONNX Runtime's teardown under a running session
 * aborts the JVM).
 */
public final class BackgroundEmbedder implements Embedder, AutoCloseable {

    private final String modelId;
    private final int dimension;
    private final boolean unitLength;
    private final CompletableFuture<Embedder> model;
    private volatile boolean closed;

    /** How long closing waits for a model still loading: loading bge-small-zh takes 1.2–1.3 s. */
    static final long LOAD_WAIT_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundEmbedder.class);

    /**
     * @param load makes the model (called once, on a new daemon thread)
     */
    public BackgroundEmbedder(String modelId, int dimension, boolean unitLength, Supplier<Embedder> load) {
        this.modelId = modelId;
        this.dimension = dimension;
        this.unitLength = unitLength;
        this.model = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        Embedder loaded = load.get();
                        model.complete(loaded);
                        if (closed) {
                            closeModel(loaded); // closed while it loaded: nobody else will
                        }
                    } catch (RuntimeException | Error e) {
                        model.completeExceptionally(e);
                    }
                },
                "embedding-model-load");
        t.setDaemon(true);
        t.start();
    }

    /** The model, waiting for it to load. */
    Embedder model() {
        if (closed) {
            throw new EmbedderClosedException("the embedding model is closed", null);
        }
        try {
            return model.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while the embedding model loaded", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new EmbeddingException(
                    "the embedding model could not be loaded: "
                            + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
                    cause);
        }
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public boolean unitLength() {
        return unitLength;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        return withModel(m -> m.embedPassages(texts));
    }

    @Override
    public float[] embedQuery(String query) {
        return withModel(m -> m.embedQuery(query));
    }

    /** Runs {@code call} on the model; a failure because the model was closed under it says so. */
    private <T> T withModel(Function<Embedder, T> call) {
        Embedder m = model();
        try {
            return call.apply(m);
        } catch (RuntimeException e) {
            throw closed ? new EmbedderClosedException("the embedding model is closed", e) : e;
        }
    }

    /**
     * Closes the model, waiting up to {@link #LOAD_WAIT_SECONDS} for it to finish loading if it still
     * loads (a native session exited in the middle of its creation aborts the JVM as surely as one
     * exited mid-run); embedding fails from now on. Runs under way finish first, as the model's own
     * close allows. A model still loading after the wait is closed by the loading thread when it has.
     */
    @Override
    public void close() {
        closed = true;
        Embedder loaded;
        try {
            loaded = model.get(LOAD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return; // never loaded: nothing to close
        } catch (TimeoutException e) {
            LOG.warn("the embedding model still loads after {} s: it is closed when it has loaded", LOAD_WAIT_SECONDS);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // The loading thread may close it too (a model's close is idempotent): the flag is set before
        // looking here, the model completed before the loader looks, so at least one of them does.
        closeModel(loaded);
    }

    private static void closeModel(Embedder loaded) {
        if (loaded instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new EmbeddingException("cannot close the embedding model: " + e.getMessage(), e);
            }
        }
    }
}
