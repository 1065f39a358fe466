package reportqa.server.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When an answer counts as stating the expected fact. */
class AnswerEvaluatorTest {

    @Test
    void theFactAsWrittenIgnoringSpacesAndWidth() {
        assertTrue(AnswerEvaluator.holds("视频长度达到了破纪录的 15 秒", "15秒"));
        assertTrue(AnswerEvaluator.holds("实现了 ６０ FPS", "60 FPS"));
        assertFalse(AnswerEvaluator.holds("视频长度 16 秒", "15秒"));
    }

    @Test
    void withoutAnswerStringsTheRelevantSnippetsAreTheFacts() {
        var span = new reportqa.retrieval.eval.EvalQuestion.Relevant("DEV_0", "光荣和ω-force");
        var cmrc = new reportqa.retrieval.eval.EvalQuestion(
                "DEV_0_QUERY_0", "《战国无双3》是由哪两个公司合作开发的？", java.util.List.of(span), null, null);
        assertEquals(java.util.List.of("光荣和ω-force"), cmrc.expectedFacts());
        var golden = new reportqa.retrieval.eval.EvalQuestion(
                "g60",
                "马笑加入德邦之前在哪家券商任职？",
                java.util.List.of(new reportqa.retrieval.eval.EvalQuestion.Relevant("002", "曾任新时代证券TMT组长")),
                java.util.List.of("新时代证券"),
                null);
        assertEquals(java.util.List.of("新时代证券"), golden.expectedFacts(), "answer strings come first");
        var bare = new reportqa.retrieval.eval.EvalQuestion(
                "x",
                "哪一篇？",
                java.util.List.of(new reportqa.retrieval.eval.EvalQuestion.Relevant("002", null)),
                null,
                null);
        assertEquals(java.util.List.of(), bare.expectedFacts(), "a report alone states no fact");
    }

    @Test
    void anExpectedFullDateInAnotherNotation() {
        assertTrue(AnswerEvaluator.holds("日期 2024-03-19[1]", "2024年03月19日"));
        assertTrue(AnswerEvaluator.holds("2024年3月19日发布", "2024-03-19"));
        assertFalse(AnswerEvaluator.holds("日期 2024-03-25[1]", "2024年03月19日"));
        // Only a date alone is compared as a date: more words must be there as written.
        assertFalse(AnswerEvaluator.holds("日期 2024-03-19", "2024年03月19日发布"));
        assertFalse(AnswerEvaluator.holds("3 月 19 日", "2024年03月19日"));
    }

    @Test
    void theAnsweringSearchFoundARelevantPassageWithinTheDepth() {
        var kimi = new reportqa.retrieval.eval.EvalQuestion(
                "f1",
                "那它支持多少字？",
                java.util.List.of(new reportqa.retrieval.eval.EvalQuestion.Relevant("003", "Kimi Chat 最多支持 20 万汉字")),
                java.util.List.of("20 万汉字"),
                java.util.List.of("Kimi 是什么？"));
        var found = graded(kimi, source(1, "001", "无关的段落。"), source(2, "003", "Kimi Chat 最多支持 20 万汉字的超长文本输入。"));
        var otherReport = graded(kimi, source(1, "000", "Kimi Chat 最多支持 20 万汉字的超长文本输入。"));
        var otherPassage = graded(kimi, source(1, "003", "Kimi 是月之暗面推出的智能助手。"));
        var result = new AnswerEvalResult(java.util.List.of(found, otherReport, otherPassage));
        assertEquals(1, result.foundIn(5), "only the right report's passage holding the text counts");
        assertEquals(0, result.foundIn(1), "the relevant passage is second");
        assertEquals(1.0 / 3, result.sourceRecall(5), 1e-9);
    }

    private static AnswerEvaluator.Graded graded(
            reportqa.retrieval.eval.EvalQuestion q, reportqa.server.answer.Source... sources) {
        var answer = new reportqa.server.answer.Answer(
                "",
                java.util.List.of(),
                java.util.List.of(sources),
                true,
                "test",
                null,
                null,
                null,
                null,
                "",
                "",
                reportqa.retrieval.search.FilterNote.NONE,
                "");
        return new AnswerEvaluator.Graded(q, answer, false);
    }

    private static reportqa.server.answer.Source source(int n, String report, String passage) {
        return new reportqa.server.answer.Source(
                n,
                report + "#" + n,
                report,
                "上海证券",
                "2024-03-25",
                false,
                "标题",
                "",
                passage,
                0,
                passage.length(),
                1,
                n,
                false,
                0);
    }
}
