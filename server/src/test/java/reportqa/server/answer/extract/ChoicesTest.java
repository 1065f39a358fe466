package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A question that offers choices is answered only by a sentence naming one of them. */
class ChoicesTest {

    @Test
    void theChoicesAreReadOnEachSideOfHaiShi() {
        assertEquals(List.of("买入", "增持"), Choices.of("券商给这家公司的评级是买入还是增持？").options());
        // The run before 还是 is cut to the length of the second choice.
        assertEquals(List.of("AI视频", "AI文本"), Choices.of("德邦更看好AI视频还是AI文本呢").options());
        assertEquals(List.of(), Choices.of("这家公司的评级是什么？").options());
    }

    @Test
    void englishChoicesCountOnlyWhenWrittenTheSameInChineseText() {
        assertEquals(
                List.of("1080p", "4K"),
                Choices.of("Does it output 1080p or 4K?").options());
        // "diffusion model" would never be found in Chinese text: no choice is checked.
        assertEquals(
                List.of(), Choices.of("Is Sora a diffusion model or a GAN?").options());
    }

    @Test
    void aSentenceAnswersOnlyByNamingAChoice() {
        Choices rating = Choices.of("券商给这家公司的评级是买入还是增持？");
        assertFalse(rating.answeredBy("推荐【某公司】。"));
        assertTrue(rating.answeredBy("首次覆盖，给予“增持”评级。"));
        assertTrue(Choices.of("这家公司怎么样？").answeredBy("任何句子"));
    }
}
