package reportqa.retrieval.text;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whitespace- and width-insensitive comparison of text, used wherever a user-given snippet must be
 * found in a passage (evaluation relevance, citation checks): PDF extraction puts spaces in
 * arbitrary places, so spaces never decide a match.
 */
public final class TextMatch {

    private TextMatch() {}

    /** The comparable form: half-width, no whitespace, no bold markers, lower case. */
    public static String normalize(String s) {
        String t = TextCleaner.halfWidth(s).replace("**", "");
        StringBuilder out = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    private static final String DIGITS = "一二三四五六七八九";
    private static final Pattern TENS = Pattern.compile("([一二两三四五六七八九])?十([一二三四五六七八九])?");

    /**
     * The text with Chinese numerals below 100 written in Arabic digits (一分钟 → 1分钟, 十五倍 → 15倍,
     * 两 → 2), so that a number the question writes one way is recognised when a report writes it the
     * other. Every 一 becomes 1 (一致 → 1致): the result is for comparing numbers, not for reading.
     */
    public static String arabicNumerals(String s) {
        Matcher m = TENS.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            int tens = m.group(1) == null ? 1 : digit(m.group(1).charAt(0));
            int ones = m.group(2) == null ? 0 : digit(m.group(2).charAt(0));
            m.appendReplacement(out, String.valueOf(tens * 10 + ones));
        }
        m.appendTail(out);
        StringBuilder digits = new StringBuilder(out.length());
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            digits.append(c == '两' || DIGITS.indexOf(c) >= 0 ? (char) ('0' + digit(c)) : c);
        }
        return digits.toString();
    }

    private static int digit(char c) {
        return c == '两' ? 2 : DIGITS.indexOf(c) + 1;
    }

    /** Whether {@code haystack} contains {@code needle}, ignoring whitespace and width. */
    public static boolean contains(String haystack, String needle) {
        return normalize(haystack).contains(normalize(needle));
    }

    /**
     * The share of {@code needle}'s pairs of adjacent characters that {@code text} contains (0 for a
     * needle under two characters): how much of a Chinese phrase a text writes when it does not write
     * it whole (参数量 by 参数 and 数量, a title by a question quoting half of it). Callers compare it
     * with their own threshold.
     */
    public static double pairShare(String needle, String text) {
        int pairs = needle.length() - 1;
        if (pairs < 1) {
            return 0;
        }
        int hit = 0;
        for (int i = 0; i < pairs; i++) {
            if (text.contains(needle.substring(i, i + 2))) {
                hit++;
            }
        }
        return (double) hit / pairs;
    }

    /**
     * The pairs of adjacent characters of one text, for {@link #pairShare} of many needles against it
     * (every report title of a library against one question) without a substring per pair.
     */
    public static final class Pairs {
        private final Set<Integer> pairs = new HashSet<>();

        private Pairs(String text) {
            for (int i = 0; i + 1 < text.length(); i++) {
                pairs.add(pair(text.charAt(i), text.charAt(i + 1)));
            }
        }

        /** The pairs of {@code text}. */
        public static Pairs of(String text) {
            return new Pairs(text);
        }

        /** {@code pairShare(needle, text)} of the text these are the pairs of. */
        public double shareOf(String needle) {
            int n = needle.length() - 1;
            if (n < 1) {
                return 0;
            }
            int hit = 0;
            for (int i = 0; i < n; i++) {
                if (pairs.contains(pair(needle.charAt(i), needle.charAt(i + 1)))) {
                    hit++;
                }
            }
            return (double) hit / n;
        }

        private static int pair(char a, char b) {
            return (a << 16) | b;
        }
    }

    /**
     * The text without the white space of a regular expression's {@code \\s} (space, tab, line
     * feed, vertical tab, form feed, carriage return): {@code replaceAll("\\s+", "")} without a
     * pattern, for texts compared by the thousand.
     */
    public static String withoutSpace(String s) {
        int i = 0;
        while (i < s.length() && !isSpace(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isSpace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
