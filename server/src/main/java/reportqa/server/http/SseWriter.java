package reportqa.server.http;

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
    synchronized void send(StreamEvent event, Object data) {
        try {
            String payload = "event: " + event.key() + "\ndata: " + json.writeValueAsString(data) + "\n\n";
            out.write(payload.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }
}
