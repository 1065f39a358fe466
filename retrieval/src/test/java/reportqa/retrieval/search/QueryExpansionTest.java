package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueryExpansionTest {

    private final QueryExpansion expansion = QueryExpansion.standard();

    @Test
    void englishWordsBringTheirChineseEquivalents() {
        String q = expansion.expand("Which stocks did the analysts recommend?");
        assertTrue(q.startsWith("Which stocks did the analysts recommend?"));
        assertTrue(q.contains("标的") && q.contains("分析师") && q.contains("推荐") && q.contains("建议关注"), q);
    }

    @Test
    void aChineseQuestionsWordForWhatTheReportsWriteOtherwiseBringsTheirs() {
        assertEquals("华金证券官网是哪个？ 网址", expansion.expand("华金证券官网是哪个？"));
        assertEquals("华金证券深圳办公室在哪？ 办公地址", expansion.expand("华金证券深圳办公室在哪？"));
        assertEquals("德邦的网址是什么", expansion.expand("德邦的网址是什么"), "the reports' word is there already");
    }

    @Test
    void chineseQuestionsAndUnknownWordsAreLeftAlone() {
        assertEquals("Sora 能生成多长的视频？", expansion.expand("Sora 能生成多长的视频？"));
        assertEquals("Kimi Colossal-AI", expansion.expand("Kimi Colossal-AI"));
    }
}
