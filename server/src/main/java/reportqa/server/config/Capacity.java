package reportqa.server.config;

/**
 * How much the server works on at once, whoever asks (issue #9, item 2): beyond it a request waits a
 * moment for a slot, then gets a 503 {@code overloaded} with {@code Retry-After}.
 *
 * @param answersAtOnce answers (ask and stream) worked on at once
 * @param searchesAtOnce searches worked on at once
 */
public record Capacity(int answersAtOnce, int searchesAtOnce) {

    public Capacity {
        if (answersAtOnce < 1) {
            throw new ConfigException(ConfigKey.ANSWERS_AT_ONCE.key() + " must be 1 or more, not " + answersAtOnce);
        }
        if (searchesAtOnce < 1) {
            throw new ConfigException(ConfigKey.SEARCHES_AT_ONCE.key() + " must be 1 or more, not " + searchesAtOnce);
        }
    }
}
