package reportqa.server.answer.generate;

import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import reportqa.server.config.ServerConfig;

/** Builds the LangChain4j models the configuration asks for (no retries: the answer's deadline is the wait). */
public final class ModelFactory {

    private static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";

    /**
     * Most tokens a reply may have. A cited answer of a few sentences needs a few hundred; a model
     * that runs on is cut here (and, should a server ignore it, by {@link ModelAnswerer#MAX_REPLY_CHARS}).
     */
    public static final int MAX_TOKENS = 1024;

    private ModelFactory() {}

    /** The configured model, or null when the provider is {@code none}. */
    public static ChatModels create(ServerConfig c) {
        return switch (c.provider()) {
            case NONE -> null;
            case OPENAI ->
                new ChatModels(
                        OpenAiChatModel.builder()
                                .baseUrl(c.baseUrl().isBlank() ? null : c.baseUrl())
                                .apiKey(c.apiKey().isBlank() ? "not-needed" : c.apiKey())
                                .modelName(c.model())
                                .temperature(c.temperature())
                                .maxTokens(MAX_TOKENS)
                                .timeout(c.timeout())
                                // LangChain4j retries 3 times by default: the answer would wait four
                                // timeouts before falling back. One try, then extractive.
                                .maxRetries(0)
                                .build(),
                        OpenAiStreamingChatModel.builder()
                                // A stream that sends nothing for the timeout is closed, headers or not.
                                .httpClientBuilder(IdleClosingHttpClient.builder())
                                .baseUrl(c.baseUrl().isBlank() ? null : c.baseUrl())
                                .apiKey(c.apiKey().isBlank() ? "not-needed" : c.apiKey())
                                .modelName(c.model())
                                .temperature(c.temperature())
                                .maxTokens(MAX_TOKENS)
                                .timeout(c.timeout())
                                .build(),
                        c.model());
            case OLLAMA ->
                new ChatModels(
                        OllamaChatModel.builder()
                                .baseUrl(c.baseUrl().isBlank() ? OLLAMA_DEFAULT_URL : c.baseUrl())
                                .modelName(c.model())
                                .temperature(c.temperature())
                                .numPredict(MAX_TOKENS)
                                .timeout(c.timeout())
                                .maxRetries(0)
                                .build(),
                        OllamaStreamingChatModel.builder()
                                .httpClientBuilder(IdleClosingHttpClient.builder())
                                .baseUrl(c.baseUrl().isBlank() ? OLLAMA_DEFAULT_URL : c.baseUrl())
                                .modelName(c.model())
                                .temperature(c.temperature())
                                .numPredict(MAX_TOKENS)
                                .timeout(c.timeout())
                                .build(),
                        c.model());
        };
    }
}
