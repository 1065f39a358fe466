package reportqa.retrieval.pdf;

/** A PDF whose text cannot be read, with why in words a user can act on (encrypted, no text layer …). */
public final class UnreadablePdfException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnreadablePdfException(String reason) {
        super(reason);
    }

    public UnreadablePdfException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
