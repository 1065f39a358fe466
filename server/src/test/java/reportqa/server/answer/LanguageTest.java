package reportqa.server.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The language a question is answered in, for questions that mix Chinese and Latin script. */
class LanguageTest {

    @Test
    void aChineseQuestionFullOfProductNamesIsChinese() {
        // More Latin letters (25) than Chinese characters (8): the old letter count answered in English.
        assertEquals(Language.CHINESE, Language.of("OpenAI 是哪天对外开放 Transformer Debugger 的？"));
        assertEquals(Language.CHINESE, Language.of("Transformer Debugger在GitHub上有多少star？"));
        assertEquals(Language.CHINESE, Language.of("那 Claude-100k 呢？"));
    }

    @Test
    void anEnglishQuestionNamingChineseBrokersIsEnglish() {
        assertEquals(Language.ENGLISH, Language.of("What did 德邦证券 recommend after the Sora launch?"));
        assertEquals(Language.ENGLISH, Language.of("Which rating did 华金证券 give 英伟达?"));
    }

    @Test
    void aFewEnglishWordsInAChineseQuestionLeaveItChinese() {
        // One English function word, as many letters as characters: not an English sentence.
        assertEquals(Language.CHINESE, Language.of("中国网民规模 how many 亿"));
    }

    @Test
    void withoutFunctionWordsLettersAgainstCharactersDecide() {
        assertEquals(Language.ENGLISH, Language.of("Sora frame rate FPS"));
        assertEquals(Language.CHINESE, Language.of("Sora 视频时长"));
    }
}
