package reportqa.server.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks on every {@code /api} request before a handler runs, against tricks of the network rather
 * than mistakes in a request's content:
 *
 * <ul>
 *   <li>a path with broken percent-escapes ({@code %u002e}) is a 400, not a decoder's exception;
 *   <li>a server on a loopback address answers only requests addressed to a loopback name, so a web
 *       page whose domain is made to resolve to 127.0.0.1 (DNS rebinding) cannot read its API;
 *   <li>a request that changes something ({@code POST}, {@code PUT}, {@code DELETE}) from another
 *       origin (another site's form or script) is refused: a question could spend a model call on
 *       the user's account, an upload or a deletion change the library.
 * </ul>
 */
public final class RequestGuard {

    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private final boolean loopbackOnly;
    private final boolean crossOrigin;

    /** @param bindHost the address the server listens on */
    RequestGuard(String bindHost) {
        this(bindHost, false);
    }

    /**
     * @param bindHost the address the server listens on
     * @param crossOrigin whether other sites may send requests that change something (the
     *     OpenAI-compatible API when keys are set: {@link OpenAiCors})
     */
    RequestGuard(String bindHost, boolean crossOrigin) {
        this.loopbackOnly = isLoopback(bindHost);
        this.crossOrigin = crossOrigin;
    }

    void check(Context ctx) {
        check(ctx.req());
    }

    /** As {@link #check(Context)}, for a request served outside Javalin (the MCP endpoint's servlet). */
    void check(HttpServletRequest req) {
        String uri = req.getRequestURI();
        if (uri != null && BAD_ESCAPE.matcher(uri).find()) {
            throw new ApiException(ErrorCode.INVALID_PATH, "the path has a broken percent-escape");
        }
        String host = hostName(req.getHeader("Host"));
        if (loopbackOnly && !isLoopback(host)) {
            throw new ApiException(
                    ErrorCode.HOST_NOT_ALLOWED, "this server answers requests to localhost only, not to " + host);
        }
        String origin = req.getHeader("Origin");
        if (origin != null
                && !crossOrigin
                && !req.getMethod().equals("GET")
                && !req.getMethod().equals("HEAD")
                && !sameOrigin(origin, req.getHeader("Host"))) {
            throw new ApiException(ErrorCode.CROSS_ORIGIN, "requests from another site are not accepted");
        }
    }

    /** Whether an Origin header names the host (and port) the request was sent to. */
    private static boolean sameOrigin(String origin, String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        try {
            URI o = URI.create(origin.strip());
            if (o.getHost() == null) {
                return false;
            }
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            String h = hostHeader.strip().toLowerCase(Locale.ROOT);
            String a = authority.toLowerCase(Locale.ROOT);
            // A default port (80, or 443 for https) may be left out of either header.
            String port = "https".equalsIgnoreCase(o.getScheme()) ? ":443" : ":80";
            return h.equals(a) || h.equals(a + port) || a.equals(h + port);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The host name of a Host header ({@code localhost:7070} → {@code localhost}, {@code [::1]:80} → {@code ::1}). */
    static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon < 0 || h.indexOf(':', colon + 1) >= 0 ? h : h.substring(0, colon);
    }

    /** Whether a host name or address is this machine's loopback (localhost, 127.x, ::1). */
    public static boolean isLoopback(String host) {
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.startsWith("127.")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }
}
