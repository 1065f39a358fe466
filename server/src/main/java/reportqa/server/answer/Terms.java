package reportqa.server.answer;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.Memo;

/**
 * Content terms of a short text for overlap checks: Chinese character bigrams and whole Latin words
 * or numbers. Used to tell whether a sentence speaks about what a question or a citation says.
 */
public final class Terms {

    private static final Pattern LATIN_OR_NUMBER =
            Pattern.compile("[A-Za-z][A-Za-z0-9.+-]*[A-Za-z0-9]|[A-Za-z]|\\d+(?:\\.\\d+)?%?");
    private static final Set<String> LATIN_STOP = Set.of(
            "the",
            "a",
            "an",
            "of",
            "in",
            "on",
            "for",
            "to",
            "and",
            "or",
            "is",
            "are",
            "was",
            "were",
            "be",
            "what",
            "which",
            "who",
            "whom",
            "how",
            "does",
            "do",
            "did",
            "with",
            "by",
            "as",
            "at",
            "from",
            "that",
            "this",
            "it",
            "its",
            "can",
            "about",
            "according",
            "report",
            "reports",
            "say",
            "says");
    /** Function characters that make bigrams noise (的, 了, 是 …). */
    private static final String CJK_STOP = "的了是在和与及或也都就而并被把对从为以于其之这那个有将又等";

    /**
     * Texts already split. An answer splits each retrieved passage and sentence, and compares
     * sentences pairwise; the same passages come back question after question (the benchmark's
     * profile of extractive answers had 15% of its samples here).
     */
    private static final Memo<String, Set<String>> SEEN = new Memo<>(20_000);

    private Terms() {}

    /** The terms of {@code text}, in order of first appearance (unmodifiable). */
    public static Set<String> of(String text) {
        return SEEN.get(text, t -> Collections.unmodifiableSet(split(t)));
    }

    private static Set<String> split(String text) {
        Set<String> terms = new LinkedHashSet<>();
        Matcher m = LATIN_OR_NUMBER.matcher(text);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (!LATIN_STOP.contains(w)) {
                terms.add(w);
            }
        }
        int prev = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean han = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN && CJK_STOP.indexOf(c) < 0;
            if (han && prev >= 0 && prev == i - 1) {
                terms.add(text.substring(i - 1, i + 1));
            }
            prev = han ? i : -1;
        }
        return terms;
    }

    /** Weight of a term: whole words and numbers say more than a bigram. */
    public static double weight(String term) {
        char c = term.charAt(0);
        return c < 128 ? 2.0 : 1.0;
    }
}
