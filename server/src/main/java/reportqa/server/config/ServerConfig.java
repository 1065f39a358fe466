package reportqa.server.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import reportqa.retrieval.solr.SolrCloudTarget;

/**
 * The server's settings, read once at start: command-line flags over environment variables over
 * {@code reportqa.properties} over defaults; validated with a message naming the bad setting.
 *
 * @param port HTTP port (0 = any free port)
 * @param host bind address
 * @param dataDir indexes and caches
 * @param corpusDir report files
 * @param provider which model answers
 * @param baseUrl model server URL (empty = the provider's default)
 * @param model model name
 * @param apiKey secret; never printed ({@link #toString()} masks it)
 * @param temperature sampling temperature
 * @param timeout longest wait for a model answer
 * @param passagesPerAnswer passages given to an answer by default
 * @param access API keys and per-client limits
 * @param shutdownGrace on stop, how long requests in flight may take to finish
 * @param capacity how many answers and searches are worked on at once
 * @param tls the key store for HTTPS, or null to serve plain HTTP
 * @param watchCorpus whether {@code serve} indexes report files added, changed or removed in the
 *     corpus folder while it runs
 * @param solrCloud the SolrCloud collection that keeps the library ({@code search.backend=solrcloud}),
 *     or null for the embedded index
 */
public record ServerConfig(
        int port,
        String host,
        Path dataDir,
        Path corpusDir,
        LlmProvider provider,
        String baseUrl,
        String model,
        String apiKey,
        double temperature,
        Duration timeout,
        int passagesPerAnswer,
        Access access,
        Duration shutdownGrace,
        Capacity capacity,
        Tls tls,
        boolean watchCorpus,
        SolrCloudTarget solrCloud) {

    /** The file read from the working folder when present. */
    public static final String PROPERTIES_FILE = "reportqa.properties";

    public static final int MAX_PASSAGES = 20;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new ConfigException(ConfigKey.PORT.key() + " must be 0..65535, not " + port);
        }
        if (temperature < 0 || temperature > 2) {
            throw new ConfigException(ConfigKey.LLM_TEMPERATURE.key() + " must be between 0 and 2, not " + temperature);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException(ConfigKey.LLM_TIMEOUT_SECONDS.key() + " must be positive");
        }
        if (passagesPerAnswer < 1 || passagesPerAnswer > MAX_PASSAGES) {
            throw new ConfigException(
                    ConfigKey.PASSAGES_PER_ANSWER.key() + " must be 1.." + MAX_PASSAGES + ", not " + passagesPerAnswer);
        }
        if (shutdownGrace.isNegative()) {
            throw new ConfigException(ConfigKey.SHUTDOWN_GRACE_SECONDS.key() + " must be 0 or more");
        }
        if (provider != LlmProvider.NONE && model.isBlank()) {
            throw new ConfigException(ConfigKey.LLM_MODEL.key() + " (" + ConfigKey.LLM_MODEL.env()
                    + ") is required when " + ConfigKey.LLM_PROVIDER.key() + " is " + provider.key());
        }
        if (provider == LlmProvider.OPENAI && baseUrl.isBlank() && apiKey.isBlank()) {
            throw new ConfigException(
                    "with " + ConfigKey.LLM_PROVIDER.key() + "=openai set " + ConfigKey.LLM_BASE_URL.key()
                            + " (a compatible server) or " + ConfigKey.LLM_API_KEY.env() + " (OpenAI itself)");
        }
        if (!baseUrl.isBlank()) {
            try {
                URI u = new URI(baseUrl);
                if (u.getScheme() == null
                        || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                        || u.getHost() == null) {
                    throw new ConfigException(
                            ConfigKey.LLM_BASE_URL.key() + " must be an http(s) URL, not '" + baseUrl + "'");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(ConfigKey.LLM_BASE_URL.key() + " is not a URL: " + e.getMessage());
            }
        }
    }

    /** Whether a model is configured. */
    public boolean llmEnabled() {
        return provider != LlmProvider.NONE;
    }

    /** Settings from the environment and the properties file, with {@code overrides} (from flags) on top. */
    public static ServerConfig load(Map<ConfigKey, String> overrides, Map<String, String> env, Path propertiesFile) {
        Properties props = new Properties();
        if (propertiesFile != null && Files.exists(propertiesFile)) {
            try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read " + propertiesFile + ": " + e.getMessage());
            }
        }
        Map<ConfigKey, String> v = new EnumMap<>(ConfigKey.class);
        for (ConfigKey k : ConfigKey.values()) {
            String value = overrides.get(k);
            if (value == null) {
                value = env.get(k.env());
            }
            if (value == null) {
                value = props.getProperty(k.key());
            }
            v.put(k, value == null ? k.defaultValue() : value.strip());
        }
        return new ServerConfig(
                integer(v, ConfigKey.PORT),
                v.get(ConfigKey.HOST),
                Path.of(v.get(ConfigKey.DATA_DIR)),
                Path.of(v.get(ConfigKey.CORPUS_DIR)),
                LlmProvider.parse(v.get(ConfigKey.LLM_PROVIDER)),
                v.get(ConfigKey.LLM_BASE_URL),
                v.get(ConfigKey.LLM_MODEL),
                v.get(ConfigKey.LLM_API_KEY),
                decimal(v, ConfigKey.LLM_TEMPERATURE),
                Duration.ofMillis(Math.round(decimal(v, ConfigKey.LLM_TIMEOUT_SECONDS) * 1000)),
                integer(v, ConfigKey.PASSAGES_PER_ANSWER),
                new Access(
                        ApiKeys.parse(v.get(ConfigKey.API_KEYS)),
                        v.get(ConfigKey.API_KEYS_FILE).isEmpty()
                                ? null
                                : KeyFile.open(Path.of(v.get(ConfigKey.API_KEYS_FILE))),
                        TrustedProxies.parse(v.get(ConfigKey.TRUSTED_PROXIES)),
                        bool(v, ConfigKey.ALLOW_OPEN),
                        integer(v, ConfigKey.ANSWERS_PER_MINUTE),
                        integer(v, ConfigKey.REQUESTS_PER_MINUTE)),
                Duration.ofMillis(Math.round(decimal(v, ConfigKey.SHUTDOWN_GRACE_SECONDS) * 1000)),
                new Capacity(
                        Capacity.AUTO.equalsIgnoreCase(v.get(ConfigKey.ANSWERS_AT_ONCE))
                                ? Capacity.AUTO_SLOTS
                                : positive(v, ConfigKey.ANSWERS_AT_ONCE),
                        integer(v, ConfigKey.SEARCHES_AT_ONCE)),
                Tls.of(v.get(ConfigKey.TLS_KEYSTORE), v.get(ConfigKey.TLS_PASSWORD)),
                bool(v, ConfigKey.WATCH_CORPUS),
                solrCloud(v));
    }

    /** The search backend's settings: null for the embedded index, else the SolrCloud collection. */
    private static SolrCloudTarget solrCloud(Map<ConfigKey, String> v) {
        String backend = v.get(ConfigKey.SEARCH_BACKEND).toLowerCase(Locale.ROOT);
        switch (backend) {
            case "lucene":
                return null;
            case "solrcloud":
                break;
            default:
                throw new ConfigException(ConfigKey.SEARCH_BACKEND.key() + " (" + ConfigKey.SEARCH_BACKEND.env()
                        + ") must be lucene or solrcloud, not '" + v.get(ConfigKey.SEARCH_BACKEND) + "'");
        }
        String zk = v.get(ConfigKey.SOLR_ZK_HOST);
        List<String> urls = List.of(v.get(ConfigKey.SOLR_URLS).split(",")).stream()
                .map(String::strip)
                .filter(u -> !u.isEmpty())
                .toList();
        if (zk.isEmpty() == urls.isEmpty()) {
            throw new ConfigException("with " + ConfigKey.SEARCH_BACKEND.key() + "=solrcloud set exactly one of "
                    + ConfigKey.SOLR_ZK_HOST.key() + " (" + ConfigKey.SOLR_ZK_HOST.env() + ") and "
                    + ConfigKey.SOLR_URLS.key() + " (" + ConfigKey.SOLR_URLS.env() + ")");
        }
        int shards = integer(v, ConfigKey.SOLR_SHARDS);
        int replicas = integer(v, ConfigKey.SOLR_REPLICAS);
        try {
            return zk.isEmpty()
                    ? SolrCloudTarget.nodes(urls, v.get(ConfigKey.SOLR_COLLECTION), shards, replicas)
                    : SolrCloudTarget.zooKeeper(zk, v.get(ConfigKey.SOLR_COLLECTION), shards, replicas);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** Defaults only (tests start from here). */
    public static ServerConfig defaults() {
        return load(Map.of(), Map.of(), null);
    }

    private static int integer(Map<ConfigKey, String> v, ConfigKey k) {
        try {
            return Integer.parseInt(v.get(k));
        } catch (NumberFormatException e) {
            throw new ConfigException(k.key() + " (" + k.env() + ") must be a whole number, not '" + v.get(k) + "'");
        }
    }

    /** A whole number of 1 or more (0 is not "auto"). */
    private static int positive(Map<ConfigKey, String> v, ConfigKey k) {
        int n = integer(v, k);
        if (n < 1) {
            throw new ConfigException(k.key() + " must be 1 or more, or auto, not " + n);
        }
        return n;
    }

    private static double decimal(Map<ConfigKey, String> v, ConfigKey k) {
        try {
            return Double.parseDouble(v.get(k));
        } catch (NumberFormatException e) {
            throw new ConfigException(k.key() + " (" + k.env() + ") must be a number, not '" + v.get(k) + "'");
        }
    }

    private static boolean bool(Map<ConfigKey, String> v, ConfigKey k) {
        String s = v.get(k);
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new ConfigException(k.key() + " (" + k.env() + ") must be true or false, not '" + s + "'");
    }

    /** The API key as a {@link Secret}: scrubbed from anything logged or returned. */
    public Secret secret() {
        return Secret.of(apiKey);
    }

    public ServerConfig withPort(int p) {
        return with(d -> d.port = p);
    }

    public ServerConfig withDirs(Path data, Path corpus) {
        return with(d -> {
            d.dataDir = data;
            d.corpusDir = corpus;
        });
    }

    public ServerConfig withLlm(LlmProvider p, String url, String m, String key, Duration t) {
        return with(d -> {
            d.provider = p;
            d.baseUrl = url;
            d.model = m;
            d.apiKey = key;
            d.timeout = t;
        });
    }

    public ServerConfig withAccess(Access a) {
        return with(d -> d.access = a);
    }

    public ServerConfig withShutdownGrace(Duration grace) {
        return with(d -> d.shutdownGrace = grace);
    }

    /** These settings with the corpus folder watched while serving, or not. */
    public ServerConfig withWatchCorpus(boolean watch) {
        return with(d -> d.watchCorpus = watch);
    }

    public ServerConfig withCapacity(Capacity c) {
        return with(d -> d.capacity = c);
    }

    /** The same settings with the library kept in a SolrCloud collection (null: the embedded index). */
    public ServerConfig withSolrCloud(SolrCloudTarget target) {
        return with(d -> d.solrCloud = target);
    }

    /** The search backend's name: {@code lucene} or {@code solrcloud}. */
    public String searchBackend() {
        return solrCloud == null ? "lucene" : "solrcloud";
    }

    /** The same settings served over HTTPS with {@code t} (null: plain HTTP). */
    public ServerConfig withTls(Tls t) {
        return with(d -> d.tls = t);
    }

    /** These settings with some changed by {@code change}, validated again as new ones are. */
    private ServerConfig with(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return d.build();
    }

    /** The settings of a config while some are being changed (records have no copy-with). */
    private static final class Draft {
        int port;
        String host;
        Path dataDir;
        Path corpusDir;
        LlmProvider provider;
        String baseUrl;
        String model;
        String apiKey;
        double temperature;
        Duration timeout;
        int passagesPerAnswer;
        Access access;
        Duration shutdownGrace;
        Capacity capacity;
        Tls tls;
        boolean watchCorpus;
        SolrCloudTarget solrCloud;

        Draft(ServerConfig c) {
            port = c.port;
            host = c.host;
            dataDir = c.dataDir;
            corpusDir = c.corpusDir;
            provider = c.provider;
            baseUrl = c.baseUrl;
            model = c.model;
            apiKey = c.apiKey;
            temperature = c.temperature;
            timeout = c.timeout;
            passagesPerAnswer = c.passagesPerAnswer;
            access = c.access;
            shutdownGrace = c.shutdownGrace;
            capacity = c.capacity;
            tls = c.tls;
            watchCorpus = c.watchCorpus;
            solrCloud = c.solrCloud;
        }

        ServerConfig build() {
            return new ServerConfig(
                    port,
                    host,
                    dataDir,
                    corpusDir,
                    provider,
                    baseUrl,
                    model,
                    apiKey,
                    temperature,
                    timeout,
                    passagesPerAnswer,
                    access,
                    shutdownGrace,
                    capacity,
                    tls,
                    watchCorpus,
                    solrCloud);
        }
    }

    /** Never shows the model's API key or the API's keys. */
    @Override
    public String toString() {
        return "ServerConfig[port=" + port + ", host=" + host + ", dataDir=" + dataDir + ", corpusDir=" + corpusDir
                + ", provider=" + provider.key() + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (apiKey.isEmpty() ? "(none)" : "(set)") + ", temperature=" + temperature
                + ", timeout=" + timeout + ", passagesPerAnswer=" + passagesPerAnswer + ", access=" + access
                + ", shutdownGrace=" + shutdownGrace + ", capacity=" + capacity + ", tls="
                + (tls == null ? "(none)" : tls)
                + ", searchBackend=" + searchBackend()
                + (solrCloud == null ? "" : " " + solrCloud.where() + " " + solrCloud.collection())
                + "]";
    }
}
