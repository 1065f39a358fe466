package reportqa.server.config;

/**
 * How much the server works on at once, whoever asks (issue #9, item 2): beyond it a request waits a
 * moment for a slot, then gets a 503 {@code overloaded} with {@code Retry-After}.
 *
 * @param answersAtOnce answers (ask and stream) worked on at once; {@value #AUTO_SLOTS} = as many as
 *     suit the answers' kind ({@link #answerSlots})
 * @param searchesAtOnce searches worked on at once
 */
public record Capacity(int answersAtOnce, int searchesAtOnce) {

    /** The setting's word for "as many as suit the answers' kind". */
    public static final String AUTO = "auto";

    /** {@link #answersAtOnce} when set to {@link #AUTO}. */
    public static final int AUTO_SLOTS = 0;

    /** Answers at once with a model: each mostly waits for it. */
    public static final int MODEL_ANSWERS_AT_ONCE = 64;

    /**
     * Extractive answers at once per core: each is 70–290 ms of CPU, so beyond a few per core they
     * only wait for each other. Measured with 100 clients on 2 cores (RELIABILITY.md): 64 at once
     * answered 392 questions in a minute at p50 12 s with 12 client time-outs; 8 at once 368 at p50
     * 3.2 s with none; 4 at once 312.
     */
    public static final int EXTRACTIVE_ANSWERS_PER_CORE = 4;

    public Capacity {
        if (answersAtOnce < 0) {
            throw new ConfigException(
                    ConfigKey.ANSWERS_AT_ONCE.key() + " must be 1 or more, or auto, not " + answersAtOnce);
        }
        if (searchesAtOnce < 1) {
            throw new ConfigException(ConfigKey.SEARCHES_AT_ONCE.key() + " must be 1 or more, not " + searchesAtOnce);
        }
    }

    /** How many answers are worked on at once: as set, or by the answers' kind when {@link #AUTO}. */
    public int answerSlots(boolean withModel) {
        if (answersAtOnce != AUTO_SLOTS) {
            return answersAtOnce;
        }
        return withModel
                ? MODEL_ANSWERS_AT_ONCE
                : EXTRACTIVE_ANSWERS_PER_CORE * Runtime.getRuntime().availableProcessors();
    }
}
