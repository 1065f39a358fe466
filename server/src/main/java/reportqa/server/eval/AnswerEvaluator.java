package reportqa.server.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import reportqa.retrieval.eval.EvalQuestion;
import reportqa.retrieval.text.Dates;
import reportqa.retrieval.text.TextMatch;
import reportqa.server.answer.Answer;
import reportqa.server.answer.AskRequest;
import reportqa.server.pipeline.AnswerPipeline;

/**
 * Asks every question of a set and grades the answer: an answerable question is right when the
 * answer does not abstain and contains one of the expected facts ({@code EvalQuestion.expectedFacts}: the
 * answer strings, else the relevant snippets), ignoring whitespace and width;
 * an unanswerable one is right when the answer abstains with a reason. A follow-up is asked after
 * its {@code history}, whose answers become the conversation, as a user's would.
 */
public final class AnswerEvaluator {

    private final AnswerPipeline answers;
    private final int k;

    public AnswerEvaluator(AnswerPipeline answers, int k) {
        this.answers = answers;
        this.k = k;
    }

    /** One question's outcome. */
    public record Graded(EvalQuestion question, Answer answer, boolean right) {

        /** Why it is wrong, in a few words, for the list of misses. */
        public String miss() {
            if (question.answerable()) {
                return question.id() + (answer.abstained() ? " (abstained: " + answer.abstainReason() + ")" : "");
            }
            return question.id() + " (answered)";
        }
    }

    public AnswerEvalResult evaluate(List<EvalQuestion> questions) throws IOException {
        List<Graded> graded = new ArrayList<>();
        for (EvalQuestion q : questions) {
            Answer a =
                    answers.ask(new AskRequest(q.question(), Conversations.of(answers, q.history(), k), null, k, null));
            graded.add(new Graded(q, a, right(q, a)));
        }
        return new AnswerEvalResult(graded);
    }

    static boolean right(EvalQuestion q, Answer a) {
        if (!q.answerable()) {
            return a.abstained()
                    && a.abstainReason() != null
                    && !a.abstainReason().isBlank();
        }
        return !a.abstained() && q.expectedFacts().stream().anyMatch(x -> holds(a.answer(), x));
    }

    /**
     * Whether an answer states the expected fact: as written (ignoring whitespace and width), or, for
     * an expected full date, in another notation (2024-03-19 for 2024年03月19日): the same fact.
     */
    static boolean holds(String answer, String expected) {
        if (TextMatch.contains(answer, expected)) {
            return true;
        }
        List<Dates.Found> dates = Dates.fullDates(expected);
        return dates.size() == 1
                && dates.get(0).source().length() >= expected.strip().length() - 1
                && Dates.mentions(answer, dates.get(0).date());
    }
}
