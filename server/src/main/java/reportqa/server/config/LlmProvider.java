package reportqa.server.config;

import java.util.Locale;

/** Which language model answers, if any. */
public enum LlmProvider {
    /** No model: extractive answers from the retrieved sentences. */
    NONE,
    /** Any server speaking the OpenAI chat completions API (OpenAI, DeepSeek, Qwen, vLLM, llama.cpp, LM Studio). */
    OPENAI,
    /** An Ollama server. */
    OLLAMA;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LlmProvider parse(String s) {
        for (LlmProvider p : values()) {
            if (p.key().equalsIgnoreCase(s.strip())) {
                return p;
            }
        }
        throw new ConfigException(ConfigKey.LLM_PROVIDER.key() + " must be none, openai or ollama, not '" + s + "'");
    }
}
