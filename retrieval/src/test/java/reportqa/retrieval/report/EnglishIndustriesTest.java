package reportqa.retrieval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Industries named in English, read and taken out of a text. */
class EnglishIndustriesTest {

    private final EnglishIndustries sectors = EnglishIndustries.sectors();
    private final EnglishIndustries reports = EnglishIndustries.reports();

    @Test
    void anIndustryCountsOnlyBeforeAWordOfItsContext() {
        assertEquals(List.of("计算机"), sectors.in("What rating does Tebon give the computer sector?"));
        // In the data file's order, not the text's.
        assertEquals(List.of("计算机", "传媒"), sectors.in("media stocks and the IT industry"));
        assertEquals(List.of(), sectors.in("What do social media users say about Sora?"));
        assertEquals(List.of("传媒"), reports.in("Tebon's media report on Sora"));
        assertEquals(List.of(), reports.in("德邦证券对传媒行业的评级是什么？"));
    }

    @Test
    void withoutTakesOutEveryIndustryWithItsContextWord() {
        assertEquals(
                "What did Tebon's   say about the   notes?",
                reports.without("What did Tebon's computer team say about the media-sector notes?"));
        assertEquals("Tebon's   and  ", reports.without("Tebon's IT team and Software-Research"));
    }

    @Test
    void aTextNamingNoIndustryComesBackAsItIs() {
        String question = "Sora 能生成多长的视频？What about social media?";
        assertSame(question, reports.without(question));
        assertSame(question, sectors.without(question));
    }
}
