package reportqa.server.eval;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reportqa.retrieval.eval.EvalQuestion;
import reportqa.retrieval.eval.QueryForm;
import reportqa.retrieval.search.SearchMode;
import reportqa.retrieval.search.SearchRequest;
import reportqa.server.answer.AskRequest;
import reportqa.server.answer.Turn;
import reportqa.server.pipeline.AnswerPipeline;

/**
 * Searches each question of a set as an answer to it would: romanised names in Chinese, and a
 * follow-up made standalone from its conversation (its earlier questions asked and answered first).
 * Retrieval measured this way is what a user of the chat gets; a follow-up searched alone
 * ("那德邦呢？") measures nothing the product does.
 */
public final class AskedQueries implements QueryForm {

    private final AnswerPipeline answers;
    private final int k;
    /**
     * Conversations by their questions: an evaluation of every mode asks for each one three times.
     * Not synchronised: an {@code Evaluator} searches one question at a time.
     */
    private final Map<List<String>, List<Turn>> conversations = new HashMap<>();

    /** @param k passages per answer for the earlier questions' answers */
    public AskedQueries(AnswerPipeline answers, int k) {
        this.answers = answers;
        this.k = k;
    }

    @Override
    public SearchRequest request(EvalQuestion question, int depth, SearchMode mode) throws IOException {
        List<Turn> turns = conversations.get(question.history());
        if (turns == null) {
            turns = Conversations.of(answers, question.history(), k);
            conversations.put(question.history(), turns);
        }
        return answers.search(new AskRequest(question.question(), turns, null, depth, mode));
    }
}
