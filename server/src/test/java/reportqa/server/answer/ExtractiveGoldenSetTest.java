package reportqa.server.answer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.eval.EvalQuestion;
import reportqa.retrieval.eval.QuestionSet;
import reportqa.retrieval.text.TextMatch;
import reportqa.server.TestServer;
import reportqa.server.config.ServerConfig;

/**
 * The extractive answer (the default a new user meets) over the golden set: it must contain the
 * expected fact for at least 85% of answerable questions, and abstain on the unanswerable ones.
 */
class ExtractiveGoldenSetTest {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractiveGoldenSetTest.class);

    @Test
    void extractiveAnswersContainTheFactAndAbstainWhenTheReportsCannotAnswer() throws Exception {
        List<EvalQuestion> questions = QuestionSet.load(TestServer.seedCorpus().resolve("questions.jsonl"));
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            int answerable = 0;
            int correct = 0;
            int unanswerable = 0;
            int abstained = 0;
            List<String> wrong = new ArrayList<>();
            for (EvalQuestion q : questions) {
                Answer a = qa.answers().ask(AskRequest.of(q.question(), 6));
                if (q.answerable()) {
                    answerable++;
                    boolean ok = !a.abstained() && q.answer().stream().anyMatch(x -> TextMatch.contains(a.answer(), x));
                    if (ok) {
                        correct++;
                    } else {
                        wrong.add(q.id() + (a.abstained() ? "(" + a.abstainReason() + ")" : ""));
                    }
                } else {
                    unanswerable++;
                    if (a.abstained()) {
                        abstained++;
                    } else {
                        wrong.add(q.id() + "(answered)");
                    }
                }
            }
            double accuracy = (double) correct / answerable;
            double abstention = (double) abstained / unanswerable;
            LOG.info(
                    "extractive golden set: fact in answer {}/{} = {}; abstained {}/{} = {}; misses {}",
                    correct,
                    answerable,
                    String.format("%.3f", accuracy),
                    abstained,
                    unanswerable,
                    String.format("%.3f", abstention),
                    wrong);
            assertTrue(accuracy >= 0.85, "fact in the answer for " + correct + "/" + answerable + "; misses " + wrong);
            assertTrue(unanswerable >= 8);
            assertTrue(abstention >= 0.99, "abstained on " + abstained + "/" + unanswerable + "; misses " + wrong);
        });
    }
}
