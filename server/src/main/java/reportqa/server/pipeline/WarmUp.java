package reportqa.server.pipeline;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.Resources;

/**
 * The questions a server asks itself when it starts, and the asking: the first before it takes its
 * first request, the others just after ({@link #afterServing}). A first
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
     * The question asked before the first request is served: the path most questions take (a
     * Chinese question), whose code and word lists a first question would otherwise load.
     */
    public static List<String> beforeServing() {
        return questions().subList(0, 1);
    }

    /**
     * The questions asked once the server answers, on a thread of their own ({@link #inBackground}):
     * the rarer paths (a name spelled in pinyin, English). Asked before serving they cost a large
     * library's start a second (the spellings of its thousands of people, 0.7-0.9 s at 10,000
     * reports), which a first user asking in Chinese would wait for and never use.
     */
    public static List<String> afterServing() {
        List<String> all = questions();
        return all.subList(1, all.size());
    }

    /** Asks every warm-up question, in order (see {@link #run(AnswerPipeline, List, BooleanSupplier)}). */
    public static List<String> run(AnswerPipeline answers) {
        return run(answers, questions(), () -> false);
    }

    /**
     * Answers each question extractively (never calling the model; see {@link AnswerPipeline#warmUp})
     * and throws the answers away; stops before the next question once {@code stopping} says so.
     *
     * @return one line a question that failed ({@code question: reason}), each also logged as a
     *     warning (unless it failed while stopping: the library closed under it); a failure stops
     *     no other question and no start: the server then only answers its first question of that
     *     kind more slowly. The time each took is logged (info).
     */
    public static List<String> run(AnswerPipeline answers, List<String> questions, BooleanSupplier stopping) {
        return run(answers, questions, stopping, () -> true);
    }

    /** As {@link #run(AnswerPipeline, List, BooleanSupplier)}, each question once {@code ready} says so (false: stop asking). */
    private static List<String> run(
            AnswerPipeline answers, List<String> questions, BooleanSupplier stopping, BooleanSupplier ready) {
        List<String> failed = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        for (String q : questions) {
            if (stopping.getAsBoolean() || !ready.getAsBoolean()) {
                break;
            }
            long t0 = System.nanoTime();
            try {
                answers.warmUp(q);
            } catch (IOException | RuntimeException e) {
                failed.add(q + ": " + e);
                if (stopping.getAsBoolean()) {
                    LOG.debug("warm-up question stopped by the stop: {}: {}", q, e.toString());
                } else {
                    LOG.warn("warm-up question failed: {}: {}", q, e.toString());
                }
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

    /**
     * The warm-up of a server starting: the {@link #beforeServing} question now, on the caller's
     * thread (the server serves once this returns), and the {@link #afterServing} ones on a thread of
     * their own ({@link #inBackground}). Both stop once {@code stopping} says so.
     *
     * @return the failures of the question asked before serving (see {@link #run(AnswerPipeline, List,
     *     BooleanSupplier)})
     */
    public static List<String> atStart(AnswerPipeline answers, BooleanSupplier stopping) {
        List<String> failed = run(answers, beforeServing(), stopping);
        inBackground(answers, stopping);
        return failed;
    }

    /**
     * Asks the {@link #afterServing} questions on a daemon thread of its own ({@value #THREAD}), and
     * returns it started. Each waits for a quiet moment first ({@link #QUIET} without a question
     * being answered, {@link #MOST_WAIT} at most): asked as serving begins, they took the two cores
     * from a first user's question, with the JIT compilers. {@code stopping} is asked before each
     * question and while it waits: a stop does not wait for them.
     */
    public static Thread inBackground(AnswerPipeline answers, BooleanSupplier stopping) {
        Thread t = new Thread(
                () -> run(answers, afterServing(), stopping, () -> awaitQuiet(answers.activity(), stopping)), THREAD);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** How long no question must have been answered before a later warm-up question is asked. */
    static final Duration QUIET = Duration.ofMillis(500);

    /** How long a later warm-up question waits for {@link #QUIET} at most, under a steady load. */
    static final Duration MOST_WAIT = Duration.ofSeconds(60);

    private static final long POLL_MILLIS = 50;

    /** Waits for a quiet moment (or {@link #MOST_WAIT}); false if stopping came first. */
    private static boolean awaitQuiet(Activity activity, BooleanSupplier stopping) {
        long since = activity.now();
        while (!activity.quietFor(QUIET, since) && activity.now() - since < MOST_WAIT.toNanos()) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping.getAsBoolean();
    }

    /** The name of the thread that asks the questions after serving has begun. */
    public static final String THREAD = "warm-up";

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
}
