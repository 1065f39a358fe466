package reportqa.server.cli;

import java.util.Map;
import picocli.CommandLine.Option;
import reportqa.server.config.ConfigKey;

/** Where {@code serve} listens, and how much one client may ask of it. */
final class ServerOptions implements ConfigFlags {

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port; 0 = any free port (default: 7070).")
    String port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default: 127.0.0.1).")
    String host;

    @Option(
            names = "--allow-open",
            description = "Listen beyond this machine (--host) without API keys (REPORTQA_API_KEYS); without this"
                    + " flag serve refuses to.")
    boolean allowOpen;

    @Option(
            names = "--no-watch",
            description = "Do not watch the corpus folder: report files added, changed or removed while serving"
                    + " are indexed at the next start (by default they are indexed as they come).")
    boolean noWatch;

    @Option(
            names = "--api-keys-file",
            paramLabel = "FILE",
            description = "A file of API keys, one a line, read again within a second of a change.")
    String apiKeysFile;

    @Option(
            names = "--trusted-proxies",
            paramLabel = "ADDRESSES",
            description = "Reverse proxies whose X-Forwarded-For names the client (127.0.0.1, 10.0.0.0/8); none by"
                    + " default.")
    String trustedProxies;

    @Option(
            names = "--tls-keystore",
            paramLabel = "FILE",
            description = "Serve HTTPS only, with this PKCS#12 or JKS key store (its password in"
                    + " REPORTQA_TLS_PASSWORD).")
    String tlsKeystore;

    @Option(
            names = "--answers-per-minute",
            paramLabel = "N",
            description = "Questions one client (API key, else address) may ask a minute; 0 = no limit (default: 120).")
    String answersPerMinute;

    @Option(
            names = "--requests-per-minute",
            paramLabel = "N",
            description = "API requests of any kind one client may send a minute; 0 = no limit (default: 600).")
    String requestsPerMinute;

    @Option(
            names = "--answers-at-once",
            paramLabel = "N",
            description = "Answers worked on at once, all clients together; beyond, a question waits up to 2 s"
                    + " for a slot, then gets 503 (default: 64).")
    String answersAtOnce;

    @Option(
            names = "--searches-at-once",
            paramLabel = "N",
            description = "Searches worked on at once, all clients together; beyond, a search waits up to 1 s"
                    + " for a slot, then gets 503 (default: 8).")
    String searchesAtOnce;

    @Option(
            names = "--shutdown-grace",
            paramLabel = "SECONDS",
            description = "On stop (SIGTERM), how long answers and streams in flight may take to finish while new"
                    + " requests get 503; 0 = stop at once (default: 10).")
    String shutdownGrace;

    @Override
    public void addTo(Map<ConfigKey, String> o) {
        ConfigFlags.put(o, ConfigKey.PORT, port);
        ConfigFlags.put(o, ConfigKey.HOST, host);
        ConfigFlags.put(o, ConfigKey.ALLOW_OPEN, allowOpen ? "true" : null);
        ConfigFlags.put(o, ConfigKey.WATCH_CORPUS, noWatch ? "false" : null);
        ConfigFlags.put(o, ConfigKey.API_KEYS_FILE, apiKeysFile);
        ConfigFlags.put(o, ConfigKey.TRUSTED_PROXIES, trustedProxies);
        ConfigFlags.put(o, ConfigKey.TLS_KEYSTORE, tlsKeystore);
        ConfigFlags.put(o, ConfigKey.ANSWERS_PER_MINUTE, answersPerMinute);
        ConfigFlags.put(o, ConfigKey.REQUESTS_PER_MINUTE, requestsPerMinute);
        ConfigFlags.put(o, ConfigKey.ANSWERS_AT_ONCE, answersAtOnce);
        ConfigFlags.put(o, ConfigKey.SEARCHES_AT_ONCE, searchesAtOnce);
        ConfigFlags.put(o, ConfigKey.SHUTDOWN_GRACE_SECONDS, shutdownGrace);
    }
}
