package reportqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void sentencesEndAtChineseAndHalfWidthEnds() {
        assertEquals(
                List.of("第一句。", "第二句！", "第三句？", "第四句；", "Fifth!", "Sixth?", "Seventh;", "末尾无标点"),
                Sentences.split("第一句。第二句！第三句？第四句；Fifth!Sixth?Seventh;末尾无标点"));
    }

    @Test
    void closersStayWithTheirSentence() {
        assertEquals(List.of("他说：“奇迹。”", "然后（结束。）", "下一句。"), Sentences.split("他说：“奇迹。”然后（结束。）下一句。"));
        assertEquals(List.of("「引用！」』", "后文"), Sentences.split("「引用！」』后文"));
    }

    @Test
    void aLineEndEndsASentence() {
        assertEquals(List.of("标题", "正文第一句。", "第二句"), Sentences.split("标题\n正文第一句。第二句"));
    }

    @Test
    void sentencesAreTrimmedAndEmptyOnesDropped() {
        assertEquals(List.of("一。", "二。", "三"), Sentences.split("  一。  二。\n\n \n  三  "));
        assertEquals(List.of(), Sentences.split(" \n\t\n"));
        assertEquals(List.of(), Sentences.split(""));
    }

    @Test
    void aDecimalPointIsNoSentenceEnd() {
        assertEquals(List.of("加速 1.55 倍。", "完"), Sentences.split("加速 1.55 倍。完"));
    }

    @Test
    void spansPointIntoTheTextWithinTheRange() {
        String text = "前言。甲句。 乙句！后记。";
        int from = text.indexOf('甲');
        int to = text.indexOf('后');
        List<Sentences.Span> spans = Sentences.spans(text, from, to);
        assertEquals(List.of("甲句。", "乙句！"), spans.stream().map(s -> s.of(text)).toList());
        assertEquals(new Sentences.Span(from, from + 3), spans.get(0));
        assertEquals(3, spans.get(1).length());
    }

    @Test
    void aCloserAfterTheRangeIsNotTaken() {
        String text = "句子。”";
        assertEquals(List.of(new Sentences.Span(0, 3)), Sentences.spans(text, 0, 3));
    }
}
