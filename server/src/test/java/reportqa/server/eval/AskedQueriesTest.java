package reportqa.server.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.eval.EvalQuestion;
import reportqa.retrieval.eval.EvalResult;
import reportqa.retrieval.eval.Evaluator;
import reportqa.retrieval.eval.QueryForm;
import reportqa.retrieval.eval.QuestionSet;
import reportqa.retrieval.search.SearchMode;
import reportqa.retrieval.search.SearchRequest;
import reportqa.server.TestServer;
import reportqa.server.config.ServerConfig;

/**
 * Retrieval as an answer searches: a follow-up made standalone from its conversation, and the gate
 * on the held-out split measured that way. (The retrieval module's own gate searches every question
 * as written, follow-ups alone, and keeps lower floors for it.)
 */
class AskedQueriesTest {

    private static final Logger LOG = LoggerFactory.getLogger(AskedQueriesTest.class);

    /**
     * Hybrid floors on the held-out split searched as answers search it, a little under today's
     * 0.966 / 0.887 (1,270 answerable questions); issue #8 asks recall@5 0.95 and MRR@10 0.85.
     */
    private static final double RECALL_5_FLOOR = 0.95;

    private static final double MRR_10_FLOOR = 0.85;

    @Test
    void aFollowUpIsSearchedWithWhatItsConversationAskedAndAQuestionAloneAsWritten() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            AskedQueries form =
                    new AskedQueries(qa.answers(), ServerConfig.defaults().passagesPerAnswer());
            EvalQuestion followUp =
                    new EvalQuestion("f1", "那华金证券呢？", List.of(), List.of(), List.of(), List.of("德邦证券给传媒行业什么评级？"));
            SearchRequest r = form.request(followUp, Evaluator.DEPTH, SearchMode.HYBRID);
            assertTrue(r.query().contains("华金证券") && r.query().contains("评级"), r.query());
            assertFalse(r.query().contains("德邦"), r.query());
            assertEquals("那华金证券呢？", r.asked());
            assertEquals(Evaluator.DEPTH, r.k());
            assertEquals(SearchMode.HYBRID, r.mode());

            EvalQuestion alone = new EvalQuestion("q1", "Sora 能生成多长的视频？", List.of(), List.of(), List.of());
            SearchRequest a = form.request(alone, Evaluator.DEPTH, SearchMode.BM25);
            assertEquals("Sora 能生成多长的视频？", a.query());
            assertEquals(SearchMode.BM25, a.mode());
        });
    }

    @Test
    void theHeldOutSplitSearchedAsAnswersSearchItMeetsItsFloors() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            List<EvalQuestion> test = QuestionSet.load(TestServer.seedCorpus().resolve("questions-test.jsonl"));
            Evaluator asked = new Evaluator(
                    qa.library().retriever(),
                    new AskedQueries(qa.answers(), ServerConfig.defaults().passagesPerAnswer()));
            EvalResult r = asked.evaluate(test, SearchMode.HYBRID);
            EvalResult written =
                    new Evaluator(qa.library().retriever(), QueryForm.AS_WRITTEN).evaluate(test, SearchMode.HYBRID);
            LOG.info("held-out hybrid as answers search: {}; as written: {}", r.metrics(), written.metrics());
            assertTrue(r.followUps() >= 100, () -> r.followUps() + " follow-ups");
            assertTrue(r.metric("recall@5") >= RECALL_5_FLOOR, () -> "recall@5 " + r.metrics());
            assertTrue(r.metric("mrr@10") >= MRR_10_FLOOR, () -> "MRR@10 " + r.metrics());
            // The conversation is what makes a follow-up findable: searched alone they fall behind.
            assertTrue(
                    r.metric("recall@5") > written.metric("recall@5"), () -> r.metrics() + " vs " + written.metrics());
        });
    }
}
