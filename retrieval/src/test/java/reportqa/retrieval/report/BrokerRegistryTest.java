package reportqa.retrieval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Brokers named in a question: names, aliases, and English short names as whole words. */
class BrokerRegistryTest {

    private static final BrokerRegistry REGISTRY = BrokerRegistry.standard();

    private static List<String> named(String text) {
        return REGISTRY.namedIn(text).stream().map(BrokerRegistry.Broker::name).toList();
    }

    @Test
    void theShippedRegistryIsReadOnceAndShared() {
        assertSame(REGISTRY, BrokerRegistry.standard());
        assertEquals(List.of("德邦证券"), named("德邦证券的报告"));
        // What it found is kept for the next asking: nobody may change it.
        List<BrokerRegistry.Broker> found = REGISTRY.namedIn("德邦证券的报告");
        assertSame(found, REGISTRY.namedIn("德邦证券的报告"));
        assertThrows(UnsupportedOperationException.class, () -> found.add(found.get(0)));
        String longText = "德邦证券的报告。".repeat(40);
        assertEquals(List.of("德邦证券"), named(longText));
        assertThrows(UnsupportedOperationException.class, () -> REGISTRY.namedIn(longText)
                .clear());
    }

    @Test
    void anEnglishShortNameNamesItsBrokerAsAWholeWord() {
        assertEquals(List.of("德邦证券"), named("Which datasets does the Tebon computer report list?"));
        assertEquals(List.of("华金证券"), named("What rating did Huajin's flash report give?"));
        // The international banks' research arms, by the names analysts use for them.
        assertEquals(List.of("高盛高华"), named("What did Goldman Sachs say about Kimi?"));
        assertEquals(List.of("摩根士丹利证券(中国)"), named("What did Morgan Stanley say about Sora?"));
        assertEquals(List.of("摩根士丹利证券(中国)"), named("大摩怎么看 Sora？"));
        assertEquals(List.of("花旗"), named("Citi's view on AI video?"));
        assertEquals(List.of("中信证券"), named("What did Citic say?"));
        // Shanghai alone is a city; SH Sec / SH Securities are what analysts call the broker.
        assertEquals(List.of("上海证券"), named("SH Sec 3月25日周报 标题"));
        assertEquals(List.of("上海证券"), named("In SH Securities' Mar 19 weekly, who is the analyst?"));
        assertEquals(List.of(), named("600000.SH second quarter"), "a Shanghai stock code is no broker");
        // Inside another word it names nothing; an ordinary word or a place alone is no short name.
        assertEquals(List.of(), named("see www.huajinsec.cn"));
        assertEquals(List.of(), named("How many users does the Western market have in Shanghai?"));
    }

    @Test
    void aChineseShortNameThatIsABrandNamesItsBrokerAnywhere() {
        assertEquals(List.of("华金证券"), named("华金快报里OpenAI推出Sora是哪一天？"));
        assertEquals(List.of("国信证券"), named("国信怎么看AI视频？"));
        assertEquals(List.of("申万宏源"), named("申万对传媒行业的评级"));
        assertEquals(List.of("东吴证券"), named("东吴那篇报告怎么看游戏板块？"));
        assertEquals(List.of("德邦证券"), named("德邦呢？"));
    }

    @Test
    void aShortNameInsideAnotherOrganisationsNameNamesNoBroker() {
        // A university, a bank and a carrier (CMRC 2018 questions; the last a listed company).
        assertEquals(List.of(), named("东吴大学香港同学会的首任会长是谁?"));
        assertEquals(List.of(), named("2013年2月哥伦比亚银行宣布以多少美元并购汇丰银行（巴拿马）？"));
        assertEquals(List.of(), named("德邦物流的快递业务增速是多少？"));
        // The broker's own full name still names it, and so does the short name elsewhere in the text.
        assertEquals(List.of("东吴证券"), named("东吴大学毕业的分析师在东吴证券哪个组？"));
        assertEquals(List.of("汇丰前海证券"), named("汇丰银行和汇丰对港股的看法有何不同？"));
        // The same words as the sectors a broker writes on do not stop it.
        assertEquals(List.of("东吴证券"), named("东吴汽车行业周报讲了什么"));
        assertEquals(List.of("华泰证券"), named("华泰银行业点评怎么说"));
        assertEquals(List.of("德邦证券"), named("德邦物流行业周报"));
        // The segmenter splits some short names into their characters; they still name the broker.
        assertEquals(List.of("德邦证券"), named("德邦的报告"));
        assertEquals(List.of("华金证券"), named("华金给的评级"));
        assertEquals(List.of("国信证券"), named("国信：传媒行业维持推荐"));
        assertEquals(List.of("华泰证券"), named("在华泰的报告中"));
    }

    @Test
    void aShortNameIsAWordOfItsOwnAndALatinNameAWholeWord() {
        // 国海 is not in 美国海军 (美国 | 海军), nor CSC in CSCEC (CMRC 2018 questions).
        assertEquals(List.of(), named("美国海军为什么要租用瓦勒普斯岛上部的地区？"));
        assertEquals(List.of(), named("中国建筑工程总公司的cSCEc标识体现了什么理念？"));
        assertEquals(List.of("国海证券"), named("国海对传媒板块怎么看？"));
        assertEquals(List.of("中信建投"), named("What does CSC say about AI video?"));
    }

    @Test
    void theStemOfAWordOrAPlaceNamesItsBrokerOnlyBeforeAReportWord() {
        assertEquals(List.of("上海证券"), named("上海那篇周报讲了什么"));
        assertEquals(List.of("开源证券"), named("开源研报对Sora怎么看"));
        assertEquals(List.of("长江证券"), named("长江报告呢？"));
        // 开源 is open source, 上海 a city, 联储 part of 美联储: alone they name no broker.
        assertEquals(List.of(), named("哪个团队开源了 Open-Sora？"));
        assertEquals(List.of(), named("上海的 AI 公司有哪些"));
        assertEquals(List.of(), named("美联储加息对传媒板块有什么影响"));
        // 中信 before 建投 is part of another broker's name, not 中信证券.
        assertEquals(List.of("中信建投"), named("中信建投那篇报告"));
        assertEquals(" 那篇周报讲了什么", REGISTRY.withoutNames("上海那篇周报讲了什么", List.of("上海证券")));
    }

    @Test
    void aShortNameIsTakenOutOfTheSearchedTextWithItsPossessive() {
        assertEquals(
                "What did   media report say?",
                REGISTRY.withoutNames("What did Tebon's media report say?", List.of("德邦证券")));
    }
}
