package reportqa.retrieval.pdf;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * PDFBox's text stripper, keeping each line's position instead of writing text. Lines come in the
 * order the page draws them, not sorted by position: a broker's two-column page, printed from its
 * layout, draws the left column before the right one, and sorting by position would interleave them.
 */
final class LineStripper extends PDFTextStripper {

    /**
     * Most drawing operators run for one document: a form drawn by a form drawn by a form … ten times
     * at each of eight levels is a few hundred bytes and a billion operators, which no size check of
     * the pages' own instructions sees.
     */
    static final long MAX_OPERATORS = 20_000_000;
    /** Most characters one page may draw: PDFBox keeps an object for each, a dense page has ~5,000. */
    static final int MAX_PAGE_CHARS = 200_000;

    /** A document that draws more than the limits allow: read no further. */
    static final class TooMuchDrawing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooMuchDrawing(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A gap between two words at least this many ems wide parts two table cells, when the line is not
     * justified (a table's cells are padded apart; a word space is a quarter to a third of an em).
     */
    static final float CELL_GAP_EMS = 1.0f;

    private final List<PdfLine> lines = new ArrayList<>();
    private long operators;
    private int pageChars;
    private final int maxChars;
    /** The current line's words as the stripper splits them (at the gaps between glyphs). */
    private final List<String> words = new ArrayList<>();
    /** For each gap between two of {@link #words}: whether it is wide enough to part table cells. */
    private final List<Boolean> wideGaps = new ArrayList<>();
    /** Whether the stripper put a word break after the last word. */
    private boolean broken;
    /** Where the last glyph read on this line ends. */
    private float lastRight;

    private int page;
    private int chars;
    private float left = Float.MAX_VALUE;
    private float right = -Float.MAX_VALUE;
    private float top = Float.MAX_VALUE;
    private float bottom = -Float.MAX_VALUE;

    /** @param maxChars reading stops once this many characters are read (the rest is not wanted) */
    LineStripper(int maxChars) {
        this.maxChars = maxChars;
        setSortByPosition(false);
        setSuppressDuplicateOverlappingText(true);
    }

    /** The lines of every page of {@code document}, in drawing order. */
    List<PdfLine> lines(PDDocument document) throws IOException {
        lines.clear();
        writeText(document, Writer.nullWriter());
        flush();
        return List.copyOf(lines);
    }

    /** Whether more text was drawn than {@code maxChars}. */
    boolean truncated() {
        return chars > maxChars;
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        if (++operators > MAX_OPERATORS) {
            throw new TooMuchDrawing("it draws more than " + MAX_OPERATORS + " operations (a PDF bomb?)");
        }
        super.processOperator(operator, operands);
    }

    @Override
    protected void processTextPosition(TextPosition text) {
        if (++pageChars > MAX_PAGE_CHARS) {
            throw new TooMuchDrawing(
                    "page " + page + " draws more than " + MAX_PAGE_CHARS + " characters (a PDF bomb?)");
        }
        super.processTextPosition(text);
    }

    @Override
    protected void startPage(PDPage p) throws IOException {
        flush();
        pageChars = 0;
        page = getCurrentPageNo();
        super.startPage(p);
    }

    @Override
    protected void endPage(PDPage p) throws IOException {
        flush();
        super.endPage(p);
    }

    @Override
    protected void writeString(String s, List<TextPosition> positions) {
        if (chars > maxChars) {
            return;
        }
        chars += s.length();
        if (!words.isEmpty() && broken && !positions.isEmpty()) {
            TextPosition first = positions.get(0);
            // The font size in user space: one em, what a gap is measured in.
            wideGaps.add(first.getXDirAdj() - lastRight >= CELL_GAP_EMS * first.getXScale());
            words.add(s);
        } else if (words.isEmpty()) {
            words.add(s);
        } else {
            words.set(words.size() - 1, words.get(words.size() - 1) + s);
        }
        broken = false;
        if (!positions.isEmpty()) {
            TextPosition last = positions.get(positions.size() - 1);
            lastRight = last.getXDirAdj() + last.getWidthDirAdj();
        }
        for (TextPosition t : positions) {
            left = Math.min(left, t.getXDirAdj());
            right = Math.max(right, t.getXDirAdj() + t.getWidthDirAdj());
            top = Math.min(top, t.getYDirAdj() - t.getHeightDir());
            bottom = Math.max(bottom, t.getYDirAdj());
        }
    }

    /**
     * The line's words, a tab between two table cells, a space elsewhere. A justified Chinese line
     * has wide gaps too, between nearly every character, and none of them parts cells: a line whose
     * words are mostly one character long is taken as justified.
     */
    private String joined() {
        long single = words.stream()
                .filter(w -> w.strip().codePointCount(0, w.strip().length()) == 1)
                .count();
        boolean justified = single * 2 > words.size();
        StringBuilder out = new StringBuilder(words.isEmpty() ? "" : words.get(0));
        for (int i = 1; i < words.size(); i++) {
            out.append(wideGaps.get(i - 1) && !justified ? '\t' : ' ').append(words.get(i));
        }
        return out.toString();
    }

    @Override
    protected void writeWordSeparator() {
        broken = true;
    }

    @Override
    protected void writeLineSeparator() {
        flush();
    }

    private void flush() {
        String line = joined().strip();
        if (!line.isEmpty() && left <= right) {
            lines.add(new PdfLine(page, line, left, right, top, bottom));
        }
        words.clear();
        wideGaps.clear();
        broken = false;
        left = Float.MAX_VALUE;
        right = -Float.MAX_VALUE;
        top = Float.MAX_VALUE;
        bottom = -Float.MAX_VALUE;
    }
}
