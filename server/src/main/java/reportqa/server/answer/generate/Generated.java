package reportqa.server.answer.generate;

/**
 * What the model produced for an answer: its text, or why it produced none.
 *
 * @param text the model's whole reply (null when it failed)
 * @param failure why the model failed (HTTP error, timeout, stalled or broken stream), or null
 * @param tokensSent whether any of its text already went out to a streaming client
 */
public record Generated(String text, String failure, boolean tokensSent) {

    static Generated text(String text, boolean tokensSent) {
        return new Generated(text == null ? "" : text, null, tokensSent);
    }

    static Generated failed(String failure, boolean tokensSent) {
        return new Generated(null, failure, tokensSent);
    }

    public boolean failed() {
        return failure != null;
    }
}
