package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sentences as an extractive answer quotes them. */
class QuotesTest {

    @Test
    void aShortClauseAfterASemicolonStaysWithTheClauseBeforeIt() {
        assertEquals(
                List.of("1、AI：关注【汇纳科技】、【昆仑万维】；推荐【创业黑马】。"),
                Quotes.sentences("1、AI：关注【汇纳科技】、【昆仑万维】；推荐【创业黑马】。", Set.of()));
        // A clause long enough to stand alone is a sentence of its own.
        assertEquals(
                List.of("建议关注游戏板块的龙头公司；", "同时关注出版板块中具备优质版权内容储备的公司。"),
                Quotes.sentences("建议关注游戏板块的龙头公司；同时关注出版板块中具备优质版权内容储备的公司。", Set.of()));
    }
}
