package reportqa.retrieval.embed;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * An embedding model loaded on a thread of its own from the moment this is made, so that a start
 * does its other work (checking and opening the index, starting the HTTP server) meanwhile: loading
 * bge-small-zh takes 1.2–1.3 s of a start that must answer within 3 s. What identifies the model
 * (id, dimension, unit length) is known without it; embedding waits for it. A model that fails to
 * load fails every embedding with the reason, as a model that fails to embed does.
 */
public final class BackgroundEmbedder implements Embedder {

    private final String modelId;
    private final int dimension;
    private final boolean unitLength;
    private final CompletableFuture<Embedder> model;

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
                        model.complete(load.get());
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
        return model().embedPassages(texts);
    }

    @Override
    public float[] embedQuery(String query) {
        return model().embedQuery(query);
    }
}
