package reportqa.retrieval.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The one sentence splitter of the project (chunking, extractive answers, citation checks): a
 * sentence ends at 。！？； (or their half-width forms) together with any closing quotes or
 * brackets right after it, or at a line end. Spans are trimmed of white space; empty ones are
 * dropped.
 */
public final class Sentences {

    /** Characters that end a sentence. */
    public static final String ENDS = "。！？；!?;";
    /** Closing marks that stay with the sentence they follow ({@code 。”}). */
    public static final String CLOSERS = "”’」』）)】";

    private Sentences() {}

    /** A sentence: {@code [start, end)} of the text it was cut from. */
    public record Span(int start, int end) {

        public String of(String text) {
            return text.substring(start, end);
        }

        public int length() {
            return end - start;
        }
    }

    /** The sentences of {@code text[from, to)}. */
    public static List<Span> spans(String text, int from, int to) {
        List<Span> out = new ArrayList<>();
        int s = from;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean end = c == '\n';
            if (ENDS.indexOf(c) >= 0) {
                while (i + 1 < to && CLOSERS.indexOf(text.charAt(i + 1)) >= 0) {
                    i++;
                }
                end = true;
            }
            if (end) {
                addTrimmed(text, s, i + 1, out);
                s = i + 1;
            }
        }
        addTrimmed(text, s, to, out);
        return out;
    }

    /** The sentences of the whole text, as strings. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (Span s : spans(text, 0, text.length())) {
            out.add(s.of(text));
        }
        return out;
    }

    private static void addTrimmed(String text, int start, int end, List<Span> out) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            out.add(new Span(start, end));
        }
    }
}
