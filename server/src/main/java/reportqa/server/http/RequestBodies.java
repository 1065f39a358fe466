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
    /**
     * An OpenAI-compatible chat request: a client sends the whole conversation every time, its
     * earlier answers (with their sources) included.
     */
    static final long MAX_CHAT_BYTES = 1024 * 1024;
    /** Oversized bodies up to this size are read and dropped, so the client reliably gets its 413. */
    private static final long DRAIN_LIMIT = 2 * MAX_CHAT_BYTES;

    private RequestBodies() {}

    /**
     * The body of a JSON request. A body over {@link #MAX_BYTES} is refused with 413; a declared
     * content type other than JSON with 415 (a form or text post is not a question; no type at all is
     * taken as JSON, as {@code curl --data} clients often send none).
     */
    static String json(Context ctx) {
        return json(ctx, MAX_BYTES);
    }

    /**
     * The body of a JSON request of at most {@code limit} bytes (at most {@link #MAX_CHAT_BYTES}), as
     * {@link #json(Context)}.
     */
    static String json(Context ctx, long limit) {
        if (ctx.contentLength() > limit) {
            drain(ctx);
            throw tooLarge(ctx.contentLength(), limit);
        }
        String type = ctx.contentType();
        if (type != null
                && !type.isBlank()
                && !type.strip().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json, not " + type.strip());
        }
        try {
            String body = ctx.body();
            // A body sent in chunks declares no length: it is measured once read (up to the server's
            // limit, past which Javalin refuses it with 413 itself).
            int bytes = ctx.bodyAsBytes().length;
            if (bytes > limit) {
                throw tooLarge(bytes, limit);
            }
            return body;
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            // A body cut short, a malformed chunk, or one too slow to wait for: the client's doing.
            // (Javalin is Kotlin: ctx.body() throws the IOException undeclared.)
            if (causedByIo(e)) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "the request body could not be read to its end");
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static ApiException tooLarge(long bytes, long limit) {
        return new ApiException(ErrorCode.BODY_TOO_LARGE, "the body has " + bytes + " bytes; at most " + limit);
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
