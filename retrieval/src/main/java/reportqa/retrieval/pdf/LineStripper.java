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

    private final List<PdfLine> lines = new ArrayList<>();
    private long operators;
    private int pageChars;
    private final int maxChars;
    private final StringBuilder text = new StringBuilder();
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
        text.append(s);
        for (TextPosition t : positions) {
            left = Math.min(left, t.getXDirAdj());
            right = Math.max(right, t.getXDirAdj() + t.getWidthDirAdj());
            top = Math.min(top, t.getYDirAdj() - t.getHeightDir());
            bottom = Math.max(bottom, t.getYDirAdj());
        }
    }

    @Override
    protected void writeWordSeparator() {
        text.append(' ');
    }

    @Override
    protected void writeLineSeparator() {
        flush();
    }

    private void flush() {
        String line = text.toString().strip();
        if (!line.isEmpty() && left <= right) {
            lines.add(new PdfLine(page, line, left, right, top, bottom));
        }
        text.setLength(0);
        left = Float.MAX_VALUE;
        right = -Float.MAX_VALUE;
        top = Float.MAX_VALUE;
        bottom = -Float.MAX_VALUE;
    }
}
