package reportqa.retrieval.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns text extracted from a broker's PDF into clean, readable text: markup artefacts dropped,
 * bullets removed, full-width letters and digits made half-width, lines broken mid-sentence joined,
 * runs of blank lines collapsed. Numbers, English words and model names are never altered
 * ({@code Open-Sora 1.0}, {@code 1.55 倍}, {@code 2048x2048} stay as they are).
 *
 * <p>Every offset the rest of the system uses (passages, highlights) points into the text this
 * class returns, so cleaning is deterministic and idempotent.
 */
public final class TextCleaner {

    /** Characters that start a bullet item in PDF extractions; removed with the space after them. */
    private static final Pattern BULLET = Pattern.compile("^(?:(?:[◆■□●•▪►▶◇○◎★☆✓√]|[-*·](?=\\s))\\s*)+");

    private static final Pattern SPACES = Pattern.compile("[ \\t\\u00A0\\u3000\\u2002-\\u200A]+");
    /**
     * Characters no reader sees: controls other than line breaks and tabs, format characters
     * (zero-width spaces, bidi overrides, soft hyphens, word joiners), private-use code points,
     * unpaired surrogates and the replacement character. Left in, they split words for the
     * analyzer, and a file made only of them would look like text to every stage after this one.
     */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|\\p{Cf}|\\p{Co}|\\p{Cs}|\\uFFFD");

    private static final Pattern BOLD = Pattern.compile("\\*\\*|__");
    /** A line ending in one of these finishes its sentence or introduces what follows. */
    private static final String LINE_END_PUNCT = "。！？；：:!?;…";
    /** Closing quotes and brackets finish a line only right after a sentence end ("…出奇迹。”"). */
    private static final String CLOSERS = "」』”’）)】";

    private static final Pattern SENTENCE_END = Pattern.compile("[。！？!?]");
    /** A line starting with one of these begins something new (a quote, a dash subtitle, a list). */
    private static final String NEW_BLOCK_START = "—《【「（(“";

    private static final Pattern LIST_START =
            Pattern.compile("^(?:\\d{1,2}[、.)）]|[（(]\\d{1,2}[)）]|[一二三四五六七八九十]+、|\\d\\))");
    /** Lines shorter than this are headers, labels or names: they are never joined to the next. */
    private static final int MIN_JOIN_LENGTH = 30;

    private static final int MIN_CONTINUATION_LENGTH = 10;

    private final Set<String> headings;

    /** @param headings section headings; a line that is a heading is never joined to another */
    public TextCleaner(Set<String> headings) {
        this.headings = Set.copyOf(headings);
    }

    /** Cleans a whole report; cleaning the result again changes nothing. */
    public String clean(String raw) {
        // One pass can leave work for the next: joining decides one source line at a time, so a
        // joined line may now continue onto the line after it, and dropping bold markers can form
        // new ones ("*__*"). Repeating until nothing changes makes cleaning idempotent. It ends:
        // a pass that changes cleaned text shortens it or removes a line break.
        String text = cleanOnce(raw);
        for (String again = cleanOnce(text); !again.equals(text); again = cleanOnce(text)) {
            text = again;
        }
        return text;
    }

    private String cleanOnce(String raw) {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        text = INVISIBLE.matcher(text).replaceAll("");
        text = BOLD.matcher(text).replaceAll("");
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(cleanLine(line));
        }
        return joinLines(lines);
    }

    /**
     * Text typed by someone (a question, a search): invisible characters removed, every kind of space
     * made one space, trimmed. Empty when nothing a reader could see is left.
     */
    public static String readable(String typed) {
        String s =
                INVISIBLE.matcher(typed.replace('\r', ' ').replace('\n', ' ')).replaceAll("");
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    /** Normalises one line: width, spaces, bullets. */
    public static String cleanLine(String line) {
        String s = halfWidth(line);
        s = SPACES.matcher(s).replaceAll(" ").strip();
        s = BULLET.matcher(s).replaceFirst("");
        return s.strip();
    }

    /**
     * Full-width ASCII letters, digits and a few symbols to half-width. Chinese punctuation
     * (，。：（）) is left alone: it is correct in Chinese text and readers expect it.
     */
    public static String halfWidth(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char mapped = c;
            if ((c >= '\uFF10' && c <= '\uFF19')
                    || (c >= '\uFF21' && c <= '\uFF3A')
                    || (c >= '\uFF41' && c <= '\uFF5A')
                    || c == '\uFF05'
                    || c == '\uFF0B'
                    || c == '\uFF1D'
                    || c == '\uFF0E'
                    || c == '\uFF0F'
                    || c == '\uFF20'
                    || c == '\uFF06'
                    || c == '\uFF03') {
                mapped = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                mapped = ' ';
            }
            if (mapped != c && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(mapped);
            }
        }
        return out == null ? s : out.toString();
    }

    private String joinLines(List<String> lines) {
        StringBuilder out = new StringBuilder();
        int blankRun = 0;
        boolean joinNext = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                blankRun++;
                continue;
            }
            if (out.length() > 0 && !joinNext) {
                out.append(blankRun > 0 ? "\n\n" : "\n");
            } else if (joinNext && needsSpace(out.charAt(out.length() - 1), line.charAt(0))) {
                out.append(' ');
            }
            out.append(line);
            blankRun = 0;
            joinNext = continuesOnNextLine(line, nextNonEmpty(lines, i + 1));
        }
        return out.toString();
    }

    private static String nextNonEmpty(List<String> lines, int from) {
        for (int j = from; j < lines.size(); j++) {
            if (!lines.get(j).isEmpty()) {
                return lines.get(j);
            }
        }
        return null;
    }

    /** A long line that stops mid-sentence continues on the next line unless that one starts a new block. */
    private boolean continuesOnNextLine(String line, String next) {
        if (next == null || line.length() < MIN_JOIN_LENGTH || next.length() < MIN_CONTINUATION_LENGTH) {
            return false;
        }
        if (endsSentence(line) || isHeading(line) || isHeading(next)) {
            return false;
        }
        // Only prose continues: a headline or list entry after a broken line has no sentence end.
        if (!SENTENCE_END.matcher(next).find()) {
            return false;
        }
        char first = next.charAt(0);
        if (NEW_BLOCK_START.indexOf(first) >= 0 || LIST_START.matcher(next).find()) {
            return false;
        }
        // A tab-separated table row or a label line ("分析师：") is structure, not prose.
        return !line.contains("\t") && !next.contains("\t");
    }

    private static boolean endsSentence(String line) {
        char last = line.charAt(line.length() - 1);
        if (LINE_END_PUNCT.indexOf(last) >= 0) {
            return true;
        }
        return CLOSERS.indexOf(last) >= 0
                && line.length() > 1
                && LINE_END_PUNCT.indexOf(line.charAt(line.length() - 2)) >= 0;
    }

    private boolean isHeading(String line) {
        return headings.contains(stripHeadingPunct(line));
    }

    /** A heading as written, without trailing colon. */
    public static String stripHeadingPunct(String line) {
        String s = line.strip();
        while (!s.isEmpty() && (s.endsWith("：") || s.endsWith(":"))) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    private static boolean needsSpace(char before, char after) {
        return isAsciiWord(before) && isAsciiWord(after);
    }

    private static boolean isAsciiWord(char c) {
        return (c < 128) && Character.isLetterOrDigit(c);
    }
}
