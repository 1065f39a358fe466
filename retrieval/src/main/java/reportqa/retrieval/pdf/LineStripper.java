package reportqa.retrieval.pdf;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
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

    private final List<PdfLine> lines = new ArrayList<>();
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
    protected void startPage(PDPage p) throws IOException {
        flush();
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
