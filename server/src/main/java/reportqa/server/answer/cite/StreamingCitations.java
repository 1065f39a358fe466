package reportqa.server.answer.cite;

import java.util.regex.Pattern;

/**
 * A model's answer while it is written, numbered as {@link CitationMapper} will number the finished
 * one, for a client that can only ever append to what it was sent (an OpenAI-compatible stream):
 * {@code [2,1]} goes out as {@code [1][2]}, a number that names no passage not at all, a group still
 * being written is held back until it closes, and so is whitespace until what follows it is known (the
 * finished answer has no space before punctuation and none at its end). A text that may yet turn out
 * to be the model's "no answer" is held back too: that answer is replaced by the abstention.
 *
 * <p>What {@link #add} hands out is only ever added to, so when the answer is done the text sent so
 * far is the start of the finished one and {@link #rest} is the part still owed.
 */
public final class StreamingCitations {

    /** A marker group still open at the end of the text so far: {@code [1,}, {@code 【}. */
    private static final Pattern OPEN = Pattern.compile("[\\[【［〔][\\d\\s,，、;；\\-–~]*$");

    private final int sources;
    private final String noAnswer;
    private final StringBuilder raw = new StringBuilder();
    private final StringBuilder sent = new StringBuilder();

    /**
     * @param sources how many passages the model was given (markers 1..sources name one)
     * @param noAnswer what the model says when the passages do not answer (empty: nothing held back for it)
     */
    public StreamingCitations(int sources, String noAnswer) {
        this.sources = sources;
        this.noAnswer = noAnswer;
    }

    /** Takes the next piece of the model's text; returns what may be shown of it now (often empty). */
    public String add(String piece) {
        raw.append(piece);
        String settled = settled();
        if (settled.length() <= sent.length() || !settled.startsWith(sent.toString())) {
            // Nothing new, or (never expected) a text that no longer starts with what went out: the
            // finished answer settles it.
            return "";
        }
        String next = settled.substring(sent.length());
        sent.append(next);
        return next;
    }

    /** Everything handed out so far. */
    public String sent() {
        return sent.toString();
    }

    /**
     * What is still owed of the finished answer {@code text}: its part after what was sent, or null
     * when it does not start with what was sent (the model's answer was replaced: an abstention, or
     * the extractive answer after a failure).
     */
    public String rest(String text) {
        return text.startsWith(sent.toString()) ? text.substring(sent.length()) : null;
    }

    private String settled() {
        String text = OPEN.matcher(raw).replaceFirst("");
        String numbered = CitationMapper.tidy(
                        CitationMapper.renumber(text, sources).text())
                .strip();
        if (!noAnswer.isEmpty() && (noAnswer.startsWith(numbered) || numbered.startsWith(noAnswer))) {
            return "";
        }
        return numbered;
    }
}
