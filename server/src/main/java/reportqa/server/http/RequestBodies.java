package reportqa.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Size and type checks on request bodies, before anything reads them. */
final class RequestBodies {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);
    /** Requests larger than this are refused with 413. */
    static final long MAX_BYTES = 64 * 1024;
    /** Oversized bodies up to this size are read and dropped, so the client reliably gets its 413. */
    private static final long DRAIN_LIMIT = 16 * MAX_BYTES;

    private RequestBodies() {}

    /**
     * The body of a JSON request. A body over {@link #MAX_BYTES} is refused with 413; a declared
     * content type other than JSON with 415 (a form or text post is not a question; no type at all is
     * taken as JSON, as {@code curl --data} clients often send none).
     */
    static String json(Context ctx) {
        if (ctx.contentLength() > MAX_BYTES) {
            drain(ctx);
            throw new ApiException(
                    ErrorCode.BODY_TOO_LARGE, "the body has " + ctx.contentLength() + " bytes; at most " + MAX_BYTES);
        }
        String type = ctx.contentType();
        if (type != null
                && !type.isBlank()
                && !type.strip().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json, not " + type.strip());
        }
        try {
            return ctx.body();
        } catch (Exception e) {
            // A body cut short, a malformed chunk, or one too slow to wait for: the client's doing.
            // (Javalin is Kotlin: ctx.body() throws the IOException undeclared.)
            if (causedByIo(e)) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "the request body could not be read to its end");
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof BadMessageException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads an oversized body before refusing it: a server that answers while the client is still
     * sending resets the connection, and the client sees a broken connection instead of the 413.
     */
    private static void drain(Context ctx) {
        if (ctx.contentLength() > DRAIN_LIMIT) {
            return;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            LOG.debug("client went away while sending an oversized body: {}", e.toString());
        }
    }
}
