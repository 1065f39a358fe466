package reportqa.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import reportqa.server.feedback.Feedback;
import reportqa.server.feedback.FeedbackLog;

/**
 * {@code POST /api/feedback} (a reader's verdict on an answer: helpful, wrong, or a wrong citation)
 * and {@code GET /api/feedback} (the latest verdicts). Thin: checks the fields and their sizes, the
 * log keeps them.
 */
final class FeedbackHandler {

    /** Most characters of the question kept with a verdict (a question has at most 2,000). */
    static final int MAX_QUESTION = 4_000;
    /** Most characters of the answer kept with a verdict (the page sends at most 12,000; a body is at most 64 KB). */
    static final int MAX_ANSWER = 16_000;
    /** Most characters of a reader's comment. */
    static final int MAX_COMMENT = 2_000;
    /** Most citations kept with a verdict. */
    static final int MAX_CITATIONS = 100;
    /** Most verdicts read back at once. */
    static final int MAX_LIMIT = 1_000;

    private final FeedbackLog log;
    private final ObjectMapper json;

    FeedbackHandler(FeedbackLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
    }

    void add(Context ctx) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(RequestBodies.json(ctx));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the body must be a JSON object");
        }
        Feedback.Verdict verdict = verdict(body.path("verdict").asText(""));
        String question = text(body, "question", MAX_QUESTION, true);
        String answer = text(body, "answer", MAX_ANSWER, false);
        String comment = text(body, "comment", MAX_COMMENT, false);
        JsonNode cited = body.path("citations");
        if (!cited.isMissingNode() && !cited.isNull() && !cited.isArray()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "'citations' must be a list");
        }
        if (cited.size() > MAX_CITATIONS) {
            throw new ApiException(ErrorCode.INVALID_FIELD, cited.size() + " citations; at most " + MAX_CITATIONS);
        }
        List<Feedback.Cited> citations = new ArrayList<>();
        for (JsonNode c : cited) {
            citations.add(new Feedback.Cited(
                    c.path("n").asInt(0),
                    bounded(c.path("reportId").asText(""), 200),
                    bounded(c.path("passageId").asText(""), 300)));
        }
        Feedback kept;
        try {
            kept = log.add(new Feedback(
                    "",
                    "",
                    verdict,
                    question,
                    answer,
                    comment,
                    citations,
                    bounded(body.path("mode").asText(""), 20),
                    bounded(body.path("model").asText(""), 200)));
        } catch (FeedbackLog.FullException e) {
            throw new ApiException(ErrorCode.FEEDBACK_FULL, e.getMessage());
        }
        ctx.status(201).json(kept);
    }

    void list(Context ctx) throws IOException {
        int limit = 100;
        String asked = ctx.queryParam("limit");
        if (asked != null) {
            try {
                limit = Integer.parseInt(asked.strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "'limit' must be 1 to " + MAX_LIMIT + ", not " + asked);
            }
        }
        String v = ctx.queryParam("verdict");
        Feedback.Verdict only = v == null || v.isBlank() ? null : verdict(v.strip());
        ctx.json(Map.of("feedback", log.latest(limit, f -> only == null || f.verdict() == only)));
    }

    private static Feedback.Verdict verdict(String v) {
        try {
            return Feedback.Verdict.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    ErrorCode.INVALID_FIELD,
                    "'verdict' must be one of " + Arrays.toString(Feedback.Verdict.values()) + ", not '"
                            + bounded(v, 40) + "'");
        }
    }

    private static String text(JsonNode body, String field, int max, boolean required) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                throw new ApiException(ErrorCode.MISSING_FIELD, "'" + field + "' is missing");
            }
            return "";
        }
        if (!n.isTextual()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "'" + field + "' must be text");
        }
        String s = n.asText();
        if (required && s.isBlank()) {
            throw new ApiException(ErrorCode.MISSING_FIELD, "'" + field + "' is empty");
        }
        if (s.length() > max) {
            throw new ApiException(
                    ErrorCode.INVALID_FIELD, "'" + field + "' has " + s.length() + " characters; at most " + max);
        }
        return s;
    }

    private static String bounded(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
