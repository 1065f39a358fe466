package reportqa.retrieval.chunk;

import java.util.ArrayList;
import java.util.List;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.Section;

/**
 * Sentence-aware Chinese chunking. A report is cut into sentences (at 。！？； and line ends), and
 * sentences are packed into passages of at most {@code maxChars}, each repeating up to
 * {@code overlapChars} of whole sentences from the one before. A sentence longer than a passage is
 * cut at a comma or space, never inside a number or an English word. Passages never cross sections.
 */
public final class Chunker {

    private static final String SENTENCE_END = "。！？；!?;";
    private static final String CLOSERS = "”’」』）)】";
    private static final String SOFT_BREAK = "，、,：:）) ";

    private final ChunkingOptions options;

    public Chunker(ChunkingOptions options) {
        this.options = options;
    }

    public List<Chunk> chunk(Report report) {
        List<Chunk> chunks = new ArrayList<>();
        for (Section section : report.sections()) {
            List<int[]> units = sentences(report.text(), section.start(), section.end());
            pack(report, section, units, chunks);
        }
        return chunks;
    }

    private void pack(Report report, Section section, List<int[]> units, List<Chunk> out) {
        int first = 0;
        while (first < units.size()) {
            int last = first;
            while (last + 1 < units.size() && units.get(last + 1)[1] - units.get(first)[0] <= options.maxChars()) {
                last++;
            }
            int start = units.get(first)[0];
            int end = units.get(last)[1];
            String text = report.text().substring(start, end);
            if (!text.strip().equals(section.heading())) {
                out.add(new Chunk(report.id(), out.size(), text, section, start, end));
            }
            if (last + 1 >= units.size()) {
                break;
            }
            // Step back over whole sentences for the overlap, but always move forward.
            int next = last + 1;
            while (next - 1 > first && end - units.get(next - 1)[0] <= options.overlapChars()) {
                next--;
            }
            first = next;
        }
    }

    /** Sentence spans [start, end) within [from, to), trimmed, long ones cut to fit a passage. */
    List<int[]> sentences(String text, int from, int to) {
        List<int[]> units = new ArrayList<>();
        int s = from;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean end = c == '\n';
            if (SENTENCE_END.indexOf(c) >= 0) {
                while (i + 1 < to && CLOSERS.indexOf(text.charAt(i + 1)) >= 0) {
                    i++;
                }
                end = true;
            }
            if (end) {
                addTrimmed(text, s, i + 1, units);
                s = i + 1;
            }
        }
        addTrimmed(text, s, to, units);
        return units;
    }

    private void addTrimmed(String text, int start, int end, List<int[]> units) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        while (end - start > options.maxChars()) {
            int cut = cutPoint(text, start, start + options.maxChars());
            units.add(new int[] {start, cut});
            start = cut;
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
        }
        if (end > start) {
            units.add(new int[] {start, end});
        }
    }

    /** The best place to cut a long sentence before {@code limit}: after a comma, else at a word boundary. */
    private static int cutPoint(String text, int start, int limit) {
        int minimum = start + (limit - start) / 2;
        for (int i = limit; i > minimum; i--) {
            if (SOFT_BREAK.indexOf(text.charAt(i - 1)) >= 0) {
                return i;
            }
        }
        int i = limit;
        while (i > start + 1 && isWordChar(text.charAt(i - 1)) && isWordChar(text.charAt(i))) {
            i--;
        }
        return i > start + 1 ? i : limit;
    }

    /** Letters, digits and the marks inside numbers and names (1.55, Open-Sora, 2048x2048, 60%). */
    private static boolean isWordChar(char c) {
        return (c < 128 && Character.isLetterOrDigit(c)) || c == '.' || c == '-' || c == '%' || c == '_';
    }
}
