package reportqa.server.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import reportqa.server.config.Access;
import reportqa.server.config.ApiKeys;

/**
 * Who is asking and whether they may (issue #9, item 10), before every {@code /api} request:
 *
 * <ul>
 *   <li>every request counts against its client's request limit, and a question (ask, stream) against
 *       its question limit too; beyond either it is a 429 with {@code Retry-After};
 *   <li>when API keys are set, a request without a valid {@code Authorization: Bearer KEY} is a 401
 *       with {@code WWW-Authenticate: Bearer}, except {@code /api/health}, which then says only
 *       whether the service is up ({@link #trusted}).
 * </ul>
 *
 * <p>The client is the key when a valid one is sent (wherever the request comes from), else its
 * address ({@link ClientAddress}: an IPv6 client's /64, the forwarded-for address behind a trusted
 * proxy); so a request with a wrong key counts against its address before it is refused, and
 * guessing keys is limited like anything else. The keys are those valid at the time of the request
 * (a key file is read again when it changes).
 */
final class AccessControl {

    /** The challenge of a 401 (RFC 6750). */
    static final String CHALLENGE = "Bearer realm=\"reportqa\"";

    private static final String TRUSTED = "reportqa.trusted";
    private static final String CLIENT = "reportqa.client";
    private static final String BEARER = "bearer ";

    private final Access access;
    private final RateLimiter requests;
    private final RateLimiter questions;

    AccessControl(Access access) {
        this.access = access;
        this.requests = limiter(access.requestsPerMinute());
        this.questions = limiter(access.answersPerMinute());
    }

    private static RateLimiter limiter(int perMinute) {
        return perMinute == 0 ? null : new RateLimiter(perMinute);
    }

    /** Before every {@code /api} request: counts it, then refuses it without a valid key (unless it asks for health). */
    void check(Context ctx) {
        check(ctx.req(), ctx.res());
    }

    /**
     * As {@link #check(Context)}, for a request served outside Javalin (the MCP endpoint's servlet):
     * the refusal's headers are set on {@code res}, its status and message are the exception's.
     */
    void check(HttpServletRequest req, HttpServletResponse res) {
        String presented = bearer(req.getHeader("Authorization"));
        ApiKeys keys = access.currentKeys();
        int key = keys.isEmpty() ? -1 : keys.match(presented);
        // Keys are told apart by their place in the list: the key itself is kept nowhere.
        String client = key >= 0 ? "key " + (key + 1) : address(req);
        req.setAttribute(CLIENT, client);
        limit(res, requests, client, "requests");
        boolean trusted = !access.keyed() || key >= 0;
        req.setAttribute(TRUSTED, trusted);
        if (trusted || isHealth(req.getRequestURI())) {
            return;
        }
        if (presented == null) {
            res.setHeader("WWW-Authenticate", CHALLENGE);
            throw new ApiException(
                    ErrorCode.UNAUTHORIZED, "this server needs an API key: send it as Authorization: Bearer <key>");
        }
        res.setHeader("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
        throw new ApiException(ErrorCode.UNAUTHORIZED, "the API key is not valid");
    }

    /** Before a question (ask and stream), after {@link #check}: counts it against its client's question limit. */
    void checkQuestion(Context ctx) {
        limit(ctx.res(), questions, client(ctx.req()), "questions");
    }

    /**
     * Counts a question asked by the client {@link #check} named ({@link #client}) against its question
     * limit: a question that does not come as a request of its own (an MCP tool call) counts as one.
     *
     * @return how many seconds the client must wait before it may ask again, 0 when it may ask now
     */
    long questionWait(String client) {
        return questions == null ? 0 : questions.acquire(client);
    }

    /** The client a request checked by {@link #check} is (its key's place, or its address). */
    String client(HttpServletRequest req) {
        Object client = req.getAttribute(CLIENT);
        return client == null ? address(req) : client.toString();
    }

    private String address(HttpServletRequest req) {
        Enumeration<String> forwarded = req.getHeaders("X-Forwarded-For");
        return ClientAddress.of(
                req.getRemoteAddr(),
                forwarded == null ? List.of() : Collections.list(forwarded),
                access.trustedProxies());
    }

    /** Whether the request may see everything: no keys are set, or it carries a valid one. */
    boolean trusted(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(TRUSTED));
    }

    private static void limit(HttpServletResponse res, RateLimiter limiter, String client, String what) {
        if (limiter == null) {
            return;
        }
        long wait = limiter.acquire(client);
        if (wait > 0) {
            res.setHeader("Retry-After", String.valueOf(wait));
            throw new ApiException(
                    ErrorCode.RATE_LIMITED,
                    "too many " + what + " from this client (at most " + limiter.perMinute()
                            + " a minute); try again in " + wait + " s");
        }
    }

    /** The key of an {@code Authorization: Bearer KEY} header, or null for none or another scheme. */
    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        if (a.length() <= BEARER.length()
                || !a.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        return a.substring(BEARER.length()).strip();
    }

    /** Whether a path is the health endpoint, which stays open (Javalin ignores trailing slashes, so does this). */
    private static boolean isHealth(String path) {
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals("/api/health");
    }
}
