package reportqa.server.answer.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** People named in pinyin, written as the reports write them. */
class RomanizedNamesTest {

    private final RomanizedNames names = new RomanizedNames(() -> Set.of("王梅卿", "马笑", "陈旻", "欧阳明远"));

    @Test
    void aNameInPinyinIsWrittenInChineseInAnyOrderCaseOrJoining() {
        assertEquals("What's 王梅卿's SAC number?", names.inChinese("What's Wang Meiqing's SAC number?"));
        assertEquals("Who is 王梅卿?", names.inChinese("Who is Meiqing Wang?"));
        assertEquals("王梅卿 email", names.inChinese("WANG Mei-qing email"));
        assertEquals("王梅卿 email", names.inChinese("wang mei qing email"));
        assertEquals("马笑 SAC cert no.?", names.inChinese("Ma Xiao SAC cert no.?"));
        assertEquals("Reports by 马笑 and 陈旻", names.inChinese("Reports by Xiao Ma and Chen Min"));
        assertEquals("欧阳明远's rating", names.inChinese("Ouyang Mingyuan's rating"));
    }

    @Test
    void aSyllableAloneOrInsideAWordIsNobody() {
        for (String q : List.of(
                "How many parameters does Sora have?",
                "Ma said the market is up",
                "What is the minimum price?",
                "Xiaomi and Mamba",
                "Wangmeiqing")) {
            assertEquals(q, names.inChinese(q));
        }
        // Chinese text is left as it is, even where it holds the name already.
        assertEquals("王梅卿的邮箱", names.inChinese("王梅卿的邮箱"));
    }

    @Test
    void aSpellingTwoPeopleShareOrWordsWithoutCapitalsNameNobody() {
        RomanizedNames library = new RomanizedNames(() -> List.of("张伟", "张薇", "何灿", "欧阳明"));
        assertEquals("Zhang Wei's rating", library.inChinese("Zhang Wei's rating"));
        assertEquals("Can he come?", library.inChinese("Can he come?"));
        assertEquals("何灿 wrote it", library.inChinese("He Can wrote it"));
        // A three-character name may have a two-character surname.
        assertEquals("欧阳明's report", library.inChinese("Ouyang Ming's report"));
    }

    @Test
    void onlyChineseNamesOfTwoToFourCharactersAreSpelled() {
        assertTrue(RomanizedNames.pattern("Jim Fan").isEmpty());
        assertTrue(RomanizedNames.pattern("王").isEmpty());
        assertTrue(RomanizedNames.pattern("马笑").isPresent());
    }
}
