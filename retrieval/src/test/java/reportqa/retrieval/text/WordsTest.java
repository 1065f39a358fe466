package reportqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Word boundaries from the HMM segmenter: a particle character inside a word is not a particle. */
class WordsTest {

    @Test
    void aParticleCharacterInsideAWordIsNoWordOfItsOwn() {
        String q = "中国互联网普及率是多少";
        boolean[] alone = Words.singleCharWords(q);
        // 及 of 普及率 is inside a word; 是 stands alone.
        assertFalse(alone[q.indexOf('及')]);
        assertTrue(alone[q.indexOf('是')]);
    }

    @Test
    void wordStartsMarkWhereAVerbBegins() {
        String q = "时长拉长了多少倍";
        boolean[] starts = Words.wordStarts(q);
        // 长了 is no word here: 长 belongs to 拉长.
        assertFalse(starts[q.indexOf("长了")]);
        assertTrue(starts[q.indexOf("拉长")]);
        assertTrue(starts[q.indexOf('了')]);
        // The end of the text is a boundary, so a suffix can always be tested.
        assertTrue(starts[q.length()]);
    }
}
