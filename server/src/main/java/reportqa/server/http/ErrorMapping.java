package reportqa.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.search.SearchUnavailableException;
import reportqa.retrieval.search.UnknownFilterException;

/**
 * Every failure under {@code /api} as a JSON error ({@code {"error": {"code", "message"}}}) with a
 * 4xx status for the client's mistakes; a server bug is logged with its stack trace and answered
 * 500 without internals.
 */
final class ErrorMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {}

    static void register(JavalinConfig cfg) {
        cfg.routes.exception(ApiException.class, (e, ctx) -> send(ctx, e.code(), e.getMessage()));
        cfg.routes.exception(UnknownFilterException.class, (e, ctx) -> send(ctx, codeFor(e.kind()), e.getMessage()));
        cfg.routes.exception(
                HttpResponseException.class,
                (e, ctx) -> send(ctx, ErrorCode.forStatus(e.getStatus(), ErrorCode.INVALID_FIELD), e.getMessage()));
        cfg.routes.exception(SearchUnavailableException.class, (e, ctx) -> {
            LOG.warn("request {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", Integer.toString(SEARCH_RETRY_AFTER_SECONDS));
            send(ctx, ErrorCode.SEARCH_UNAVAILABLE, SearchUnavailableException.FOR_CLIENTS);
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
            send(ctx, ErrorCode.INTERNAL, "internal error");
        });
        cfg.routes.error(404, ctx -> {
            if ((ctx.path().startsWith("/api") || isOpenAi(ctx.path()))
                    && !ctx.res().isCommitted()
                    && isDefaultBody(ctx)) {
                send(ctx, ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path());
            }
        });
        cfg.routes.error(
                405, ctx -> send(ctx, ErrorCode.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path()));
    }

    /** How long a client told the search backend is unavailable is asked to wait. */
    static final int SEARCH_RETRY_AFTER_SECONDS = 5;

    /**
     * The error a failure that ends a stream (its headers already sent) is told as: the search
     * backend's unavailability as such, anything else as internal.
     */
    static ErrorCode streamCode(Exception e) {
        return e instanceof SearchUnavailableException ? ErrorCode.SEARCH_UNAVAILABLE : ErrorCode.INTERNAL;
    }

    /** The message for {@link #streamCode}'s code. */
    static String streamMessage(Exception e) {
        return e instanceof SearchUnavailableException ? SearchUnavailableException.FOR_CLIENTS : "internal error";
    }

    static void send(Context ctx, ErrorCode code, String message) {
        ctx.status(code.status()).json(body(ctx.path(), code, message));
    }

    /** The prefix of the OpenAI-compatible API, whose errors are in OpenAI's shape. */
    static final String OPENAI_PREFIX = "/v1/";

    /** An error's body for a request to {@code path}: OpenAI's shape under {@code /v1}, the API's elsewhere. */
    static Object body(String path, ErrorCode code, String message) {
        return isOpenAi(path) ? openAiError(code, message) : ApiError.of(code, message);
    }

    /** Whether a path is the OpenAI-compatible API's ({@code /v1} or under it). */
    static boolean isOpenAi(String path) {
        return path != null && (path.startsWith(OPENAI_PREFIX) || path.equals("/v1"));
    }

    /** An error as OpenAI writes it (a 404, too, is an {@code invalid_request_error}), its {@code type} from the status and this API's code as {@code code}. */
    static OpenAiWire.Error openAiError(ErrorCode code, String message) {
        int status = code.status();
        String type =
                switch (status) {
                    case 401 -> "authentication_error";
                    case 403 -> "permission_error";
                    case 429 -> "rate_limit_error";
                    default -> status >= 500 ? "server_error" : "invalid_request_error";
                };
        return new OpenAiWire.Error(new OpenAiWire.Detail(message, type, null, code.key()));
    }

    /** Javalin's own "not found" text, which an API error replaces (a handler's own 404 body is kept). */
    private static boolean isDefaultBody(Context ctx) {
        String r = ctx.result();
        return r == null || r.isEmpty() || r.startsWith("Endpoint") || r.equals("Not Found");
    }

    private static ErrorCode codeFor(UnknownFilterException.Kind kind) {
        return switch (kind) {
            case BROKER -> ErrorCode.UNKNOWN_BROKER;
            case REPORT -> ErrorCode.UNKNOWN_REPORT;
            case DATES -> ErrorCode.NO_REPORT_IN_RANGE;
        };
    }
}
