package reportqa.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import reportqa.server.answer.Answer;

/**
 * The bodies of the OpenAI-compatible API ({@code /v1}) as OpenAI writes them (snake_case), each
 * answer with the whole {@link Answer} in the extension field {@code reportqa}: its citations and
 * sources, which a client that knows them can show as the chat page does.
 */
final class OpenAiWire {

    private OpenAiWire() {}

    /** {@code GET /v1/models}. */
    record ModelList(String object, List<Model> data) {
        ModelList(List<Model> data) {
            this("list", data);
        }
    }

    /** One model a client may name. */
    record Model(
            String id,
            String object,
            long created,
            @JsonProperty("owned_by") String ownedBy) {
        Model(String id, long created) {
            this(id, "model", created, "reportqa");
        }
    }

    /** A whole answer: {@code POST /v1/chat/completions} without {@code stream}. */
    record Completion(
            String id, String object, long created, String model, List<Choice> choices, Usage usage, Answer reportqa) {}

    /** The answer's one choice. */
    record Choice(
            int index,
            Message message,
            @JsonProperty("finish_reason") String finishReason) {}

    /** The assistant's message: the answer's text with its footnotes. */
    record Message(String role, String content) {}

    /**
     * One piece of a streamed answer. The piece that ends it carries {@code finish_reason} and the
     * whole answer in {@code reportqa}; a client that asked for usage gets one more piece with no
     * choices and {@code usage} (and {@code reportqa} again: it is then the last).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Chunk(
            String id,
            String object,
            long created,
            String model,
            List<ChunkChoice> choices,
            Usage usage,
            Answer reportqa) {}

    /** A piece's choice: what the text grew by. */
    record ChunkChoice(
            int index,
            Delta delta,
            @JsonProperty("finish_reason") String finishReason) {}

    /** What a piece adds to the message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(String role, String content) {}

    /**
     * Tokens: not counted (the answer is made by retrieval and, perhaps, a model whose own count is
     * not passed on), so always zero rather than a guess.
     */
    record Usage(
            @JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens) {
        static final Usage NOT_COUNTED = new Usage(0, 0, 0);
    }

    /** An error as OpenAI's clients read it. */
    record Error(Detail error) {}

    /**
     * @param message what went wrong
     * @param type OpenAI's kind of error ({@code invalid_request_error}, {@code authentication_error}, …)
     * @param param the request field at fault, or null
     * @param code this API's code ({@code question_empty}, {@code model_not_found}, …)
     */
    record Detail(String message, String type, String param, String code) {}
}
