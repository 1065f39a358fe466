package reportqa.server.http;

import java.util.Locale;

/** The Server-Sent Events of a streamed answer, in the order they come. */
public enum StreamEvent {
    /** Every retrieved passage, before any text: {@code {"sources": […], "query": "…", "filterNote": "…"}}. */
    SOURCES,
    /** A piece of answer text: {@code {"text": "…"}}. */
    TOKEN,
    /** The model failed mid-stream; discard the text so far: {@code {"reason": "…"}}. */
    RESET,
    /** The final answer, exactly as {@code POST /api/ask} returns it. */
    DONE,
    /** The request failed: {@code {"error": {"code", "message"}}}. */
    ERROR;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
