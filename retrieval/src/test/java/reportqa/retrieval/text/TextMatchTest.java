package reportqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Comparing text written differently: spacing, width, markup, and numerals. */
class TextMatchTest {

    @Test
    void chineseNumeralsBelowAHundredBecomeDigits() {
        assertEquals("1分钟", TextMatch.arabicNumerals("一分钟"));
        assertEquals("15倍", TextMatch.arabicNumerals("十五倍"));
        assertEquals("10秒", TextMatch.arabicNumerals("十秒"));
        assertEquals("20万", TextMatch.arabicNumerals("二十万"));
        assertEquals("2个", TextMatch.arabicNumerals("两个"));
        assertEquals("Sora 1 分钟", TextMatch.arabicNumerals("Sora 1 分钟"), "digits stay as they are");
    }

    @Test
    void spacingWidthAndBoldMarksAreIgnored() {
        assertTrue(TextMatch.contains("投资评级 **领先大市-A维持**", "投资评级领先大市-A维持"));
        assertTrue(TextMatch.contains("１０８０Ｐ 视频", "1080p视频"));
    }

    @Test
    void pairShareCountsTheNeedlesAdjacentPairsTheTextWrites() {
        assertEquals(1.0, TextMatch.pairShare("参数量", "模型参数量"), 1e-9);
        assertEquals(0.5, TextMatch.pairShare("参数量", "数量"), 1e-9, "数量 alone is half of 参数量");
        assertEquals(0.0, TextMatch.pairShare("美联储降息", "传媒板块"), 1e-9);
        assertEquals(0.0, TextMatch.pairShare("参", "参数"), 1e-9, "one character has no pair");
    }

    /**
     * The pairs of one text answer {@link TextMatch#pairShare} for any needle, and {@link
     * TextMatch#withoutSpace} removes what {@code \\s} matches and nothing else: checked on random
     * texts of Chinese characters, letters and every kind of space (a full-width space is no {@code \\s}).
     */
    @Test
    void pairsAndSpaceRemovalAreThoseOfTheSlowForms() {
        String alphabet = "德邦证券传媒行业周报ab AB\t\n\u000B\f\r\u3000\u00A0-1";
        java.util.Random r = new java.util.Random(3);
        for (int trial = 0; trial < 2_000; trial++) {
            String text = random(r, alphabet, r.nextInt(30));
            String needle = random(r, alphabet, r.nextInt(12));
            assertEquals(
                    TextMatch.pairShare(needle, text), TextMatch.Pairs.of(text).shareOf(needle), needle + " | " + text);
            assertEquals(text.replaceAll("\\s+", ""), TextMatch.withoutSpace(text), text);
        }
        assertEquals(2.0 / 3, TextMatch.Pairs.of("传媒行业周报").shareOf("传媒周报"), 1e-12);
    }

    private static String random(java.util.Random r, String alphabet, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
