package reportqa.retrieval.pdf;

import java.util.List;

/**
 * How much of a text a PDF gave back, letter for letter: one minus the edit distance between the
 * two texts' visible characters (spaces and line breaks aside: where a PDF breaks its lines is
 * layout, not text), over the longer one's length.
 */
final class PdfFidelity {

    private PdfFidelity() {}

    /** Similarity of the visible characters of {@code expected} and {@code actual}, 0 to 1. */
    static double similarity(String expected, String actual) {
        String a = visible(expected);
        String b = visible(actual);
        int longer = Math.max(a.length(), b.length());
        return longer == 0 ? 1 : 1 - (double) distance(a, b) / longer;
    }

    /** The lines joined, without whitespace. */
    static String visible(List<String> lines) {
        return visible(String.join("", lines));
    }

    static String visible(String s) {
        return s.replaceAll("\\s+", "");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (ca == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
