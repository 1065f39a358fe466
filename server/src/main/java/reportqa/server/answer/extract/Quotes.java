package reportqa.server.answer.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import reportqa.retrieval.text.NoiseLines;
import reportqa.retrieval.text.Sentences;

/**
 * Sentences as an extractive answer quotes them: readable units of reasonable length, with their
 * end punctuation moved after the citation marker and the report's own footnote marks made harmless.
 */
final class Quotes {

    private static final int MIN_SENTENCE = 8;
    private static final int MAX_SENTENCE = 220;
    /** A clause after a semicolon shorter than this is part of the sentence before it. */
    private static final int SHORT_CLAUSE = 16;
    /** A quoted "[2]" or "【3】" (a footnote in the report) must not read as a citation. */
    private static final Pattern BRACKETED_NUMBER = Pattern.compile("[\\[【［〔](\\d{1,3})[\\]】］〕]");

    private Quotes() {}

    /**
     * The quotable sentences of a passage: at least 8 characters, cut at 220, and content, not page
     * furniture (headers, contact lines, related-report lists, captions: {@link NoiseLines}) unless
     * of a kind in {@code wanted} (what the question asks for). Whole lines are judged first, so that a related
     * report whose title holds a "；" is still one line of the list.
     */
    static List<String> sentences(String passage, Set<String> wanted) {
        List<String> out = new ArrayList<>();
        for (String line : passage.split("\\R")) {
            if (NoiseLines.isNoiseFor(line, wanted)) {
                continue;
            }
            for (String s : clauses(Sentences.split(line))) {
                if (s.length() >= MIN_SENTENCE && !NoiseLines.isNoiseFor(s, wanted)) {
                    out.add(s.length() > MAX_SENTENCE ? s.substring(0, MAX_SENTENCE) + "…" : s);
                }
            }
        }
        return out;
    }

    /**
     * The sentences with a short clause after a semicolon kept with the clause before it: "1、AI：关注
     * 【汇纳科技】、【昆仑万维】；推荐【创业黑马】。" is one item of a list, and 推荐【创业黑马】 alone has lost
     * what it recommends for.
     */
    static List<String> clauses(List<String> sentences) {
        List<String> out = new ArrayList<>();
        for (String s : sentences) {
            int last = out.size() - 1;
            if (last >= 0 && s.length() < SHORT_CLAUSE && out.get(last).matches("(?s).*[；;]$")) {
                out.set(last, out.get(last) + s);
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** The sentence without its end punctuation, its bracketed numbers as "(2)". */
    static String withoutEnd(String s) {
        return BRACKETED_NUMBER.matcher(s.replaceAll("[。！？；!?;]+$", "")).replaceAll("($1)");
    }

    /** "。" when the sentence ended with a full stop or the like, else nothing. */
    static String end(String s) {
        return s.matches("(?s).*[。！？；!?;]$") ? "。" : "";
    }
}
