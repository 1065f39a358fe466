package reportqa.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;
import reportqa.server.config.ConfigException;
import reportqa.server.config.ConfigKey;
import reportqa.server.config.ServerConfig;

/**
 * Every setting as a flag. A flag given wins over the environment variable, which wins over
 * {@code reportqa.properties}, which wins over the default (see the README's table).
 */
public final class ConfigOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file (default: ./reportqa.properties if present).")
    Path configFile;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Data folder: indexes and the embedding cache (default: data).")
    String data;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Folder of report .txt files (default: corpus).")
    String corpus;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port; 0 = any free port (default: 7070).")
    String port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default: 127.0.0.1).")
    String host;

    @Option(
            names = "--llm-provider",
            paramLabel = "NAME",
            description = "none, openai (any OpenAI-compatible server) or ollama (default: none).")
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

    @Option(
            names = {"-v", "--verbose"},
            description = "Log everything at info level (start-up, index updates, requests).")
    void verbose(boolean on) {
        if (on) {
            Logging.level("info");
        }
    }

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            description = "Log level: trace, debug, info, warn (default), error, off.")
    void logLevel(String level) {
        Logging.level(level);
    }

    /** The settings these flags, the environment and the properties file give. */
    public ServerConfig load() {
        Map<ConfigKey, String> o = new EnumMap<>(ConfigKey.class);
        put(o, ConfigKey.DATA_DIR, data);
        put(o, ConfigKey.CORPUS_DIR, corpus);
        put(o, ConfigKey.PORT, port);
        put(o, ConfigKey.HOST, host);
        put(o, ConfigKey.LLM_PROVIDER, provider);
        put(o, ConfigKey.LLM_BASE_URL, baseUrl);
        put(o, ConfigKey.LLM_MODEL, model);
        put(o, ConfigKey.LLM_API_KEY, apiKey);
        put(o, ConfigKey.LLM_TEMPERATURE, temperature);
        put(o, ConfigKey.LLM_TIMEOUT_SECONDS, timeout);
        put(o, ConfigKey.PASSAGES_PER_ANSWER, passages);
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new ConfigException("--config " + configFile + ": no such file");
        }
        Path file = configFile != null ? configFile : Path.of(ServerConfig.PROPERTIES_FILE);
        return ServerConfig.load(o, System.getenv(), file);
    }

    private static void put(Map<ConfigKey, String> o, ConfigKey k, String v) {
        if (v != null) {
            o.put(k, v);
        }
    }
}
