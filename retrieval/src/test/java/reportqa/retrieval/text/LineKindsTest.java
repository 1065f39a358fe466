package reportqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Page furniture counted per kind, once, and read back from the index. */
class LineKindsTest {

    private static final String PASSAGE = "相关报告\n  传媒：游戏 AI 大模型首次备案-华金证券-传媒-行业快报 2024.2.3\n\n事件：OpenAI 发布 Sora。";

    @Test
    void countsTheNonBlankCharactersOfEachKindOfLine() {
        LineKinds k = LineKinds.of(PASSAGE);
        int related = "相关报告".length() + "传媒：游戏 AI 大模型首次备案-华金证券-传媒-行业快报 2024.2.3".length();
        assertEquals(related + "事件：OpenAI 发布 Sora。".length(), k.chars());
        assertEquals(Map.of(NoiseLines.RELATED, related), k.byKind());
        assertEquals(0, k.charsOf("contact"));
    }

    @Test
    void whatIsStoredReadsBackTheSame() {
        LineKinds k = LineKinds.of(PASSAGE);
        assertEquals(Optional.of(k), LineKinds.decode(k.encoded()));
        assertTrue(k.encoded().startsWith(NoiseLines.rulesVersion() + "|"), k.encoded());
        LineKinds none = LineKinds.of("事件：OpenAI 发布 Sora。");
        assertEquals(Optional.of(none), LineKinds.decode(none.encoded()));
    }

    @Test
    void kindsStoredUnderOtherRulesOrNotAtAllAreNotTrusted() {
        String stored = LineKinds.of(PASSAGE).encoded();
        String otherRules = "0000" + stored.substring(stored.indexOf('|'));
        assertEquals(Optional.empty(), LineKinds.decode(otherRules));
        assertEquals(Optional.empty(), LineKinds.decode(null));
        assertEquals(Optional.empty(), LineKinds.decode(NoiseLines.rulesVersion() + "|x;related=3"));
        assertEquals(Optional.empty(), LineKinds.decode(NoiseLines.rulesVersion() + "|10;related"));
    }
}
