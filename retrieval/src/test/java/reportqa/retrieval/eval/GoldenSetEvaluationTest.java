package reportqa.retrieval.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.SeedLibrary;
import reportqa.retrieval.TestCorpus;
import reportqa.retrieval.search.SearchMode;

/** The retrieval gate: the default mode on the golden set must stay above the floors of issue #2. */
class GoldenSetEvaluationTest {

    private static final Logger LOG = LoggerFactory.getLogger(GoldenSetEvaluationTest.class);

    @Test
    void hybridRetrievalMeetsTheFloorsOnTheGoldenSet() throws Exception {
        List<EvalQuestion> questions = QuestionSet.load(TestCorpus.dir().resolve("questions.jsonl"));
        assertTrue(questions.size() >= 60);
        ReportLibrary lib = SeedLibrary.get();
        Evaluator evaluator = new Evaluator(lib.retriever(), lib.index());
        for (SearchMode mode : SearchMode.values()) {
            EvalResult r = evaluator.evaluate(questions, mode);
            LOG.info("golden set {}: {} misses={}", mode.key(), r.metrics(), r.misses());
        }
        EvalResult hybrid = evaluator.evaluate(questions, SearchMode.HYBRID);
        assertEquals(questions.stream().filter(EvalQuestion::answerable).count(), hybrid.questions(),
                "unanswerable questions are not scored");
        assertTrue(hybrid.metric("recall@5") >= 0.95, () -> "recall@5 " + hybrid.metrics());
        assertTrue(hybrid.metric("mrr@10") >= 0.85, () -> "mrr@10 " + hybrid.metrics());
    }

    @Test
    void relevanceIgnoresWhitespaceAndNeedsTheRightReport() {
        EvalQuestion q = new EvalQuestion("q", "?", List.of(new EvalQuestion.Relevant("r1", "1.55 倍")), null, null);
        var p = new reportqa.retrieval.search.Passage("r1#0", "r1", "实现了1.55倍的加速", "", false, 0, 10, 1, 1, null);
        assertTrue(Evaluator.relevant(q, p));
        var other = new reportqa.retrieval.search.Passage("r2#0", "r2", "实现了1.55倍的加速", "", false, 0, 10, 1, 1, null);
        assertTrue(!Evaluator.relevant(q, other));
        EvalQuestion anyPassage = new EvalQuestion("q", "?", List.of(new EvalQuestion.Relevant("r2", null)), null, null);
        assertTrue(Evaluator.relevant(anyPassage, other));
    }
}
