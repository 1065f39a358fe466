package reportqa.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.text.TextCleaner;
import reportqa.server.answer.AskRequest;
import reportqa.server.answer.Turn;

/**
 * Reads an OpenAI chat request ({@code POST /v1/chat/completions}) as a question: the last message
 * is the question, the user and assistant messages before it the conversation. A client's system
 * messages are not followed (answers keep to the reports whatever a client asks for) and tool
 * messages are not read. Filters, passages and the retrieval mode come in the extension field
 * {@code reportqa} ({@code {"filters": {"brokers": […], "from": …, "to": …, "reports": […]}, "k": 8,
 * "mode": "hybrid"}}), checked as {@code /api/ask} checks them. Other OpenAI fields (temperature,
 * max_tokens, …) do not apply to an answer from the reports and are ignored.
 */
final class OpenAiRequests {

    /** Most messages a request may carry; a conversation longer than {@link AskRequest#MAX_TURNS} keeps its last turns. */
    static final int MAX_MESSAGES = 1000;

    /** A chat request read. */
    record ChatRequest(OpenAiModel model, AskRequest ask, boolean stream, boolean includeUsage) {}

    private final ObjectMapper json;

    OpenAiRequests(ObjectMapper json) {
        this.json = json;
    }

    ChatRequest parse(String body, int defaultK) {
        JsonNode root = AskRequestParser.object(
                json, body, "{\"model\": \"reportqa\", \"messages\": [{\"role\": \"user\", \"content\": \"…\"}]}");
        OpenAiModel model = model(root.get("model"));
        List<Turn> turns = messages(root.get("messages"));
        Turn last = turns.get(turns.size() - 1);
        List<Turn> history = turns.subList(Math.max(0, turns.size() - 1 - AskRequest.MAX_TURNS), turns.size() - 1);
        JsonNode ext = root.get("reportqa");
        if (ext != null && !ext.isNull() && !ext.isObject()) {
            throw new ApiException(
                    ErrorCode.INVALID_FIELD, "reportqa must be an object like {\"filters\": {\"brokers\": [\"…\"]}}");
        }
        JsonNode extension = ext == null || ext.isNull() ? json.createObjectNode() : ext;
        SearchFilters filters = AskRequestParser.filters(extension.get("filters"));
        int k = AskRequestParser.k(extension.get("k"), defaultK);
        String mode = AskRequestParser.optionalText(extension, "mode");
        AskRequest ask =
                new AskRequest(AskRequestParser.question(last.content()), history, filters, k, Params.mode(mode));
        return new ChatRequest(model, ask, flag(root, "stream"), includeUsage(root.get("stream_options")));
    }

    private static OpenAiModel model(JsonNode m) {
        if (m == null || m.isNull()) {
            throw new ApiException(ErrorCode.MISSING_FIELD, "model is required: one of " + OpenAiModel.ids());
        }
        if (!m.isTextual()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "model must be a string");
        }
        OpenAiModel model = OpenAiModel.of(m.asText());
        if (model == null) {
            throw new ApiException(
                    ErrorCode.MODEL_NOT_FOUND,
                    "the model '" + TextCleaner.readable(m.asText()) + "' does not exist; one of " + OpenAiModel.ids());
        }
        return model;
    }

    /** The user and assistant turns, the last the user's question. */
    private static List<Turn> messages(JsonNode ms) {
        if (ms == null || ms.isNull()) {
            throw new ApiException(ErrorCode.MISSING_FIELD, "messages is required");
        }
        if (!ms.isArray() || ms.isEmpty()) {
            throw new ApiException(
                    ErrorCode.INVALID_FIELD, "messages must be a non-empty array of {\"role\", \"content\"}");
        }
        if (ms.size() > MAX_MESSAGES) {
            throw new ApiException(
                    ErrorCode.INVALID_FIELD, "messages has " + ms.size() + " messages; at most " + MAX_MESSAGES);
        }
        List<Turn> turns = new ArrayList<>();
        JsonNode last = ms.get(ms.size() - 1);
        for (JsonNode m : ms) {
            if (!m.isObject() || !m.path("role").isTextual()) {
                throw new ApiException(
                        ErrorCode.INVALID_FIELD, "each message must be {\"role\": \"…\", \"content\": …}");
            }
            String role = m.get("role").asText();
            switch (role) {
                case "user" -> turns.add(new Turn(Turn.Role.USER, content(m.get("content"), true, m == last)));
                case "assistant" -> turns.add(new Turn(Turn.Role.ASSISTANT, content(m.get("content"), false, false)));
                case "system", "developer", "tool", "function" -> {
                    // Not followed: see the class comment.
                }
                default ->
                    throw new ApiException(
                            ErrorCode.INVALID_FIELD,
                            "message role must be system, developer, user, assistant or tool, not '"
                                    + TextCleaner.readable(role) + "'");
            }
        }
        if (turns.isEmpty() || turns.get(turns.size() - 1).role() != Turn.Role.USER) {
            throw new ApiException(
                    ErrorCode.INVALID_FIELD, "the last user or assistant message must be the user's question");
        }
        return turns;
    }

    /**
     * A message's text: a string, or an array of parts of which the text ones are read. A user's
     * turn must be all text (an image or a file cannot be looked up in the reports). An earlier turn
     * is cut to {@link AskRequest#MAX_TURN_LENGTH}: a client sends the whole conversation every time,
     * its answers' footnotes too, and one long earlier message must not make every later question of
     * it a 400; the question itself is checked as {@code /api/ask} checks it.
     */
    private static String content(JsonNode c, boolean user, boolean question) {
        String text;
        if (c == null || c.isNull()) {
            text = "";
        } else if (c.isTextual()) {
            text = c.asText();
        } else if (c.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : c) {
                String type = part.path("type").asText();
                if (type.equals("text") && part.path("text").isTextual()) {
                    sb.append(sb.isEmpty() ? "" : "\n").append(part.get("text").asText());
                } else if (user) {
                    throw new ApiException(
                            ErrorCode.INVALID_FIELD,
                            "only text can be asked: a message part of type '" + TextCleaner.readable(type)
                                    + "' cannot be looked up in the reports");
                }
            }
            text = sb.toString();
        } else {
            throw new ApiException(
                    ErrorCode.INVALID_FIELD, "a message's content must be a string or an array of parts");
        }
        String readable = TextCleaner.readable(text);
        if (!question && readable.length() > AskRequest.MAX_TURN_LENGTH) {
            return readable.substring(0, AskRequest.MAX_TURN_LENGTH);
        }
        return readable;
    }

    private static boolean flag(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, field + " must be true or false");
        }
        return n.asBoolean();
    }

    private static boolean includeUsage(JsonNode options) {
        if (options == null || options.isNull()) {
            return false;
        }
        if (!options.isObject()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "stream_options must be an object");
        }
        return flag(options, "include_usage");
    }
}
