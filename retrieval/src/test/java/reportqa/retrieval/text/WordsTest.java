package reportqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

    /**
     * A text is segmented once and its words kept (the answerer asks for the same passage sentences
     * question after question); what is handed out cannot be changed by a caller, and a text too
     * long to keep is segmented alike.
     */
    @Test
    void aTextIsSegmentedOnceAndItsWordsCannotBeChanged() {
        String s = "月之暗面宣布 Kimi 智能助手启动 200 万字无损上下文内测。";
        List<Words.Span> words = Words.spans(s);
        assertSame(words, Words.spans(s));
        assertThrows(UnsupportedOperationException.class, () -> words.add(new Words.Span(0, 1)));
        String text = s.repeat(60);
        List<Words.Span> long1 = Words.spans(text);
        assertEquals(long1, Words.spans(text));
        assertEquals(words, long1.subList(0, words.size()));
    }
}
