package reportqa.server.answer;

import dev.langchain4j.model.chat.ChatModel;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.search.QuestionWords;

/**
 * Makes a follow-up question ("那德邦怎么看？") standalone for retrieval: with the model when one is
 * configured; otherwise, and when the model fails, by carrying the previous question's content
 * over (minus a broker the new question replaces).
 */
public final class QueryRewriter {

    private static final Logger LOG = LoggerFactory.getLogger(QueryRewriter.class);
    private static final Pattern FOLLOW_UP = Pattern.compile(
            "^(那|那么|还有|另外|此外|其|它|他|她|他们|它们|该|这|此|那个|这个|and\\b|what about|how about|and what)|呢[？?]?$",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_REWRITE = 300;

    private final ChatModel model;
    private final Prompts prompts;
    private final BrokerRegistry brokers;
    private final String secret;

    /**
     * @param model the model, or null for the heuristic only
     * @param secret the API key, scrubbed from anything logged (may be empty)
     */
    public QueryRewriter(ChatModel model, Prompts prompts, BrokerRegistry brokers, String secret) {
        this.model = model;
        this.prompts = prompts;
        this.brokers = brokers;
        this.secret = secret == null ? "" : secret;
    }

    /** Whether the question is a follow-up that needs rewriting. */
    public boolean needsRewrite(String question, List<Turn> history) {
        return lastUserTurn(history) != null && looksLikeFollowUp(question);
    }

    /** The heuristic rewrite, with the reason the model's rewrite was not used. */
    public Rewritten carried(String question, List<Turn> history, String failure) {
        String previous = lastUserTurn(history);
        return new Rewritten(previous == null ? question : carry(question, previous), failure);
    }

    /** A rewritten query and, when the model failed, why. */
    public record Rewritten(String query, String failure) {
    }

    public Rewritten rewrite(String question, List<Turn> history) {
        String previous = lastUserTurn(history);
        if (previous == null || !looksLikeFollowUp(question)) {
            return new Rewritten(question, null);
        }
        if (model != null) {
            try {
                String text = model.chat(prompts.render(Prompts.Template.REWRITE,
                        Map.of("history", transcript(history), "question", question))).strip();
                if (!text.isEmpty() && text.length() <= MAX_REWRITE) {
                    return new Rewritten(text, null);
                }
                return new Rewritten(carry(question, previous), "the model's rewrite was empty or too long");
            } catch (RuntimeException e) {
                String why = secret.isEmpty() ? e.toString() : e.toString().replace(secret, "***");
                LOG.warn("query rewrite by the model failed, carrying the previous question over: {}", why);
                return new Rewritten(carry(question, previous), ModelFailure.describe(e));
            }
        }
        return new Rewritten(carry(question, previous), null);
    }

    /** A follow-up says so (那…, 还有…, 它…, …呢？, what about …): a short question alone is not one. */
    static boolean looksLikeFollowUp(String q) {
        return FOLLOW_UP.matcher(q.strip()).find();
    }

    /** The question followed by the previous question's content, without brokers the question replaces. */
    String carry(String question, String previous) {
        String carried = QuestionWords.strip(previous);
        boolean namesBroker = brokers.brokers().stream().anyMatch(b -> b.names().stream().anyMatch(question::contains));
        if (namesBroker) {
            carried = brokers.withoutNames(carried, brokers.names());
        }
        carried = carried.replaceAll("[\\p{Punct}，。！？；：、“”‘’（）【】《》]", " ").replaceAll("\\s+", " ").strip();
        return carried.isEmpty() ? question : question + " " + carried;
    }

    private static String lastUserTurn(List<Turn> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).role() == Turn.Role.USER && !history.get(i).content().isBlank()) {
                return history.get(i).content();
            }
        }
        return null;
    }

    private static String transcript(List<Turn> history) {
        StringBuilder sb = new StringBuilder();
        for (Turn t : history) {
            sb.append(t.role().key()).append(": ").append(t.content().strip()).append('\n');
        }
        return sb.toString().strip();
    }
}
