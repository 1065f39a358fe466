package reportqa.server.http;

/** The body of every error response: {@code {"error": {"code": "…", "message": "…"}}}. */
public record ApiError(Detail error) {

    /** What went wrong. */
    public record Detail(String code, String message) {}

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(new Detail(code.key(), message));
    }
}
