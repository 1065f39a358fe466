package reportqa.server.config;

/**
 * A secret setting (the model's API key): never printed, and scrubbed from any text that might
 * carry it (an exception message echoing a request, a log line) before that text is logged or
 * returned.
 */
public final class Secret {

    /** No secret configured. */
    public static final Secret NONE = new Secret("");

    private static final String MASK = "***";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value);
    }

    /** The secret itself, for the one place that must send it (the model client). */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** The text with every occurrence of the secret masked. */
    public String scrub(String text) {
        return value.isEmpty() || text == null ? text : text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "" : MASK;
    }
}
