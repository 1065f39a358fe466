package reportqa.retrieval.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import reportqa.retrieval.Memo;

/**
 * Where a Chinese text's words begin and end, by Lucene's HMM segmenter (the one behind
 * SmartChineseAnalyzer). Rules that read a question character by character need it to tell a
 * particle (及 in 以及, 于 in 成立于) from a character inside a word (及 in 普及率, 于 in 对于).
 */
public final class Words {

    private Words() {}

    /**
     * Texts segmented already. The answerer segments the sentences of the passages it retrieves, and
     * a library's passages come back question after question: segmenting them again was the largest
     * share of an extractive answer's time on unseen questions (the benchmark's profile of /api/ask,
     * the HMM segmenter's character classes on top).
     */
    private static final Memo<String, List<Span>> SEGMENTED = new Memo<>(50_000);

    /** Longer texts are segmented each time: a memo of whole documents would hold the library twice. */
    private static final int MEMO_MAX_CHARS = 2_000;

    /**
     * For each char of {@code text}, whether it is a word of one character on its own (punctuation
     * and spaces are not).
     */
    public static boolean[] singleCharWords(String text) {
        boolean[] single = new boolean[text.length()];
        for (Span w : spans(text)) {
            if (w.end() - w.start() == 1) {
                single[w.start()] = true;
            }
        }
        return single;
    }

    /**
     * For each char of {@code text}, whether a word starts there: the segmenter's word starts, and
     * every char it skips (punctuation, spaces), which no word spans. One longer than the text: its
     * end is a boundary too.
     */
    public static boolean[] wordStarts(String text) {
        boolean[] starts = new boolean[text.length() + 1];
        Arrays.fill(starts, true);
        for (Span w : spans(text)) {
            for (int i = w.start() + 1; i < w.end(); i++) {
                starts[i] = false;
            }
        }
        return starts;
    }

    /** A word of a text: where it begins and ends (char offsets, end exclusive). */
    public record Span(int start, int end) {}

    /** The words of a text in order, by the segmenter (punctuation and spaces are no words). */
    public static List<Span> spans(String text) {
        return text.length() > MEMO_MAX_CHARS ? segment(text) : SEGMENTED.get(text, Words::segment);
    }

    private static List<Span> segment(String text) {
        List<Span> out = new ArrayList<>();
        forEachWord(text, (start, end) -> out.add(new Span(start, Math.min(end, text.length()))));
        return List.copyOf(out);
    }

    /** Where a word begins and ends (char offsets, end exclusive). */
    private interface WordSpan {
        void accept(int start, int end);
    }

    private static void forEachWord(String text, WordSpan span) {
        try (HMMChineseTokenizer tokenizer = new HMMChineseTokenizer()) {
            OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
            tokenizer.setReader(new StringReader(text));
            tokenizer.reset();
            while (tokenizer.incrementToken()) {
                span.accept(offset.startOffset(), offset.endOffset());
            }
            tokenizer.end();
        } catch (IOException e) {
            // A StringReader does not fail; a tokenizer that does is a bug, not bad input.
            throw new UncheckedIOException(e);
        }
    }
}
