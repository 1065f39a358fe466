package reportqa.server.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import reportqa.server.answer.Answer;
import reportqa.server.answer.AskRequest;
import reportqa.server.answer.Turn;
import reportqa.server.pipeline.AnswerPipeline;

/** The conversation before a follow-up of a question set: each earlier question asked in turn, and answered. */
final class Conversations {

    private Conversations() {}

    /** The turns of {@code history} (earlier questions, oldest first) with the answers the pipeline gives them. */
    static List<Turn> of(AnswerPipeline answers, List<String> history, int k) throws IOException {
        List<Turn> turns = new ArrayList<>();
        for (String earlier : history) {
            Answer a = answers.ask(new AskRequest(earlier, List.copyOf(turns), null, k, null));
            turns.add(new Turn(Turn.Role.USER, earlier));
            turns.add(new Turn(Turn.Role.ASSISTANT, a.answer()));
        }
        return turns;
    }
}
