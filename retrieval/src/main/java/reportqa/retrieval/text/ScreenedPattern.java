package reportqa.retrieval.text;

import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern with the characters its matches can begin with ({@link LeadChars}): a text holding none
 * of them is not searched. The same answers as the pattern's own matcher, for the patterns a
 * question is asked against one after another.
 */
public record ScreenedPattern(Pattern pattern, LeadChars lead) {

    public static ScreenedPattern of(Pattern pattern) {
        return new ScreenedPattern(pattern, LeadChars.of(pattern));
    }

    public static ScreenedPattern compile(String regex) {
        return of(Pattern.compile(regex));
    }

    public static ScreenedPattern compile(String regex, int flags) {
        return of(Pattern.compile(regex, flags));
    }

    /** Whether the pattern matches somewhere in {@code text}: {@code pattern().matcher(text).find()}. */
    public boolean find(CharSequence text) {
        return firstMatch(text) != null;
    }

    /** The first match in {@code text}, if any: the one {@code pattern().matcher(text).find()} finds. */
    public Optional<MatchResult> first(CharSequence text) {
        Matcher m = firstMatch(text);
        return m == null ? Optional.empty() : Optional.of(m.toMatchResult());
    }

    /**
     * A matcher on the first match in {@code text}, or null. A match is tried only where the text
     * holds a character one can begin with; each try sees the whole text (a look-behind or a
     * {@code \b} reads the characters before it), and the tries go from left to right, so the first
     * found is the matcher's own first.
     */
    private Matcher firstMatch(CharSequence text) {
        if (lead.any()) {
            Matcher m = pattern.matcher(text);
            return m.find() ? m : null;
        }
        Matcher m = null;
        for (int i = 0, n = text.length(); i < n; i++) {
            if (!lead.mayBegin(text.charAt(i))) {
                continue;
            }
            if (m == null) {
                m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            if (m.region(i, n).lookingAt()) {
                return m;
            }
        }
        return null;
    }

    /** A matcher over {@code text}, or empty when the pattern cannot match there: for the callers that walk every match. */
    public Optional<Matcher> matcher(CharSequence text) {
        return lead.mayMatchIn(text) ? Optional.of(pattern.matcher(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }
}
