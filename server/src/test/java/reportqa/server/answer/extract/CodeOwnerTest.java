package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whose stock code a question asks for: the company it names whole, not a word it shares with others. */
class CodeOwnerTest {

    @Test
    void theCompanyIsTheLongestChineseNameCutOnlyAtJoiningParticles() {
        // 万 and 兴 are words of one character to the segmenter, but no particles: the name stays whole.
        assertEquals("万兴科技", ExtractiveAnswerer.longestChineseWord("What is the stock   of 万兴科技?"));
        assertEquals("视觉中国", ExtractiveAnswerer.longestChineseWord("视觉中国的  是 "));
        assertEquals("", ExtractiveAnswerer.longestChineseWord("What is the SAC number?"));
    }

    @Test
    void aFollowUpPointsBackBeforeItNamesTheCompany() {
        assertEquals(Optional.of("昆仑万维"), ExtractiveAnswerer.codeOwner("其中昆仑万维的  是？"));
        assertEquals(Optional.of("视觉中国"), ExtractiveAnswerer.codeOwner("那视觉中国的呢"));
        assertEquals(Optional.empty(), ExtractiveAnswerer.codeOwner("其中的  是？"), "nothing named after 其中");
    }
}
