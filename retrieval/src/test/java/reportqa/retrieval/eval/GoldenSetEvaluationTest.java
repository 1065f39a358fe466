package reportqa.retrieval.eval;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.SeedLibrary;
import reportqa.retrieval.TestCorpus;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.SearchMode;

/**
 * The retrieval gate: every mode on the golden set must stay above its floor. Hybrid (the default)
 * has the floors of issue #2; BM25 and dense have floors a little under today's figures (BM25
 * recall@5 0.957, MRR@10 0.893; dense 0.755 and 0.624), so a regression in either side of the
 * fusion fails here even while hybrid still passes.
 */
class GoldenSetEvaluationTest {

    private static final Logger LOG = LoggerFactory.getLogger(GoldenSetEvaluationTest.class);

    /** Floors per mode: recall@5 and MRR@10. */
    private static final Map<SearchMode, Floors> FLOORS = Map.of(
            SearchMode.HYBRID, new Floors(0.95, 0.85),
            SearchMode.BM25, new Floors(0.93, 0.85),
            SearchMode.DENSE, new Floors(0.70, 0.55));

    private record Floors(double recallAt5, double mrrAt10) {}

    private static List<EvalQuestion> questions;
    private static Evaluator evaluator;

    @BeforeAll
    static void openTheSeedLibrary() throws Exception {
        questions = QuestionSet.load(TestCorpus.dir().resolve("questions.jsonl"));
        ReportLibrary lib = SeedLibrary.get();
        evaluator = new Evaluator(lib.retriever());
    }

    @Test
    void theGoldenSetIsLargeEnoughAndHasUnanswerableQuestions() {
        assertTrue(questions.size() >= 60, () -> questions.size() + " questions");
        assertTrue(questions.stream().anyMatch(q -> !q.answerable()), "some questions the reports cannot answer");
    }

    @Test
    void everyModeMeetsItsFloorsOnTheGoldenSet() throws Exception {
        assertEquals(SearchMode.values().length, FLOORS.size(), "every mode has floors");
        long answerable = questions.stream().filter(EvalQuestion::answerable).count();
        for (SearchMode mode : SearchMode.values()) {
            EvalResult r = evaluator.evaluate(questions, mode);
            LOG.info("golden set {}: {} misses={}", mode.key(), r.metrics(), r.misses());
            Floors floors = FLOORS.get(mode);
            assertAll(
                    mode.key(),
                    () -> assertEquals(mode.key(), r.mode()),
                    () -> assertEquals(answerable, r.questions(), "unanswerable questions are not scored"),
                    () -> assertTrue(
                            r.metric("recall@5") >= floors.recallAt5(),
                            () -> mode.key() + " recall@5 below " + floors.recallAt5() + ": " + r.metrics()),
                    () -> assertTrue(
                            r.metric("mrr@10") >= floors.mrrAt10(),
                            () -> mode.key() + " mrr@10 below " + floors.mrrAt10() + ": " + r.metrics()),
                    () -> assertTrue(
                            r.metric("recall@10") >= r.metric("recall@5")
                                    && r.metric("recall@5") >= r.metric("recall@1"),
                            () -> "recall grows with depth: " + r.metrics()));
        }
    }

    @Test
    void relevanceIgnoresWhitespaceAndNeedsTheRightReport() {
        EvalQuestion q = new EvalQuestion("q", "?", List.of(new EvalQuestion.Relevant("r1", "1.55 倍")), null, null);
        Passage p = new Passage("r1#0", "r1", "实现了1.55倍的加速", "", false, 0, 10, 1, 1, null);
        assertTrue(Evaluator.relevant(q, p));
        Passage other = new Passage("r2#0", "r2", "实现了1.55倍的加速", "", false, 0, 10, 1, 1, null);
        assertFalse(Evaluator.relevant(q, other));
        EvalQuestion anyPassage =
                new EvalQuestion("q", "?", List.of(new EvalQuestion.Relevant("r2", null)), null, null);
        assertTrue(Evaluator.relevant(anyPassage, other));
    }
}
