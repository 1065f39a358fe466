package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which report a question about a report's header means. */
class HeaderFactsTest {

    private static final String WEEKLY_1 = "周观点：七火山开发 AI 视频模型，OpenAI 开源 Transformer Debugger";
    private static final String WEEKLY_2 = "周观点：Kimi 升级 200 万超长文本输入，Colossal AI 开源视频生成模型 Open Sora 1.0";

    @Test
    void aTopicOfTheTitleNamedInItsOwnWordsPicksTheReport() {
        assertTrue(HeaderFacts.namesTitleTopic("七火山那期上海证券周报是哪天发的？", WEEKLY_1));
        assertFalse(HeaderFacts.namesTitleTopic("七火山那期上海证券周报是哪天发的？", WEEKLY_2));
        assertTrue(HeaderFacts.namesTitleTopic("讲Kimi的那期周报是哪天的？", WEEKLY_2));
        assertFalse(HeaderFacts.namesTitleTopic("讲Kimi的那期周报是哪天的？", WEEKLY_1));
    }

    @Test
    void questionAndReportWordsNameNoTopic() {
        // 周观点 is in both titles, but 哪天发 / 周报是 are words of the question, not of a topic.
        assertFalse(HeaderFacts.namesTitleTopic("上海证券那期周报是哪天发的？", WEEKLY_1));
        // Latin words shorter than three letters (AI) are in too many titles to pick one.
        assertFalse(HeaderFacts.namesTitleTopic("讲AI的那期是哪天发的？", WEEKLY_1));
    }
}
