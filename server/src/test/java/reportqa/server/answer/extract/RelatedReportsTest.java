package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A report's list of related reports, and when a question names one of them. */
class RelatedReportsTest {

    private static final String LIST = "相关报告：\n《2024W11 周数据跟踪》\n\n——2024 年 03 月 21 日\n"
            + "《传媒互联网行业周报：OpenAI 发布 Sora 视频模型；春节档票房创历史新高》，2024.2.18\n正文……";

    @Test
    void eachTitleHasTheDateAfterItOrOnTheNextLine() {
        assertEquals(
                List.of(
                        new RelatedReports.Entry("2024W11 周数据跟踪", "2024 年 03 月 21 日", "——2024 年 03 月 21 日"),
                        new RelatedReports.Entry(
                                "传媒互联网行业周报：OpenAI 发布 Sora 视频模型；春节档票房创历史新高",
                                "2024.2.18",
                                "《传媒互联网行业周报：OpenAI 发布 Sora 视频模型；春节档票房创历史新高》，2024.2.18")),
                RelatedReports.entries(LIST));
    }

    @Test
    void aTitleIsNamedWholeNotByTheWordsItSharesWithAQuestion() {
        assertTrue(RelatedReports.named("《2024W11 周数据跟踪》是哪天发的？", "2024W11 周数据跟踪"));
        assertTrue(RelatedReports.named("其中 2024W09周数据跟踪是哪天出的", "2024W09 周数据跟踪"));
        assertFalse(RelatedReports.named("上海证券的 2024W12 周数据跟踪是哪天发的", "2024W11 周数据跟踪"));
        assertFalse(RelatedReports.named("OpenAI 是哪天发布 Sora 的？", "传媒互联网行业周报：OpenAI 发布 Sora 视频模型；春节档票房创历史新高"));
        // A question quoting another title names none of the list's.
        assertFalse(RelatedReports.named("《2024W09 周数据跟踪》里 2024W11 周数据跟踪是哪天", "2024W11 周数据跟踪"));
    }
}
