package reportqa.server.cli;

import java.util.Map;
import picocli.CommandLine.Option;
import reportqa.server.config.ConfigKey;

/** The answering model, for the commands that answer ({@code serve}, {@code ask}, {@code bench}). */
final class ModelOptions implements ConfigFlags {

    @Option(
            names = "--llm-provider",
            paramLabel = "NAME",
            description = "none (extractive answers), openai (any OpenAI-compatible server) or ollama (default: none).")
    String provider;

    @Option(names = "--llm-base-url", paramLabel = "URL", description = "Model server base URL.")
    String baseUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "Model name.")
    String model;

    @Option(
            names = "--llm-api-key",
            paramLabel = "KEY",
            description = "API key (prefer the REPORTQA_LLM_API_KEY variable: flags show in process lists).")
    String apiKey;

    @Option(names = "--llm-temperature", paramLabel = "T", description = "Sampling temperature (default: 0.1).")
    String temperature;

    @Option(
            names = "--llm-timeout",
            paramLabel = "SECONDS",
            description = "Longest wait for a model answer (default: 60).")
    String timeout;

    @Option(names = "--passages", paramLabel = "N", description = "Passages per answer (default: 6).")
    String passages;

    @Override
    public void addTo(Map<ConfigKey, String> o) {
        ConfigFlags.put(o, ConfigKey.LLM_PROVIDER, provider);
        ConfigFlags.put(o, ConfigKey.LLM_BASE_URL, baseUrl);
        ConfigFlags.put(o, ConfigKey.LLM_MODEL, model);
        ConfigFlags.put(o, ConfigKey.LLM_API_KEY, apiKey);
        ConfigFlags.put(o, ConfigKey.LLM_TEMPERATURE, temperature);
        ConfigFlags.put(o, ConfigKey.LLM_TIMEOUT_SECONDS, timeout);
        ConfigFlags.put(o, ConfigKey.PASSAGES_PER_ANSWER, passages);
    }
}
