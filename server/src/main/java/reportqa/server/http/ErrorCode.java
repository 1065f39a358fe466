package reportqa.server.http;

import java.util.Locale;

/** The {@code code} of a JSON error, with its HTTP status. */
public enum ErrorCode {
    BAD_REQUEST(400),
    INVALID_PATH(400),
    INVALID_JSON(400),
    INVALID_FIELD(400),
    MISSING_FIELD(400),
    QUESTION_EMPTY(400),
    QUESTION_TOO_LONG(400),
    BAD_DATE(400),
    K_OUT_OF_RANGE(400),
    UNKNOWN_MODE(400),
    MODEL_NOT_FOUND(404),
    UNKNOWN_REPORT(404),
    NO_PDF(404),
    UNKNOWN_BROKER(404),
    NO_REPORT_IN_RANGE(404),
    NOT_FOUND(404),
    UNAUTHORIZED(401),
    HOST_NOT_ALLOWED(403),
    CROSS_ORIGIN(403),
    METHOD_NOT_ALLOWED(405),
    REQUEST_TIMEOUT(408),
    URI_TOO_LONG(414),
    HEADERS_TOO_LARGE(431),
    UNSUPPORTED_MEDIA_TYPE(415),
    BODY_TOO_LARGE(413),
    RATE_LIMITED(429),
    INTERNAL(500),
    OVERLOADED(503),
    SEARCH_UNAVAILABLE(503),
    FEEDBACK_FULL(507),
    SHUTTING_DOWN(503),
    STARTING(503),
    HTTP_VERSION_NOT_SUPPORTED(505);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The code for an HTTP status that carries no code of its own (Jetty's refusals, Javalin's
     * exceptions): the one code of that status, else {@code otherwise} for a 4xx and {@code internal}
     * for a 5xx.
     */
    static ErrorCode forStatus(int status, ErrorCode otherwise) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 408 -> REQUEST_TIMEOUT;
            case 413 -> BODY_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADERS_TOO_LARGE;
            case 505 -> HTTP_VERSION_NOT_SUPPORTED;
            default -> status >= 500 ? INTERNAL : otherwise;
        };
    }

    /** As sent: {@code question_empty}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
