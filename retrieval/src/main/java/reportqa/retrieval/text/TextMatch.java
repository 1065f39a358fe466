package reportqa.retrieval.text;

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

    /** Whether {@code haystack} contains {@code needle}, ignoring whitespace and width. */
    public static boolean contains(String haystack, String needle) {
        return normalize(haystack).contains(normalize(needle));
    }
}
