package reportqa.server.answer.rewrite;

import dev.langchain4j.model.chat.ChatModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.search.QuestionWords;
import reportqa.server.answer.AskRequest;
import reportqa.server.answer.Deadline;
import reportqa.server.answer.Prompts;
import reportqa.server.answer.Turn;
import reportqa.server.answer.generate.ModelCalls;
import reportqa.server.answer.generate.ModelFailure;
import reportqa.server.config.Secret;

/**
 * Stage 1 of an answer: makes a follow-up question ("那德邦怎么看？") standalone for retrieval, with
 * the model when one is configured; otherwise, and when the model fails or runs out of time, by
 * carrying the previous question's content over (minus a broker the new question replaces).
 */
public final class QueryRewriter {

    private static final Logger LOG = LoggerFactory.getLogger(QueryRewriter.class);
    private static final int MAX_REWRITE = 300;
    /** A report date as questions write it: 2024年3月25日, 3 月 25 日, 2024-03-25, 20240325, 3月. */
    private static final Pattern DATE = Pattern.compile(
            "(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月(?:\\s*\\d{1,2}\\s*[日号])?|\\d{4}[-./]\\d{1,2}(?:[-./]\\d{1,2})?"
                    + "|(?<!\\d)20\\d{6}(?!\\d)|\\d{4}\\s*年");

    private static final String PUNCTUATION = "[\\p{Punct}，。！？；：、“”‘’（）【】《》]";

    private final ChatModel model;
    private final ExecutorService calls;
    private final Prompts prompts;
    private final BrokerRegistry brokers;
    private final Secret secret;
    private final Supplier<? extends Collection<String>> people;
    private final RomanizedNames romanized;

    /**
     * @param model the model, or null for carrying over only
     * @param calls where model calls run (so that a deadline can abandon them)
     */
    public QueryRewriter(
            ChatModel model, ExecutorService calls, Prompts prompts, BrokerRegistry brokers, Secret secret) {
        this(model, calls, prompts, brokers, secret, List::of);
    }

    /**
     * @param people the people the library's reports name (analysts, assistants): a follow-up that
     *     says 他 / she carries over the one the previous answer named
     */
    public QueryRewriter(
            ChatModel model,
            ExecutorService calls,
            Prompts prompts,
            BrokerRegistry brokers,
            Secret secret,
            Supplier<? extends Collection<String>> people) {
        this.model = model;
        this.calls = calls;
        this.prompts = prompts;
        this.brokers = brokers;
        this.secret = secret;
        this.people = people;
        this.romanized = new RomanizedNames(people);
    }

    /** The same rewriter without a model: a follow-up is made standalone by carrying over words only. */
    public QueryRewriter withoutModel() {
        return model == null ? this : new QueryRewriter(null, calls, prompts, brokers, secret, people);
    }

    /**
     * The request with the library's people named in pinyin (Wang Meiqing) written as the reports
     * write them (王梅卿), in the question and in the earlier questions a follow-up carries (the last
     * {@link #CARRY_DEPTH}).
     */
    public AskRequest withNamesInChinese(AskRequest request) {
        // The earlier questions a follow-up carries over (previousStandalone): the others are left as they are.
        List<Turn> history = new ArrayList<>(request.history());
        int carried = 0;
        for (int i = history.size() - 1; i >= 0 && carried < CARRY_DEPTH; i--) {
            Turn t = history.get(i);
            if (t.role() == Turn.Role.USER && !t.content().isBlank()) {
                history.set(i, new Turn(t.role(), romanized.inChinese(t.content())));
                carried++;
            }
        }
        return request.withQuestion(romanized.inChinese(request.question()), history);
    }

    /**
     * How many earlier questions a follow-up's carried-over query reaches back through: a follow-up
     * of a follow-up ("And the SAC number?" after "What's the analyst's email?" after "Who covers
     * media at Shanghai Securities?") carries what the one before it carried.
     */
    static final int CARRY_DEPTH = 2;

    /**
     * The last earlier question made standalone the extractive way, through at most {@code depth}
     * questions, or null when there is none.
     */
    String previousStandalone(List<Turn> history, int depth) {
        String previous = FollowUps.lastUserTurn(history);
        if (previous == null || depth <= 1 || !FollowUps.looksLikeFollowUp(previous)) {
            return previous;
        }
        String earlier = previousStandalone(FollowUps.beforeLastUserTurn(history), depth - 1);
        return earlier == null ? previous : carry(previous, earlier);
    }

    /** The standalone query for the question, within {@code deadline} when the model rewrites it. */
    public Rewritten rewrite(String question, List<Turn> history, Deadline deadline) {
        // The previous question is made standalone only for a follow-up: every question with a history comes here.
        String previous = FollowUps.looksLikeFollowUp(question) ? previousStandalone(history, CARRY_DEPTH) : null;
        if (previous == null) {
            return new Rewritten(question, null);
        }
        if (model == null) {
            return new Rewritten(withPerson(carry(question, previous), question, history), null);
        }
        String prompt = prompts.render(
                Prompts.Template.REWRITE, Map.of("history", FollowUps.transcript(history), "question", question));
        CompletableFuture<String> call = ModelCalls.submit(calls, () -> model.chat(prompt));
        try {
            String text = deadline.await(call).strip();
            if (!text.isEmpty() && text.length() <= MAX_REWRITE) {
                return new Rewritten(text, null);
            }
            return carried(question, previous, "the model's rewrite was empty or too long");
        } catch (TimeoutException e) {
            return carried(question, previous, "the model did not rewrite the question in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return carried(question, previous, "interrupted while the model rewrote the question");
        } catch (ExecutionException e) {
            LOG.warn(
                    "query rewrite by the model failed, carrying the previous question over: {}",
                    secret.scrub(e.getCause().toString()));
            return carried(question, previous, ModelFailure.describe(e.getCause(), deadline.budget()));
        }
    }

    private Rewritten carried(String question, String previous, String failure) {
        return new Rewritten(carry(question, previous), secret.scrub(failure));
    }

    /**
     * The carried-over query with the people the previous answer named, when the question refers to
     * someone by a pronoun ("他是哪所学校毕业的？" after an answer naming 马笑): the previous question
     * asked who; the answer said.
     */
    String withPerson(String carried, String question, List<Turn> history) {
        String answer = FollowUps.lastAssistantTurn(history);
        if (answer == null) {
            return carried;
        }
        if (!FollowUps.refersToPerson(question)) {
            return FollowUps.refersToThing(question) ? withThing(carried, answer) : carried;
        }
        StringBuilder out = new StringBuilder(carried);
        // In the answer's order: the analyst it names first, then the assistant.
        people.get().stream()
                .filter(p -> !p.isBlank() && answer.contains(p) && !carried.contains(p))
                .sorted(Comparator.comparingInt(answer::indexOf))
                .forEach(p -> out.append(' ').append(p));
        return out.toString();
    }

    /** A Latin-script name of three letters or more (Etna, Open-Sora, GPT-4). */
    private static final Pattern NAME =
            Pattern.compile("(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![A-Za-z0-9])");

    /**
     * The carried-over query with the name the previous answer gave, when the question refers to a
     * thing by a pronoun ("它在模型里插入了什么？" after "七火山大会上发布的模型叫什么？", answered
     * Etna): the first name of the answer's first quoted sentence. Only when the query names no thing
     * itself: "它训练分几个阶段？" after a question about Open-Sora 1.0 means Open-Sora 1.0.
     */
    static String withThing(String carried, String answer) {
        if (NAME.matcher(carried).results().anyMatch(r -> r.group().length() >= 3)) {
            return carried;
        }
        String first = answer.lines()
                .map(String::strip)
                .filter(l -> l.startsWith("- "))
                .findFirst()
                .orElse("");
        // After the label (上海证券 · 2024-03-19：) the quoted sentence begins.
        int colon = first.indexOf('：');
        Matcher m = NAME.matcher(colon < 0 ? first : first.substring(colon + 1));
        while (m.find()) {
            String name = m.group();
            if (name.length() >= 3 && !carried.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))) {
                return carried + " " + name;
            }
        }
        return carried;
    }

    /**
     * The question followed by the previous question's content, without what the question replaces:
     * a broker it names replaces the previous one, and then also the previous date (a broker and a
     * date name one report: "上海证券 3 月 25 日的周报…" → "那德邦呢？" asks about 德邦's reports, not
     * about 3 月 25 日); a date it names replaces the previous date.
     */
    String carry(String question, String previous) {
        String carried = QuestionWords.strip(previous);
        boolean namesBroker = !brokers.namedIn(question).isEmpty();
        if (namesBroker) {
            carried = brokers.withoutNames(carried, brokers.names());
        }
        if (namesBroker || DATE.matcher(question).find()) {
            carried = DATE.matcher(carried).replaceAll(" ");
        }
        carried = carried.replaceAll(PUNCTUATION, " ").replaceAll("\\s+", " ").strip();
        return carried.isEmpty() ? question : question + " " + carried;
    }
}
