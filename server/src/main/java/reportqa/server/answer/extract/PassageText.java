package reportqa.server.answer.extract;

import java.util.Locale;
import java.util.Objects;

/**
 * The text of an answer's passages, as {@link Answerability}'s checks and a comparison's names read
 * it: as written, and in lower case, made when first asked for and then kept. One answer reads its
 * passages in lower case up to five times, and most answers none (most questions name nothing);
 * made per answer, the value lives no longer than the answer does.
 */
final class PassageText {

    private final String text;
    private String lowerCase;

    /** @param text the passages, joined */
    PassageText(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    /** The passages as written. */
    String text() {
        return text;
    }

    /** The passages in lower case ({@link Locale#ROOT}). */
    String lowerCase() {
        if (lowerCase == null) {
            lowerCase = text.toLowerCase(Locale.ROOT);
        }
        return lowerCase;
    }
}
