package reportqa.server.eval;

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
    void anExpectedFullDateInAnotherNotation() {
        assertTrue(AnswerEvaluator.holds("日期 2024-03-19[1]", "2024年03月19日"));
        assertTrue(AnswerEvaluator.holds("2024年3月19日发布", "2024-03-19"));
        assertFalse(AnswerEvaluator.holds("日期 2024-03-25[1]", "2024年03月19日"));
        // Only a date alone is compared as a date: more words must be there as written.
        assertFalse(AnswerEvaluator.holds("日期 2024-03-19", "2024年03月19日发布"));
        assertFalse(AnswerEvaluator.holds("3 月 19 日", "2024年03月19日"));
    }
}
