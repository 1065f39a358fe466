package reportqa.server.http;

import java.util.Arrays;
import java.util.List;

/** The models {@code /v1} offers: each a way of answering from the library. */
enum OpenAiModel {
    /** The configured language model when there is one, else the extractive answer (as the chat page). */
    REPORTQA("reportqa"),
    /** Always the extractive answer: sentences quoted from the reports, never a model's words. */
    EXTRACTIVE("reportqa-extractive");

    private final String id;

    OpenAiModel(String id) {
        this.id = id;
    }

    /** The name a client sends as {@code model}. */
    String id() {
        return id;
    }

    /** Every model's name. */
    static List<String> ids() {
        return Arrays.stream(values()).map(OpenAiModel::id).toList();
    }

    /** The model named {@code id}, or null. */
    static OpenAiModel of(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst().orElse(null);
    }
}
