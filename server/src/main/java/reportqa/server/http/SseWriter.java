package reportqa.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes Server-Sent Events straight to the response, flushing each one, so that a POST request
 * (which {@code EventSource} cannot make, but {@code fetch} can) can be answered as a stream.
 */
final class SseWriter {

    private final OutputStream out;
    private final ObjectMapper json;

    SseWriter(Context ctx, ObjectMapper json) throws IOException {
        this.json = json;
        ctx.res().setStatus(200);
        ctx.res().setContentType("text/event-stream");
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        this.out = ctx.res().getOutputStream();
    }

    /** Sends one event; a client that has gone away makes this throw {@link UncheckedIOException}. */
    void send(StreamEvent event, Object data) {
        write("event: " + event.key() + "\ndata: " + serialized(data) + "\n\n");
    }

    /** Sends an event with data only, no name (what OpenAI's streams send: every chunk a {@code message}). */
    void data(Object data) {
        write("data: " + serialized(data) + "\n\n");
    }

    /** Sends {@code data: text} as it is ({@code [DONE]}, which ends an OpenAI stream). */
    void dataText(String text) {
        write("data: " + text + "\n\n");
    }

    private String serialized(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not writable as JSON: " + data.getClass(), e);
        }
    }

    private synchronized void write(String payload) {
        try {
            out.write(payload.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }
}
