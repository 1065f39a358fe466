package reportqa.server.config;

/**
 * Who may use the API and how much of it (issue #9, item 10).
 *
 * @param keys the API keys; none = the API is open (as it should be only on this machine)
 * @param allowOpen whether {@code serve} may listen beyond this machine with no key
 * @param answersPerMinute questions (ask and stream) per client a minute; 0 = no limit
 * @param requestsPerMinute API requests of any kind per client a minute; 0 = no limit
 */
public record Access(ApiKeys keys, boolean allowOpen, int answersPerMinute, int requestsPerMinute) {

    /**
     * No keys and no limits: for {@code bench}, which measures the server rather than its limits, and
     * for tests that send thousands of requests from one address.
     */
    public static final Access UNLIMITED = new Access(ApiKeys.NONE, false, 0, 0);

    public Access {
        if (answersPerMinute < 0) {
            throw new ConfigException(
                    ConfigKey.ANSWERS_PER_MINUTE.key() + " must be 0 (no limit) or more, not " + answersPerMinute);
        }
        if (requestsPerMinute < 0) {
            throw new ConfigException(
                    ConfigKey.REQUESTS_PER_MINUTE.key() + " must be 0 (no limit) or more, not " + requestsPerMinute);
        }
    }

    /** Whether requests must carry a key. */
    public boolean keyed() {
        return !keys.isEmpty();
    }
}
