package reportqa.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import reportqa.server.config.Access;

/**
 * Cross-origin use of {@code /v1} by a client that runs in a browser (Open WebUI's direct
 * connections, LobeChat's client-side fetching, web builds of ChatBox): allowed only when API keys
 * are set. A browser never adds an {@code Authorization} header of its own, so then another site's
 * page can do nothing its user has not been given a key for; without keys, any page the user opens
 * could spend the server's model calls, so the request is refused as every cross-site POST is
 * ({@link RequestGuard}).
 */
final class OpenAiCors {

    private final boolean allowed;

    OpenAiCors(Access access) {
        this.allowed = access.keyed();
    }

    /** The headers a preflight asks for, if they are a list of header names; else the two the API reads. */
    static String allowedHeaders(String requested) {
        if (requested == null
                || requested.length() > 2000
                || !HEADER_LIST.matcher(requested).matches()) {
            return "Authorization, Content-Type";
        }
        return requested.strip();
    }

    private static final java.util.regex.Pattern HEADER_LIST = java.util.regex.Pattern.compile(
            "\\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+(\\s*,\\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*\\s*");

    /** Whether other sites' pages may call {@code /v1}. */
    boolean allowed() {
        return allowed;
    }

    /**
     * Before every {@code /v1} request, ahead of the key check: says which origin may read the
     * response, and answers a preflight (which carries no key) itself.
     */
    void handle(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        if (!allowed) {
            if (ctx.method() == HandlerType.OPTIONS) {
                throw new ApiException(ErrorCode.CROSS_ORIGIN, "requests from another site are not accepted");
            }
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
        if (ctx.method() == HandlerType.OPTIONS) {
            ctx.header("Access-Control-Allow-Methods", "GET, POST");
            // OpenAI's own JS client sends headers of its own (x-stainless-os, …): whatever the
            // preflight names is allowed, the key being what is checked.
            ctx.header("Access-Control-Allow-Headers", allowedHeaders(ctx.header("Access-Control-Request-Headers")));
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204);
            ctx.skipRemainingHandlers();
        }
    }
}
