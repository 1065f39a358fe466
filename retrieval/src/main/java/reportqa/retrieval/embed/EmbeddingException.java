package reportqa.retrieval.embed;

/** The embedding model could not embed a text; the indexer lists the report and goes on. */
public final class EmbeddingException extends RuntimeException {

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
