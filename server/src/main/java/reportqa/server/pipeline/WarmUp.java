package reportqa.server.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.Resources;

/**
 * The questions a server asks itself before it takes its first request, and the asking. A first
 * question otherwise pays for loading and compiling the search and answer code and for reading the
 * word lists a stage loads when first used (SmartChineseAnalyzer's dictionary, the pinyin readings):
 * about a second of a start that should answer within 3 s. The questions are in a resource file
 * ({@value #QUESTIONS}), each taking other paths (Chinese, a name spelled in pinyin, English).
 */
public final class WarmUp {

    /** The resource holding the questions, one a line ({@code #} starts a comment). */
    public static final String QUESTIONS = "/reportqa/warm-up-questions.txt";

    private WarmUp() {}

    /** The warm-up questions, in order. */
    public static List<String> questions() {
        return Resources.text(QUESTIONS)
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    /**
     * Answers each warm-up question extractively (never calling the model; see
     * {@link AnswerPipeline#warmUp}) and throws the answers away.
     *
     * @return one line a question that failed ({@code question: reason}), each also logged as a
     *     warning; a failure stops no other question and no start: the server then only answers
     *     its first question more slowly. The time each took is logged (info).
     */
    public static List<String> run(AnswerPipeline answers) {
        List<String> failed = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        for (String q : questions()) {
            long t0 = System.nanoTime();
            try {
                answers.warmUp(q);
            } catch (IOException | RuntimeException e) {
                failed.add(q + ": " + e);
                LOG.warn("warm-up question failed: {}: {}", q, e.toString());
            }
            millis.add((System.nanoTime() - t0) / 1_000_000);
        }
        LOG.info(
                "warm-up: {} questions in {} ms ({} ms each)",
                millis.size(),
                millis.stream().mapToLong(Long::longValue).sum(),
                millis);
        return failed;
    }

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
}
