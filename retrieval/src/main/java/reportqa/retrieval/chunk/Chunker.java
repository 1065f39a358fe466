package reportqa.retrieval.chunk;

import java.util.ArrayList;
import java.util.List;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.Section;
import reportqa.retrieval.text.Sentences;
import reportqa.retrieval.text.Sentences.Span;

/**
 * Sentence-aware Chinese chunking. A report is cut into sentences by {@link Sentences} (at 。！？；
 * and line ends), and sentences are packed into passages of at most {@code maxChars}, each
 * repeating up to {@code overlapChars} of whole sentences from the one before. A sentence longer
 * than a passage is cut at a comma or space, never inside a number or an English word. Passages
 * never cross sections.
 */
public final class Chunker {

    private static final String SOFT_BREAK = "，、,：:）) ";

    private final ChunkingOptions options;

    public Chunker(ChunkingOptions options) {
        this.options = options;
    }

    public List<Chunk> chunk(Report report) {
        List<Chunk> chunks = new ArrayList<>();
        for (Section section : report.sections()) {
            List<Span> units = units(report.text(), section.start(), section.end());
            pack(report, section, units, chunks);
        }
        return chunks;
    }

    private void pack(Report report, Section section, List<Span> units, List<Chunk> out) {
        int first = 0;
        while (first < units.size()) {
            int last = first;
            while (last + 1 < units.size()
                    && units.get(last + 1).end() - units.get(first).start() <= options.maxChars()) {
                last++;
            }
            int start = units.get(first).start();
            int end = units.get(last).end();
            String text = report.text().substring(start, end);
            if (!text.strip().equals(section.heading())) {
                out.add(new Chunk(report.id(), out.size(), text, section, start, end));
            }
            if (last + 1 >= units.size()) {
                break;
            }
            // Step back over whole sentences for the overlap, but always move forward.
            int next = last + 1;
            while (next - 1 > first && end - units.get(next - 1).start() <= options.overlapChars()) {
                next--;
            }
            first = next;
        }
    }

    /** The sentences of {@code text[from, to)}, long ones cut into pieces that fit a passage. */
    private List<Span> units(String text, int from, int to) {
        List<Span> units = new ArrayList<>();
        for (Span sentence : Sentences.spans(text, from, to)) {
            cutToFit(text, sentence, units);
        }
        return units;
    }

    private void cutToFit(String text, Span sentence, List<Span> units) {
        int start = sentence.start();
        int end = sentence.end();
        while (end - start > options.maxChars()) {
            int cut = cutPoint(text, start, start + options.maxChars());
            units.add(new Span(start, cut));
            start = cut;
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
        }
        if (end > start) {
            units.add(new Span(start, end));
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
