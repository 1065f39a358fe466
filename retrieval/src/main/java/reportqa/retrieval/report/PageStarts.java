package reportqa.retrieval.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Carries where a PDF's pages start through cleaning. Cleaning changes spaces, line breaks, widths,
 * bullets and markup, but never drops or adds a letter or a digit: page {@code k} starts, in the
 * cleaned text, at the letter or digit that was the first of its page in the raw text (or at the
 * bracket, quote or bullet right before it: （2）营收 starts at its bracket).
 */
final class PageStarts {

    /** What may open a page's first line before its first letter: a bracket, a quote, a bullet. */
    private static final String OPENERS = "（(“‘【《「『[〔-•·◆■●";

    private PageStarts() {}

    /** Where the text that starts at {@code letter} opens: before the brackets and quotes right before it. */
    private static int openedAt(String text, int letter) {
        int i = letter;
        while (i > 0 && OPENERS.indexOf(text.charAt(i - 1)) >= 0) {
            i--;
        }
        return i;
    }

    /**
     * The page starts in {@code cleaned} of the page starts {@code rawStarts} in {@code raw}; empty
     * when there are none (a text report).
     */
    static List<Integer> afterCleaning(String raw, List<Integer> rawStarts, String cleaned) {
        if (rawStarts.isEmpty()) {
            return List.of();
        }
        // How many letters and digits stand before each page's start in the raw text …
        long[] before = new long[rawStarts.size()];
        int page = 0;
        long seen = 0;
        for (int i = 0; i <= raw.length() && page < before.length; i++) {
            while (page < before.length && rawStarts.get(page) <= i) {
                before[page++] = seen;
            }
            if (i < raw.length() && Character.isLetterOrDigit(raw.charAt(i))) {
                seen++;
            }
        }
        // … and where the cleaned text has seen as many.
        List<Integer> out = new ArrayList<>(before.length);
        page = 0;
        seen = 0;
        for (int i = 0; i < cleaned.length() && page < before.length; i++) {
            if (Character.isLetterOrDigit(cleaned.charAt(i))) {
                while (page < before.length && before[page] <= seen) {
                    out.add(out.isEmpty() ? 0 : openedAt(cleaned, i));
                    page++;
                }
                seen++;
            }
        }
        while (out.size() < before.length) {
            out.add(cleaned.length());
        }
        return out;
    }
}
