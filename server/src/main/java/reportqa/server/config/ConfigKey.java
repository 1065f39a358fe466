package reportqa.server.config;

/**
 * Every setting: its key in {@code reportqa.properties}, its environment variable, its default and
 * what it means. The README's configuration table lists exactly these.
 */
public enum ConfigKey {
    PORT("port", "REPORTQA_PORT", "7070", "HTTP port; 0 picks a free one"),
    HOST("host", "REPORTQA_HOST", "127.0.0.1", "Address to bind"),
    DATA_DIR("data", "REPORTQA_DATA", "data", "Folder for indexes and the embedding cache"),
    CORPUS_DIR("corpus", "REPORTQA_CORPUS", "corpus", "Folder of report .txt files"),
    LLM_PROVIDER("llm.provider", "REPORTQA_LLM_PROVIDER", "none", "none (extractive answers), openai (any OpenAI-compatible server) or ollama"),
    LLM_BASE_URL("llm.baseUrl", "REPORTQA_LLM_BASE_URL", "", "Base URL of the model server, e.g. https://api.deepseek.com/v1 or http://localhost:11434"),
    LLM_MODEL("llm.model", "REPORTQA_LLM_MODEL", "", "Model name, e.g. deepseek-chat, qwen-plus, llama3.1"),
    LLM_API_KEY("llm.apiKey", "REPORTQA_LLM_API_KEY", "", "API key (never logged or returned)"),
    LLM_TEMPERATURE("llm.temperature", "REPORTQA_LLM_TEMPERATURE", "0.1", "Sampling temperature, 0..2"),
    LLM_TIMEOUT_SECONDS("llm.timeoutSeconds", "REPORTQA_LLM_TIMEOUT_SECONDS", "60", "Longest wait for a whole answer before falling back to extractive"),
    PASSAGES_PER_ANSWER("answer.passages", "REPORTQA_ANSWER_PASSAGES", "6", "Passages given to the answer (the request's k overrides)");

    private final String key;
    private final String env;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String env, String defaultValue, String description) {
        this.key = key;
        this.env = env;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String env() {
        return env;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Whether the value is a secret that must never be printed. */
    public boolean secret() {
        return this == LLM_API_KEY;
    }
}
