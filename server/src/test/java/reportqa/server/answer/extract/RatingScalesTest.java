package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading a broker's rating scale from its back matter, and which rating a question asks about. */
class RatingScalesTest {

    /** A report's body before its back matter: a rating word at a line's start here is no definition. */
    private static final String BODY = "推荐：关注估值修复的传媒公司，市场表现与收益有望改善。\n".repeat(30);

    /** A scale as cleaning leaves it: the table's cells joined by spaces, a heading run into a cell. */
    private static final String HEADED = BODY + "股票投资评级： 分析师给出下列评级中的其中一项代表其看法。\n"
            + "买入 股价表现将强于基准指数 20%以上\n"
            + "增持 股价表现将强于基准指数 5-20%\n"
            + "中性 股价表现将介于基准指数±5%之间\n"
            + "无评级 由于我们无法获取必要的资料，或者公司面临重大不确定性事件，致使我们无法给出明确的投资评级行业投资评级： 分析师给出下列评级中的其中一项。\n"
            + "增持 行业基本面看好，相对表现优于同期基准指数\n"
            + "中性 行业基本面稳定，相对表现与同期基准指数持平\n"
            + "相关证券市场基准指数说明：A 股市场以沪深 300 指数为基准；港股市场以恒生指数为基准。";

    /** A scale with no scope headings: two tables run on, told apart by the rating that comes again. */
    private static final String UNHEADED = BODY + "1. 投资评级的比较和评级标准： 以报告发布后的6个月内的市场表现为比较标准； 买入 相对强于市场表现20%以上；\n"
            + "增持 相对强于市场表现5%~20%；\n"
            + "中性 相对市场表现在-5%~+5%之间波动；\n"
            + "2. 市场基准指数的比较标准： A股市场以上证综指或深证成指为基准；香港市场以恒生指数为基准。 优于大市 预期行业整体回报高于基准指数整体水平10%以上；\n"
            + "中性 预期行业整体回报介于基准指数整体水平-10%与10%之间；";

    /** A return scale and a risk scale, each rating with a dash; the report's own rating in its header. */
    private static final String DASHED = "投资评级 领先大市-A维持\n" + BODY + "行业评级体系\n收益评级：\n"
            + "领先大市—未来 6 个月的投资收益率领先沪深 300 指数 10%以上；\n"
            + "落后大市—未来 6 个月的投资收益率落后沪深 300 指数 10%以上；\n风险评级：\n"
            + "A—正常风险，未来 6 个月投资收益率的波动小于等于沪深 300 指数波动；\n"
            + "B—较高风险，未来 6 个月投资收益率的波动大于沪深 300 指数波动；";

    private static List<String> defined(String text, String scope, String term) {
        return RatingScales.definitions(text).stream()
                .filter(d -> d.scope().equals(scope) && d.term().equals(term))
                .map(RatingScales.Definition::text)
                .toList();
    }

    @Test
    void aRatingIsDefinedPerScopeUnderItsHeading() {
        assertEquals(List.of("增持 股价表现将强于基准指数 5-20%"), defined(HEADED, "stock", "增持"));
        assertEquals(List.of("增持 行业基本面看好，相对表现优于同期基准指数"), defined(HEADED, "industry", "增持"));
        // The heading run into the last cell ends that cell's definition.
        assertEquals(List.of("无评级 由于我们无法获取必要的资料，或者公司面临重大不确定性事件，致使我们无法给出明确的投资评级"), defined(HEADED, "stock", "无评级"));
    }

    @Test
    void withoutHeadingsTheScopeComesFromTheDefinitionTheTermAndItsTable() {
        // 买入 rates stocks; 增持 and the first 中性 share its table; the second 中性 speaks of 行业.
        assertEquals(List.of("增持 相对强于市场表现5%~20%"), defined(UNHEADED, "stock", "增持"));
        assertEquals(List.of("中性 相对市场表现在-5%~+5%之间波动"), defined(UNHEADED, "stock", "中性"));
        assertEquals(List.of("中性 预期行业整体回报介于基准指数整体水平-10%与10%之间"), defined(UNHEADED, "industry", "中性"));
        assertEquals(List.of("优于大市 预期行业整体回报高于基准指数整体水平10%以上"), defined(UNHEADED, "industry", "优于大市"));
    }

    @Test
    void aDashedRatingIsReadAndTheHeadersOwnRatingIsNoDefinition() {
        assertEquals(List.of("B—较高风险，未来 6 个月投资收益率的波动大于沪深 300 指数波动"), defined(DASHED, "risk", "B"));
        assertEquals(List.of("领先大市—未来 6 个月的投资收益率领先沪深 300 指数 10%以上"), defined(DASHED, "industry", "领先大市"));
        // 领先大市-A维持 in the header says which rating the report gives, not what it means; the
        // body's 推荐： lines are no definitions either.
        assertEquals(
                List.of("领先大市", "落后大市", "A", "B"),
                RatingScales.definitions(DASHED).stream()
                        .map(RatingScales.Definition::term)
                        .toList());
    }

    @Test
    void theBenchmarkOfTheMarketAsked() {
        assertEquals(List.of("A 股市场以沪深 300 指数为基准", "港股市场以恒生指数为基准"), RatingScales.benchmarks(HEADED, "上海证券用什么指数做基准？"));
        assertEquals(List.of("A股市场以上证综指或深证成指为基准"), RatingScales.benchmarks(UNHEADED, "A 股以什么指数为基准"));
        assertEquals(
                List.of("香港市场以恒生指数为基准"),
                RatingScales.benchmarks(UNHEADED, "What is the benchmark for Hong Kong stocks?"));
    }

    @Test
    void theRatingAQuestionNamesInChineseOrEnglish() {
        assertEquals(Set.of("增持"), RatingScales.termsIn("上海证券的行业评级里“增持”是啥意思？"));
        assertEquals(Set.of("买入"), RatingScales.termsIn("how much must a name beat the benchmark to be rated Buy?"));
        assertEquals(Set.of("B"), RatingScales.termsIn("what does a 'B' risk grade signify?"));
        assertEquals(Set.of("A"), RatingScales.termsIn("华金的风险评级里，A 档代表什么？"));
        // The A of A 股 is a market, and a letter is a grade only where risk is asked about.
        assertEquals(Set.of(), RatingScales.termsIn("A 股以什么指数做基准？"));
        // 谨慎推荐 is one rating, not 推荐 as well.
        assertEquals(Set.of("谨慎推荐"), RatingScales.termsIn("谨慎推荐是什么意思"));
    }

    @Test
    void onlyAQuestionForAMeaningOrTheBenchmarkIsOne() {
        assertTrue(RatingScales.asked("德邦股票评级“中性”对应涨跌幅区间是多少"));
        assertTrue(RatingScales.asked("Which index is the A-share benchmark in Shanghai Securities' rating system?"));
        assertTrue(RatingScales.asked("What does that rating require?"));
        // Asking which rating a report gives, or why, is a header question, not one about the scale.
        assertFalse(RatingScales.asked("华金证券给传媒行业什么评级？"));
        assertFalse(RatingScales.asked("德邦证券为什么把传媒行业评级调成中性？"));
        // A rating named as a rating: quoted, or right before 定义.
        assertTrue(RatingScales.asked("华金的“领先大市”门槛是跑赢沪深300多少"));
        assertTrue(RatingScales.asked("德邦 减持 定义"));
        // Words that are ratings elsewhere, and benchmarks of other kinds, ask about no scale.
        assertFalse(RatingScales.asked("大股东增持的幅度是多少"));
        assertFalse(RatingScales.asked("How much GPU memory does Kimi require to hold 200k tokens?"));
        assertFalse(RatingScales.asked("基准情形下Sora的收入是多少"));
        assertFalse(RatingScales.asked("Which benchmarks does Claude 3 lead?"));
    }
}
