package reportqa.retrieval.eval;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.TestCorpus;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.BgeSmallZhEmbedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.search.HybridOptions;
import reportqa.retrieval.search.SearchMode;

/**
 * The retrieval gate on data nobody here wrote: CMRC 2018 dev (848 documents, 3,219 questions),
 * default settings, hybrid. The benchmark is not part of the project; its folder is passed as
 * {@code -Dreportqa.cmrc=DIR} (relative to the project root), as the README's test command and
 * {@code .ci/run} do. Without it the gate is skipped, saying so.
 */
class CmrcRetrievalGateTest {

    private static final Logger LOG = LoggerFactory.getLogger(CmrcRetrievalGateTest.class);

    /** The system property naming the benchmark folder (with {@code questions.jsonl} and {@code corpus/}). */
    static final String PROPERTY = "reportqa.cmrc";

    private static final double RECALL_AT_5 = 0.95;
    private static final double MRR_AT_10 = 0.85;

    @Test
    void hybridRetrievalMeetsItsFloorsOnCmrcDev(@TempDir Path tmp) throws Exception {
        String given = System.getProperty(PROPERTY, "");
        Assumptions.assumeFalse(given.isBlank(), "CMRC gate skipped: no -D" + PROPERTY + "=DIR given");
        Path dir = TestCorpus.dir().getParent().resolve(given).normalize();
        Assumptions.assumeTrue(
                Files.isRegularFile(dir.resolve("questions.jsonl")) && Files.isDirectory(dir.resolve("corpus")),
                "CMRC gate skipped: " + dir + " has no questions.jsonl and corpus/");
        List<EvalQuestion> questions = QuestionSet.load(dir.resolve("questions.jsonl"));
        BgeSmallZhEmbedder model = new BgeSmallZhEmbedder();
        ReportLibrary.Config config = new ReportLibrary.Config(
                dir.resolve("corpus"),
                tmp.resolve("index"),
                tmp.resolve("cache"),
                new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, model.modelId()),
                HybridOptions.DEFAULT);
        try (ReportLibrary lib =
                ReportLibrary.open(config, model, IndexProgress.NONE).library()) {
            EvalResult r = new Evaluator(lib.retriever()).evaluate(questions, SearchMode.HYBRID);
            LOG.info(
                    "CMRC dev hybrid: {} questions, {} ({} ms/query)", r.questions(), r.metrics(), r.meanQueryMillis());
            assertAll(
                    () -> assertTrue(r.questions() >= 3000, () -> r.questions() + " questions scored"),
                    () -> assertTrue(
                            r.metric("recall@5") >= RECALL_AT_5,
                            () -> "recall@5 below " + RECALL_AT_5 + ": " + r.metrics()),
                    () -> assertTrue(
                            r.metric("mrr@10") >= MRR_AT_10, () -> "mrr@10 below " + MRR_AT_10 + ": " + r.metrics()));
        }
    }
}
