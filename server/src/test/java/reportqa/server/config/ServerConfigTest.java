package reportqa.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {

    @Test
    void defaults() {
        ServerConfig c = ServerConfig.defaults();
        assertEquals(7070, c.port());
        assertEquals("127.0.0.1", c.host());
        assertEquals(LlmProvider.NONE, c.provider());
        assertEquals(Duration.ofSeconds(60), c.timeout());
        assertEquals(6, c.passagesPerAnswer());
        assertFalse(c.llmEnabled());
        assertFalse(c.access().keyed());
        assertFalse(c.access().allowOpen());
        assertEquals(120, c.access().answersPerMinute());
        assertEquals(600, c.access().requestsPerMinute());
        assertTrue(c.watchCorpus(), "serve watches the corpus folder unless told not to");
        assertFalse(ServerConfig.load(Map.of(ConfigKey.WATCH_CORPUS, "false"), Map.of(), null)
                .watchCorpus());
        assertFalse(c.withWatchCorpus(false).watchCorpus());
        // Answers at once suit their kind: a model is waited for, extractive answers are CPU work.
        assertEquals(Capacity.AUTO_SLOTS, c.capacity().answersAtOnce());
        assertEquals(64, c.capacity().answerSlots(true));
        assertEquals(
                4 * Runtime.getRuntime().availableProcessors(), c.capacity().answerSlots(false));
        Capacity set = ServerConfig.load(Map.of(ConfigKey.ANSWERS_AT_ONCE, "12"), Map.of(), null)
                .capacity();
        assertEquals(12, set.answerSlots(false));
        assertEquals(12, set.answerSlots(true));
        assertEquals(
                Capacity.AUTO_SLOTS,
                ServerConfig.load(Map.of(ConfigKey.ANSWERS_AT_ONCE, "AUTO"), Map.of(), null)
                        .capacity()
                        .answersAtOnce());
        assertEquals(8, c.capacity().searchesAtOnce());
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsThePropertiesFile(@TempDir Path dir) throws Exception {
        Path props = dir.resolve("reportqa.properties");
        Files.writeString(
                props,
                "port=8000\nhost=0.0.0.0\nllm.provider=ollama\nllm.model=qwen2\nanswer.passages=4\n"
                        + "limit.searchesAtOnce=3\n");
        ServerConfig c = ServerConfig.load(
                Map.of(ConfigKey.PORT, "9000"), Map.of("REPORTQA_PORT", "8500", "REPORTQA_HOST", "::1"), props);
        assertEquals(9000, c.port());
        assertEquals("::1", c.host());
        assertEquals(LlmProvider.OLLAMA, c.provider());
        assertEquals("qwen2", c.model());
        assertEquals(4, c.passagesPerAnswer());
        assertEquals(3, c.capacity().searchesAtOnce());
    }

    @Test
    void badValuesAreRejectedWithTheSettingNamed() {
        assertMessage(Map.of(ConfigKey.PORT, "seventy"), "port");
        assertMessage(Map.of(ConfigKey.PORT, "70000"), "port");
        assertMessage(Map.of(ConfigKey.LLM_PROVIDER, "gpt"), "llm.provider");
        assertMessage(Map.of(ConfigKey.LLM_PROVIDER, "openai"), "llm.model");
        assertMessage(Map.of(ConfigKey.LLM_PROVIDER, "openai", ConfigKey.LLM_MODEL, "m"), "llm.baseUrl");
        assertMessage(
                Map.of(ConfigKey.LLM_PROVIDER, "openai", ConfigKey.LLM_MODEL, "m", ConfigKey.LLM_BASE_URL, "ftp://x"),
                "llm.baseUrl");
        assertMessage(Map.of(ConfigKey.LLM_TEMPERATURE, "3"), "llm.temperature");
        assertMessage(Map.of(ConfigKey.LLM_TIMEOUT_SECONDS, "0"), "llm.timeoutSeconds");
        assertMessage(Map.of(ConfigKey.PASSAGES_PER_ANSWER, "50"), "answer.passages");
        assertMessage(Map.of(ConfigKey.ALLOW_OPEN, "yes"), "server.allowOpen");
        assertMessage(Map.of(ConfigKey.WATCH_CORPUS, "sometimes"), "corpus.watch");
        assertMessage(Map.of(ConfigKey.ANSWERS_PER_MINUTE, "-1"), "limit.answersPerMinute");
        assertMessage(Map.of(ConfigKey.REQUESTS_PER_MINUTE, "many"), "limit.requestsPerMinute");
        assertMessage(Map.of(ConfigKey.SHUTDOWN_GRACE_SECONDS, "-1"), "server.shutdownGraceSeconds");
        assertMessage(Map.of(ConfigKey.SHUTDOWN_GRACE_SECONDS, "soon"), "server.shutdownGraceSeconds");
        assertMessage(Map.of(ConfigKey.ANSWERS_AT_ONCE, "0"), "limit.answersAtOnce");
        assertMessage(Map.of(ConfigKey.SEARCHES_AT_ONCE, "-2"), "limit.searchesAtOnce");
        assertMessage(Map.of(ConfigKey.SEARCHES_AT_ONCE, "lots"), "limit.searchesAtOnce");
        assertEquals(java.time.Duration.ofSeconds(10), ServerConfig.defaults().shutdownGrace());
    }

    private static void assertMessage(Map<ConfigKey, String> overrides, String setting) {
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.load(overrides, Map.of(), null));
        assertTrue(e.getMessage().contains(setting), e.getMessage());
    }

    @Test
    void theApiKeyIsNeverPrinted() {
        ServerConfig c = ServerConfig.load(
                Map.of(
                        ConfigKey.LLM_PROVIDER,
                        "openai",
                        ConfigKey.LLM_MODEL,
                        "gpt-4o-mini",
                        ConfigKey.LLM_API_KEY,
                        "sk-very-secret"),
                Map.of(),
                null);
        assertFalse(c.toString().contains("sk-very-secret"));
        assertTrue(c.toString().contains("apiKey=(set)"));
    }

    @Test
    void apiKeysAreSeveralCommaSeparatedAndNeverPrinted(@TempDir Path dir) throws Exception {
        String first = "first-key-0123456789";
        String second = "second-key-0123456789";
        Path props = dir.resolve("reportqa.properties");
        Files.writeString(props, "api.keys=" + first + "\nserver.allowOpen=TRUE\n");
        ServerConfig fromFile = ServerConfig.load(Map.of(), Map.of(), props);
        assertEquals(1, fromFile.access().keys().size());
        assertTrue(fromFile.access().allowOpen());
        ServerConfig c = ServerConfig.load(
                Map.of(),
                Map.of("REPORTQA_API_KEYS", " " + first + " ,, " + second + ",", "REPORTQA_ALLOW_OPEN", "false"),
                props);
        ApiKeys keys = c.access().keys();
        assertEquals(2, keys.size());
        assertEquals(0, keys.match(first));
        assertEquals(1, keys.match(second));
        assertEquals(-1, keys.match(first + "x"));
        assertEquals(-1, keys.match(first.substring(1)));
        assertEquals(-1, keys.match(""));
        assertEquals(-1, keys.match(null));
        assertFalse(c.access().allowOpen(), "the variable beats the file");
        String printed = c.toString() + c.access() + keys;
        assertFalse(printed.contains(first) || printed.contains(second), printed);
        assertTrue(c.toString().contains("keys=(2 keys)"), c.toString());
        assertEquals(ApiKeys.NONE, ApiKeys.parse(" , "));
    }

    @Test
    void aShortOrSpacedKeyIsRefusedWithoutBeingEchoed() {
        for (String bad : new String[] {"short-key", "a key with spaces in it"}) {
            ConfigException e = assertThrows(
                    ConfigException.class,
                    () -> ServerConfig.load(
                            Map.of(), Map.of("REPORTQA_API_KEYS", "long-enough-key-0001," + bad), null));
            assertTrue(e.getMessage().startsWith("api.keys (REPORTQA_API_KEYS): key 2 "), e.getMessage());
            assertFalse(e.getMessage().contains(bad), e.getMessage());
        }
    }
}
