package reportqa.retrieval.embed;

/**
 * The embedding model was closed (the process is stopping): not a failure of the text being embedded,
 * so an index update that meets it stops without committing, rather than listing every remaining
 * report as failed and committing what it had.
 */
public final class EmbedderClosedException extends RuntimeException {

    public EmbedderClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
