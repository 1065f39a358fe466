package reportqa.server.config;

/**
 * Who may use the API and how much of it (issue #9, item 10).
 *
 * @param keys the API keys; none (and no key file) = the API is open (as it should be only on this machine)
 * @param keyFile a file of more keys, read again when it changes; null for none
 * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} names the client
 * @param allowOpen whether {@code serve} may listen beyond this machine with no key
 * @param answersPerMinute questions (ask and stream) per client a minute; 0 = no limit
 * @param requestsPerMinute API requests of any kind per client a minute; 0 = no limit
 */
public record Access(
        ApiKeys keys,
        KeyFile keyFile,
        TrustedProxies trustedProxies,
        boolean allowOpen,
        int answersPerMinute,
        int requestsPerMinute) {

    /**
     * No keys and no limits: for {@code bench}, which measures the server rather than its limits, and
     * for tests that send thousands of requests from one address.
     */
    public static final Access UNLIMITED = new Access(ApiKeys.NONE, false, 0, 0);

    /** Fixed keys, no key file, no trusted proxy. */
    public Access(ApiKeys keys, boolean allowOpen, int answersPerMinute, int requestsPerMinute) {
        this(keys, null, TrustedProxies.NONE, allowOpen, answersPerMinute, requestsPerMinute);
    }

    public Access {
        trustedProxies = trustedProxies == null ? TrustedProxies.NONE : trustedProxies;
        if (answersPerMinute < 0) {
            throw new ConfigException(
                    ConfigKey.ANSWERS_PER_MINUTE.key() + " must be 0 (no limit) or more, not " + answersPerMinute);
        }
        if (requestsPerMinute < 0) {
            throw new ConfigException(
                    ConfigKey.REQUESTS_PER_MINUTE.key() + " must be 0 (no limit) or more, not " + requestsPerMinute);
        }
    }

    /** Whether requests must carry a key (a key file counts even while it holds none: then no key opens it). */
    public boolean keyed() {
        return !keys.isEmpty() || keyFile != null;
    }

    /** The keys valid now: the fixed ones, then the key file's as it reads now. */
    public ApiKeys currentKeys() {
        return keyFile == null ? keys : keys.and(keyFile.keys());
    }

    /** The same limits and proxies with another key file. */
    public Access withKeyFile(KeyFile file) {
        return new Access(keys, file, trustedProxies, allowOpen, answersPerMinute, requestsPerMinute);
    }

    /** The same keys and limits with other trusted proxies. */
    public Access withTrustedProxies(TrustedProxies proxies) {
        return new Access(keys, keyFile, proxies, allowOpen, answersPerMinute, requestsPerMinute);
    }
}
