package reportqa.server.config;

/**
 * Every setting: its key in {@code reportqa.properties}, its environment variable and its default
 * (what it means is in each constant's Javadoc). The README's configuration table lists exactly these.
 */
public enum ConfigKey {
    /** HTTP port; 0 picks a free one. */
    PORT("port", "REPORTQA_PORT", "7070"),
    /** Address to bind. */
    HOST("host", "REPORTQA_HOST", "127.0.0.1"),
    /** Folder for indexes and the embedding cache. */
    DATA_DIR("data", "REPORTQA_DATA", "data"),
    /** Folder of report .pdf and .txt files. */
    CORPUS_DIR("corpus", "REPORTQA_CORPUS", "corpus"),
    /** none (extractive answers), openai (any OpenAI-compatible server) or ollama. */
    LLM_PROVIDER("llm.provider", "REPORTQA_LLM_PROVIDER", "none"),
    /** Base URL of the model server, e.g. https://api.deepseek.com/v1 or http://localhost:11434. */
    LLM_BASE_URL("llm.baseUrl", "REPORTQA_LLM_BASE_URL", ""),
    /** Model name, e.g. deepseek-chat, qwen-plus, llama3.1. */
    LLM_MODEL("llm.model", "REPORTQA_LLM_MODEL", ""),
    /** API key (never logged or returned). */
    LLM_API_KEY("llm.apiKey", "REPORTQA_LLM_API_KEY", ""),
    /** Sampling temperature, 0..2. */
    LLM_TEMPERATURE("llm.temperature", "REPORTQA_LLM_TEMPERATURE", "0.1"),
    /** Longest wait for a whole answer before falling back to extractive. */
    LLM_TIMEOUT_SECONDS("llm.timeoutSeconds", "REPORTQA_LLM_TIMEOUT_SECONDS", "60"),
    /** Passages given to the answer (the request's k overrides). */
    PASSAGES_PER_ANSWER("answer.passages", "REPORTQA_ANSWER_PASSAGES", "6"),
    /**
     * API keys, comma-separated (several may be valid at once, e.g. while one is replaced); when set,
     * every {@code /api} request but {@code /api/health} needs {@code Authorization: Bearer KEY}. Never
     * logged or returned; no flag, since flags show in process lists.
     */
    API_KEYS("api.keys", "REPORTQA_API_KEYS", ""),
    /**
     * A file of API keys, one a line ({@code #} comments), read again within a second of a change:
     * keys are added and replaced without a restart. Its keys are valid beside {@code api.keys}'s.
     */
    API_KEYS_FILE("api.keysFile", "REPORTQA_API_KEYS_FILE", ""),
    /**
     * Reverse proxies whose {@code X-Forwarded-For} names the client (addresses or networks,
     * comma-separated: {@code 127.0.0.1, 10.0.0.0/8}); none by default, since any client can write
     * that header.
     */
    TRUSTED_PROXIES("server.trustedProxies", "REPORTQA_TRUSTED_PROXIES", ""),
    /** A PKCS#12 (or JKS) key store with the server's key and certificate: then it serves HTTPS only. */
    TLS_KEYSTORE("server.tlsKeystore", "REPORTQA_TLS_KEYSTORE", ""),
    /** The key store's password (never logged or returned; no flag, since flags show in process lists). */
    TLS_PASSWORD("server.tlsPassword", "REPORTQA_TLS_PASSWORD", ""),
    /**
     * Whether {@code serve} watches the corpus folder and indexes report files added, changed or
     * removed while it runs (searchable once indexed, without a restart).
     */
    WATCH_CORPUS("corpus.watch", "REPORTQA_WATCH_CORPUS", "true"),
    /** Whether {@code serve} may listen beyond this machine with no API key (otherwise it refuses to start). */
    ALLOW_OPEN("server.allowOpen", "REPORTQA_ALLOW_OPEN", "false"),
    /** Questions (ask and stream) one client may send a minute; 0 = no limit. */
    ANSWERS_PER_MINUTE("limit.answersPerMinute", "REPORTQA_LIMIT_ANSWERS_PER_MINUTE", "120"),
    /** API requests of any kind (questions included) one client may send a minute; 0 = no limit. */
    REQUESTS_PER_MINUTE("limit.requestsPerMinute", "REPORTQA_LIMIT_REQUESTS_PER_MINUTE", "600"),
    /**
     * Answers (ask and stream) worked on at once, all clients together; a question beyond waits up to
     * 2 s for a slot, then gets 503 overloaded. {@code auto}: 64 with a model (enough for a desk
     * waiting on it, far below the server's 250 worker threads), 4 per core without one (extractive
     * answers are CPU work: more at once only makes each slower).
     */
    ANSWERS_AT_ONCE("limit.answersAtOnce", "REPORTQA_LIMIT_ANSWERS_AT_ONCE", Capacity.AUTO),
    /**
     * Searches worked on at once, all clients together; a search beyond waits up to 1 s for a slot,
     * then gets 503 overloaded. Searches are CPU work: more at once than a few per core only makes
     * each slower, and refusals later.
     */
    SEARCHES_AT_ONCE("limit.searchesAtOnce", "REPORTQA_LIMIT_SEARCHES_AT_ONCE", "8"),
    /**
     * On stop (SIGTERM), how long answers and streams in flight may take to finish while new requests
     * get 503; 0 = stop at once.
     */
    SHUTDOWN_GRACE_SECONDS("server.shutdownGraceSeconds", "REPORTQA_SHUTDOWN_GRACE_SECONDS", "10"),
    /**
     * Where the library is kept and searched: {@code lucene} (the embedded index under the data
     * folder) or {@code solrcloud} (a SolrCloud collection, see the {@code solr.*} settings).
     */
    SEARCH_BACKEND("search.backend", "REPORTQA_SEARCH_BACKEND", "lucene"),
    /** The SolrCloud cluster's ZooKeeper ensemble, {@code host:port[,host:port…][/chroot]}. */
    SOLR_ZK_HOST("solr.zkHost", "REPORTQA_SOLR_ZK_HOST", ""),
    /** Instead of a ZooKeeper address: base URLs of some of the cluster's nodes, comma-separated. */
    SOLR_URLS("solr.urls", "REPORTQA_SOLR_URLS", ""),
    /** The SolrCloud collection holding the library (created with ReportQA's configset when missing). */
    SOLR_COLLECTION("solr.collection", "REPORTQA_SOLR_COLLECTION", "reportqa"),
    /** Shards of a collection ReportQA creates. */
    SOLR_SHARDS("solr.shards", "REPORTQA_SOLR_SHARDS", "1"),
    /** Replicas of each shard of a collection ReportQA creates (2 or more: a node may be lost). */
    SOLR_REPLICAS("solr.replicas", "REPORTQA_SOLR_REPLICAS", "1");

    private final String key;
    private final String env;
    private final String defaultValue;

    ConfigKey(String key, String env, String defaultValue) {
        this.key = key;
        this.env = env;
        this.defaultValue = defaultValue;
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
}
