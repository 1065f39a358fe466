package reportqa.server.answer.cite;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model's answer while it is written, numbered as {@link CitationMapper} will number the finished
 * one, for a client that can only ever append to what it was sent (an OpenAI-compatible stream):
 * {@code [2,1]} goes out as {@code [1][2]}, a number that names no passage not at all, the model's
 * "no answer" phrase not at all (the finished answer drops it too). Held back until settled: a group
 * still being written, whitespace until what follows it is known (the finished answer has no space
 * before punctuation and none at its end), the start of what may be the "no answer" phrase, and the
 * whole text while it may yet be only that phrase (that answer is replaced by the abstention).
 *
 * <p>What {@link #add} hands out is only ever added to, so when the answer is done the text sent so
 * far is the start of the finished one and {@link #rest} is the part still owed. Each piece is worked
 * on once: the text before the last settled point is never read again, so a long answer costs time
 * in proportion to its length.
 */
public final class StreamingCitations {

    /** A marker group still open at the end of the text so far: {@code [1,}, {@code 【}. */
    private static final Pattern OPEN = Pattern.compile("[\\[【［〔][\\d\\s,，、;；\\-–~]*$");

    private final int sources;
    private final String noAnswer;
    /** The model's text not yet settled (everything before it has been handed out). */
    private final StringBuilder pending = new StringBuilder();
    /** What the model's text began with, while it may still be only the "no answer" phrase. */
    private final StringBuilder start = new StringBuilder();

    private final StringBuilder sent = new StringBuilder();
    /**
     * Whitespace the numbered text ends with, not yet sent: a marker dropped after it may leave it
     * before punctuation, where the finished answer has none.
     */
    private String space = "";

    private final Map<Integer, Integer> numbers = new LinkedHashMap<>();
    private boolean begun;
    /** Whether the text began with the "no answer" phrase: nothing of it is ever sent. */
    private boolean abstaining;

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
        if (abstaining) {
            return "";
        }
        pending.append(piece);
        if (!begun) {
            // The finished answer is the abstention when the stripped text starts with the phrase.
            start.append(piece);
            String s = start.toString().strip();
            if (!noAnswer.isEmpty() && s.startsWith(noAnswer)) {
                abstaining = true;
                return "";
            }
            if (!noAnswer.isEmpty() && noAnswer.startsWith(s)) {
                return "";
            }
        }
        // The phrase goes before anything else is read, as the finished answer drops it first: a
        // group around it ([2NO_ANSWER]) is then read as the finished answer reads it.
        dropNoAnswer();
        int cut = settledEnd(pending);
        if (cut == 0) {
            return "";
        }
        String chunk = pending.substring(0, cut);
        pending.delete(0, cut);
        String numbered = numbered(chunk);
        String out = numbered.stripTrailing();
        space = numbered.substring(out.length());
        if (!begun) {
            out = out.stripLeading();
            if (out.isEmpty()) {
                return "";
            }
            begun = true;
        }
        sent.append(out);
        return out;
    }

    private void dropNoAnswer() {
        if (noAnswer.isEmpty()) {
            return;
        }
        for (int at = pending.indexOf(noAnswer); at >= 0; at = pending.indexOf(noAnswer, at)) {
            pending.delete(at, at + noAnswer.length());
        }
    }

    /** Everything handed out so far. */
    public String sent() {
        return sent.toString();
    }

    /**
     * What is still owed of the finished answer {@code text}: its part after what was sent, or null
     * when it does not start with what was sent (the model's answer was replaced: the extractive
     * answer after a failure, or one that cited nothing).
     */
    public String rest(String text) {
        String s = sent.toString();
        return text.startsWith(s) ? text.substring(s.length()) : null;
    }

    /**
     * How much of {@code text} is settled: up to its last character that is not whitespace, not in an
     * open group and not the start of the "no answer" phrase.
     */
    private int settledEnd(CharSequence text) {
        int end = text.length();
        while (true) {
            int before = end;
            while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            Matcher open = OPEN.matcher(text).region(0, end);
            if (open.find()) {
                end = open.start();
            }
            end -= noAnswerPrefixAtEnd(text, end);
            if (end == before) {
                return end;
            }
        }
    }

    /**
     * The length of the longest start of the "no answer" phrase that {@code text[0, end)} ends with,
     * short of the whole (a whole one is gone already): held back until what follows is known.
     */
    private int noAnswerPrefixAtEnd(CharSequence text, int end) {
        for (int n = Math.min(noAnswer.length() - 1, end); n > 0; n--) {
            if (noAnswer.regionMatches(0, text.subSequence(end - n, end).toString(), 0, n)) {
                return n;
            }
        }
        return 0;
    }

    /** A settled piece numbered as the finished answer numbers it, continuing the numbers given so far. */
    private String numbered(String chunk) {
        StringBuilder out = new StringBuilder(space);
        CitationMapper.appendNumbered(CitationMapper.normalizeGroups(chunk), sources, numbers, sent, out);
        return CitationMapper.tidy(out.toString());
    }
}
