package reportqa.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.search.HybridOptions;
import reportqa.server.Application;
import reportqa.server.CountingEmbedder;
import reportqa.server.TestServer;
import reportqa.server.config.ServerConfig;

/** The warm-up questions and their asking, over a real library. */
class WarmUpTest {

    @Test
    void theQuestionsAreTheFilesNonCommentLinesEachTakingOtherPaths() {
        List<String> questions = WarmUp.questions();
        assertEquals(3, questions.size(), questions.toString());
        assertEquals(3, new HashSet<>(questions).size());
        for (String q : questions) {
            assertFalse(q.isBlank() || q.startsWith("#"), q);
        }
        // Chinese only; a pinyin-spelled name among Chinese (the name rewrite); English only.
        assertTrue(questions.get(0).codePoints().noneMatch(c -> c < 128 && Character.isLetter(c)));
        assertTrue(questions.get(1).matches("[A-Z][a-z]+ [A-Z][a-z]+ \\p{IsHan}.*"), questions.get(1));
        assertTrue(questions
                .get(2)
                .codePoints()
                .noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
    }

    @Test
    void theChineseQuestionIsAskedBeforeServingTheOthersAfter() {
        assertEquals(List.of(WarmUp.questions().get(0)), WarmUp.beforeServing());
        assertEquals(WarmUp.questions().subList(1, 3), WarmUp.afterServing());
    }

    @Test
    void theLaterQuestionsWaitUntilNoQuestionIsBeingAnswered(@TempDir Path data) throws Exception {
        CountingEmbedder model = new CountingEmbedder(TestServer.embedder());
        ServerConfig config =
                ServerConfig.defaults().withDirs(data, TestServer.seedCorpus()).withPort(0);
        ReportLibrary.Config lib = ReportLibrary.Config.under(
                data,
                TestServer.seedCorpus(),
                new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, model.modelId()),
                HybridOptions.DEFAULT);
        try (Application app = Application.open(config, lib, model, null, IndexProgress.NONE)) {
            // A user's question under way as serving begins.
            Activity.Answering users = app.answers().activity().begin();
            Thread later = WarmUp.inBackground(app.answers(), () -> false);
            Thread.sleep(2 * WarmUp.QUIET.toMillis());
            // Still waiting, not answering: its stack is in the wait (sleeping or checking).
            assertTrue(
                    Arrays.stream(later.getStackTrace())
                            .anyMatch(f -> f.getMethodName().equals("awaitQuiet")),
                    Arrays.toString(later.getStackTrace()));
            assertEquals(List.of(), model.questions(), "no warm-up question while a user's is answered");
            users.close();
            later.join(60_000);
            assertFalse(later.isAlive());
            assertEquals(
                    WarmUp.afterServing().size(),
                    model.questions().size(),
                    model.questions().toString());
        }
    }

    @Test
    void everyQuestionIsAnsweredOnAnOpenLibraryAndEachFailureIsToldOnAClosedOne(@TempDir Path data) throws Exception {
        ServerConfig config =
                ServerConfig.defaults().withDirs(data, TestServer.seedCorpus()).withPort(0);
        ReportLibrary.Config lib = ReportLibrary.Config.under(
                data,
                TestServer.seedCorpus(),
                new IndexSettings(
                        Analysis.DEFAULT,
                        ChunkingOptions.DEFAULT,
                        TestServer.embedder().modelId()),
                HybridOptions.DEFAULT);
        Application app = Application.open(config, lib, TestServer.embedder(), null, IndexProgress.NONE);
        try {
            assertEquals(List.of(), WarmUp.run(app.answers()));
        } finally {
            app.close();
        }
        // The questions after serving, on their own thread: it ends, and asks nothing once stopping.
        Thread later = WarmUp.inBackground(app.answers(), () -> false);
        assertEquals(WarmUp.THREAD, later.getName());
        assertTrue(later.isDaemon());
        later.join(60_000);
        assertFalse(later.isAlive());
        // Stopping: no question is asked (asked on the closed index, each would fail).
        assertEquals(List.of(), WarmUp.run(app.answers(), WarmUp.afterServing(), () -> true));
        // The index closed under it: every question fails, none stops the others, nothing is thrown.
        List<String> failed = WarmUp.run(app.answers());
        assertEquals(WarmUp.questions().size(), failed.size(), failed.toString());
        for (int i = 0; i < failed.size(); i++) {
            assertTrue(failed.get(i).startsWith(WarmUp.questions().get(i) + ": "), failed.get(i));
            assertTrue(failed.get(i).length() > WarmUp.questions().get(i).length() + 2, "a reason");
        }
    }
}
