package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose stock code a list gives: the companies written just before each code, whole. */
class CodeOwnerTest {

    @Test
    void eachCompanyIsTheNameJustBeforeItsCode() {
        assertEquals(
                List.of("捷成股份", "视觉中国", "昆仑万维"),
                ExtractiveAnswerer.listedNames("相关标的：捷成股份(300182.SZ)、视觉中国(000681.SZ)、昆仑万维（300418.SZ）等。"));
        assertEquals(List.of("关注腾讯控股"), ExtractiveAnswerer.listedNames("关注腾讯控股 (0700.HK)。"), "as the run goes");
        assertEquals(List.of(), ExtractiveAnswerer.listedNames("SAC 编号: S0870522020001"), "no list");
    }

    @Test
    void aQuestionNamesAListedCompanyWholeNotByAWordOfIt() {
        assertTrue(ExtractiveAnswerer.namedIn("关注腾讯控股", "腾讯控股的股票代码是多少"), "the verb the run took in");
        assertTrue(ExtractiveAnswerer.namedIn("昆仑万维", "其中昆仑万维的代码是"));
        assertFalse(ExtractiveAnswerer.namedIn("掌阅科技", "万兴科技的代码"), "科技 alone names no company");
        assertTrue(ExtractiveAnswerer.namedIn("快手", "快手的代码是多少"), "a name of two characters, whole");
        assertFalse(ExtractiveAnswerer.namedIn("关注快手", "快手"), "what is left after the verb is too short to tell");
    }
}
