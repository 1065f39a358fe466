package reportqa.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to a request it refuses before any handler runs (a request line it cannot parse,
 * a URI or headers too long, an unknown HTTP version, a missing Host, a body that never arrives), as
 * the same JSON error every {@code /api} failure gets, with the security headers, instead of Jetty's
 * HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final ObjectMapper json;

    JsonErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int status, String message, Throwable cause, Callback callback)
            throws IOException {
        ErrorCode code = ErrorCode.forStatus(status, ErrorCode.BAD_REQUEST);
        String text = code == ErrorCode.INTERNAL
                ? "internal error"
                : "the request was refused: " + (message == null || message.isBlank() ? "HTTP " + status : message);
        byte[] body = json.writeValueAsBytes(ErrorMapping.body(Request.getPathInContext(request), code, text));
        ApiServer.SECURITY_HEADERS.forEach((k, v) -> response.getHeaders().put(k, v));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        // Jetty closes a connection whose request it could not parse; saying so keeps a client from
        // sending its next request on it.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
