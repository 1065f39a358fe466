package reportqa.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.text.TextCleaner;
import reportqa.server.answer.AskRequest;
import reportqa.server.answer.Turn;
import reportqa.server.config.ServerConfig;

/**
 * Reads the body of {@code POST /api/ask}, checking every field's type and range so that a bad
 * request gets a precise 4xx error instead of a stack trace.
 */
final class AskRequestParser {

    static final int MAX_QUESTION = AskRequest.MAX_QUESTION;
    static final int MAX_TURNS = AskRequest.MAX_TURNS;
    static final int MAX_TURN_LENGTH = AskRequest.MAX_TURN_LENGTH;

    private final ObjectMapper json;

    AskRequestParser(ObjectMapper json) {
        this.json = json;
    }

    AskRequest parse(String body, int defaultK) {
        JsonNode root = object(json, body, "{\"question\": \"…\"}");
        JsonNode q = root.get("question");
        if (q == null || q.isNull()) {
            throw new ApiException(ErrorCode.MISSING_FIELD, "question is required");
        }
        if (!q.isTextual()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "question must be a string");
        }
        return new AskRequest(
                question(q.asText()),
                history(root.get("history")),
                filters(root.get("filters")),
                k(root.get("k"), defaultK),
                Params.mode(optionalText(root, "mode")));
    }

    /**
     * A request body that must be one JSON object and nothing after it, or an {@code invalid_json}
     * error showing {@code example}.
     */
    static JsonNode object(ObjectMapper json, String body, String example) {
        JsonNode root;
        try {
            root = body == null || body.isBlank()
                    ? null
                    : json.reader()
                            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                            .readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the body must be a JSON object like " + example);
        }
        return root;
    }

    /** A question as typed, its invisible characters gone (zero-width spaces, controls, U+FFFD are nobody's question), checked. */
    static String question(String typed) {
        String question = TextCleaner.readable(typed);
        if (question.isEmpty()) {
            throw new ApiException(
                    ErrorCode.QUESTION_EMPTY, typed.isBlank() ? "question is empty" : "question has no readable text");
        }
        if (question.length() > MAX_QUESTION) {
            throw new ApiException(
                    ErrorCode.QUESTION_TOO_LONG,
                    "question has " + question.length() + " characters; at most " + MAX_QUESTION);
        }
        return question;
    }

    /** How many passages: {@code kn} checked, or {@code defaultK} when it is absent. */
    static int k(JsonNode kn, int defaultK) {
        if (kn == null || kn.isNull()) {
            return defaultK;
        }
        if (!kn.isIntegralNumber()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "k must be a whole number");
        }
        int k = kn.asInt();
        if (!kn.canConvertToInt() || k < 1 || k > ServerConfig.MAX_PASSAGES) {
            throw new ApiException(
                    ErrorCode.K_OUT_OF_RANGE,
                    "k must be between 1 and " + ServerConfig.MAX_PASSAGES + ", not " + kn.asText());
        }
        return k;
    }

    private static List<Turn> history(JsonNode h) {
        List<Turn> turns = new ArrayList<>();
        if (h == null || h.isNull()) {
            return turns;
        }
        if (!h.isArray()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "history must be an array of {\"role\", \"content\"}");
        }
        if (h.size() > MAX_TURNS) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "history has " + h.size() + " turns; at most " + MAX_TURNS);
        }
        for (JsonNode t : h) {
            if (!t.isObject()
                    || !t.path("role").isTextual()
                    || !t.path("content").isTextual()) {
                throw new ApiException(
                        ErrorCode.INVALID_FIELD,
                        "each history turn must be {\"role\": \"user\"|\"assistant\", \"content\": \"…\"}");
            }
            Turn.Role role = Turn.Role.parse(t.get("role").asText());
            if (role == null) {
                throw new ApiException(
                        ErrorCode.INVALID_FIELD,
                        "history role must be user or assistant, not '"
                                + t.get("role").asText() + "'");
            }
            String content = TextCleaner.readable(t.get("content").asText());
            if (content.length() > MAX_TURN_LENGTH) {
                throw new ApiException(
                        ErrorCode.INVALID_FIELD, "a history turn has more than " + MAX_TURN_LENGTH + " characters");
            }
            turns.add(new Turn(role, content));
        }
        return turns;
    }

    /** The filters object of a request ({@code brokers}, {@code from}, {@code to}, {@code reports}), checked. */
    static SearchFilters filters(JsonNode f) {
        if (f == null || f.isNull()) {
            return SearchFilters.NONE;
        }
        if (!f.isObject()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "filters must be an object");
        }
        return Params.filters(
                strings(f, "brokers"), optionalText(f, "from"), optionalText(f, "to"), strings(f, "reports"));
    }

    private static List<String> strings(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isTextual()) {
            out.add(n.asText());
            return out;
        }
        if (!n.isArray()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, field + " must be an array of strings");
        }
        for (JsonNode x : n) {
            if (!x.isTextual()) {
                throw new ApiException(ErrorCode.INVALID_FIELD, field + " must be an array of strings");
            }
            out.add(x.asText());
        }
        return out;
    }

    static String optionalText(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, field + " must be a string");
        }
        return n.asText();
    }
}
