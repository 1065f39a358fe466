package reportqa.retrieval.eval;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
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
 * The retrieval gate on the golden questions' held-out split ({@code questions-test.jsonl}, written
 * after retrieval was tuned and never tuned on): every mode must stay above its floor, set a
 * little under today's held-out figures (870 answerable questions: hybrid recall@5 0.938, MRR@10
 * 0.858; BM25 0.916 and 0.850; dense 0.820 and 0.677), so a regression in either side of the fusion
 * fails here even while hybrid still passes. The floors follow the split: when new held-out
 * questions join it (harder ones lowered the figures without any change of code), they are set again
 * under its new figures. The tuning split is measured and logged too.
 */
class GoldenSetEvaluationTest {

    private static final Logger LOG = LoggerFactory.getLogger(GoldenSetEvaluationTest.class);

    /** Floors per mode: recall@5 and MRR@10. */
    private static final Map<SearchMode, Floors> FLOORS = Map.of(
            SearchMode.HYBRID, new Floors(0.91, 0.83),
            SearchMode.BM25, new Floors(0.88, 0.82),
            SearchMode.DENSE, new Floors(0.80, 0.66));

    private record Floors(double recallAt5, double mrrAt10) {}

    /** Hybrid floors on the questions that are not follow-ups (issue #8 asks 0.95 / 0.85: not met). */
    private static final Floors STANDALONE = new Floors(0.93, 0.85);

    private static List<EvalQuestion> questions;
    private static List<EvalQuestion> tuning;
    private static Evaluator evaluator;

    @BeforeAll
    static void openTheSeedLibrary() throws Exception {
        questions = QuestionSet.load(TestCorpus.dir().resolve("questions-test.jsonl"));
        tuning = QuestionSet.load(TestCorpus.dir().resolve("questions-tuning.jsonl"));
        ReportLibrary lib = SeedLibrary.get();
        evaluator = new Evaluator(lib.retriever());
    }

    @Test
    void theGoldenSetIsLargeEnoughAndHasUnanswerableQuestions() {
        assertTrue(questions.size() >= 60, () -> questions.size() + " questions");
        assertTrue(questions.stream().anyMatch(q -> !q.answerable()), "some questions the reports cannot answer");
    }

    @Test
    void everyQuestionIdIsUsedOnceAcrossBothSplits() {
        // A batch written later must not reuse an earlier batch's ids: the evaluation reports misses by
        // id, and two questions under one id were counted as one.
        List<String> ids = new ArrayList<>();
        tuning.forEach(q -> ids.add(q.id()));
        questions.forEach(q -> ids.add(q.id()));
        assertEquals(ids.size(), new HashSet<>(ids).size(), "duplicate ids among " + ids.size());
    }

    @Test
    void everyModeMeetsItsFloorsOnTheGoldenSet() throws Exception {
        assertEquals(SearchMode.values().length, FLOORS.size(), "every mode has floors");
        long answerable = questions.stream().filter(EvalQuestion::answerable).count();
        for (SearchMode mode : SearchMode.values()) {
            EvalResult t = evaluator.evaluate(tuning, mode);
            LOG.info("golden tuning split {}: {} misses={}", mode.key(), t.metrics(), t.misses());
            EvalResult r = evaluator.evaluate(questions, mode);
            // In total only: the held-out split's misses in every build log would invite tuning on it.
            LOG.info("golden held-out split {}: {}", mode.key(), r.metrics());
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
    void questionsThatAreNotFollowUpsStayAboveTheirGateFloors() throws Exception {
        // A follow-up ("第三条是啥？") searched without its conversation finds nothing by construction;
        // the answering search, which reads the conversation, is judged on all of them by eval-answers.
        // Issue #8's floor is 0.95 / 0.85; the held-out file's 529 such questions give 0.947 / 0.882
        // since the 23rd to 25th batches joined it, and the gate stays a little under that.
        EvalResult r = evaluator.evaluate(questions, SearchMode.HYBRID);
        LOG.info("golden held-out split hybrid, {} follow-ups apart: {}", r.followUps(), r.metrics());
        assertTrue(r.followUps() > 0 && r.followUps() < r.questions(), () -> r.followUps() + " follow-ups");
        assertTrue(
                r.metric(EvalResult.STANDALONE_RECALL_5) >= STANDALONE.recallAt5(), () -> "standalone: " + r.metrics());
        assertTrue(r.metric(EvalResult.STANDALONE_MRR_10) >= STANDALONE.mrrAt10(), () -> "standalone: " + r.metrics());
    }

    @Test
    void followUpsAreCountedApartFromTheQuestionsThatStandAlone() throws Exception {
        EvalQuestion alone = new EvalQuestion(
                "a",
                "Sora 能生成多长的视频？",
                List.of(new EvalQuestion.Relevant("001_e256dbcac6dad0ec", "一分钟")),
                null,
                null,
                null);
        EvalQuestion followUp = new EvalQuestion(
                "f",
                "第三条是啥？",
                List.of(new EvalQuestion.Relevant("no-such-report", null)),
                null,
                null,
                List.of("风险有哪些？"));
        EvalResult r = evaluator.evaluate(List.of(alone, followUp), SearchMode.HYBRID);
        assertEquals(2, r.questions());
        assertEquals(1, r.followUps());
        assertEquals(0.5, r.metric("recall@5"), 1e-9);
        assertEquals(1.0, r.metric(EvalResult.STANDALONE_RECALL_5), 1e-9);
        assertEquals(List.of("f"), r.misses());
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
