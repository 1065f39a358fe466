package reportqa.retrieval.search;

/**
 * An explicit filter names something the library has no report for: a broker, a report id, or a
 * date range (alone or with a broker). The message says what, and what the library does hold.
 */
public final class UnknownFilterException extends RuntimeException {

    /** What the filter named. */
    public enum Kind {
        BROKER,
        REPORT,
        DATES
    }

    private final Kind kind;

    public UnknownFilterException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
