package reportqa.server.answer;

import java.util.regex.Pattern;
import reportqa.retrieval.Resources;

/**
 * Whether a question compares reports ("各家券商对 Sora 怎么看？", "Which brokers …"): then retrieval
 * covers every report it finds, not only the best passages, and the answer goes report by report.
 * The words are in {@code comparison.json}.
 */
public final class Comparison {

    private static final Pattern ASKS = Pattern.compile(
            Resources.json("/reportqa/comparison.json").path("asks").asText());

    private Comparison() {}

    public static boolean asks(String question) {
        return ASKS.matcher(question).find();
    }
}
