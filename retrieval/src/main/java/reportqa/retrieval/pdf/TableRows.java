package reportqa.retrieval.pdf;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts a table's rows back together when its cells wrap. A page draws a table row cell by cell: the
 * first cell's lines top to bottom, then the second cell's from the row's top again, right of the
 * first but inside the same column. Read in drawing order that is a run of short lines (股票投 / 资评 /
 * 级：) followed by another (分析师给出… / 表其根据…); this step makes each such row one line, its
 * cells' lines joined and the cells parted by a tab, as a text report writes a table row. A jump
 * back up to the next column of a two-column page is no cell: it starts right of the column.
 */
final class TableRows {

    /** Points of give when comparing positions of glyphs drawn on the same line or column. */
    private static final float SLACK = 2f;
    /** How many lines must reach a column's right edge for it to be the column's: a line or two may run wider. */
    private static final int COLUMN_LINES = 3;
    /** With fewer lines than this on the page at the column's left, the widest of them is its edge. */
    private static final int FEW = 2 * COLUMN_LINES;

    private TableRows() {}

    /** The lines of a block in drawing order, each table row whose cells wrap made one line. */
    static List<PdfLine> merge(List<PdfLine> lines) {
        List<PdfLine> out = new ArrayList<>(lines.size());
        int i = 0;
        while (i < lines.size()) {
            int end = stackEnd(lines, i);
            if (end == lines.size() || !beside(lines, lines.get(i), lines.get(end - 1), lines.get(end))) {
                out.addAll(lines.subList(i, end));
                i = end;
                continue;
            }
            // A row: the cells after this stack, each beside the one before it …
            List<List<PdfLine>> cells = new ArrayList<>();
            int j = end;
            PdfLine first = lines.get(i);
            while (j < lines.size() && beside(lines, first, lines.get(j - 1), lines.get(j))) {
                int e = stackEnd(lines, j);
                cells.add(lines.subList(j, e));
                j = e;
            }
            // … and of this stack, the lines beside them: those above the row's top belong to what
            // comes before the table (a paragraph, or the row above).
            float rowTop = (float) cells.stream()
                    .flatMap(List::stream)
                    .mapToDouble(PdfLine::top)
                    .min()
                    .orElseThrow();
            int k = end;
            while (k > i && lines.get(k - 1).bottom() > rowTop) {
                k--;
            }
            k = centredStart(lines, i, k, end, cells);
            if (k == end) {
                // Nothing of this stack is beside them: no table, only lines drawn out of order.
                out.addAll(lines.subList(i, j));
            } else {
                out.addAll(lines.subList(i, k));
                cells.add(0, lines.subList(k, end));
                out.add(row(cells));
            }
            i = j;
        }
        return out;
    }

    /**
     * Where a first cell taller than the others starts when the row centres its cells: its lines
     * above the others' top (from {@code k} up, to {@code from} at most) that put its middle where
     * theirs is, drawn at the cell's own line pitch (a paragraph before the table is set further
     * apart) and no table row themselves.
     */
    private static int centredStart(List<PdfLine> lines, int from, int k, int end, List<List<PdfLine>> cells) {
        if (end - k < 2) {
            return k;
        }
        float pitch = lines.get(end - 1).top() - lines.get(end - 2).top();
        double othersTop = cells.stream()
                .flatMap(List::stream)
                .mapToDouble(PdfLine::top)
                .min()
                .orElseThrow();
        double othersBottom = cells.stream()
                .flatMap(List::stream)
                .mapToDouble(PdfLine::bottom)
                .max()
                .orElseThrow();
        double top = othersTop + othersBottom - lines.get(end - 1).bottom() - pitch / 2;
        while (k > from) {
            PdfLine above = lines.get(k - 1);
            if (above.top() < top
                    || lines.get(k).top() - above.top() > pitch + SLACK / 2
                    || above.text().indexOf('\t') >= 0) {
                break;
            }
            k--;
        }
        return k;
    }

    /**
     * Where the stack of lines starting at {@code from} ends: lines drawn one below the other at the
     * same left edge on the same page.
     */
    private static int stackEnd(List<PdfLine> lines, int from) {
        int end = from + 1;
        while (end < lines.size()) {
            PdfLine above = lines.get(end - 1);
            PdfLine l = lines.get(end);
            if (l.page() != above.page() || Math.abs(l.left() - above.left()) > SLACK || l.top() <= above.top()) {
                break;
            }
            end++;
        }
        return end;
    }

    /**
     * Whether {@code next} starts a cell beside the one {@code previous} ends: on the same page,
     * drawn level with it or higher up again and right of it, but left of where the column of the row's first cell
     * ends (a column of a two-column page starts right of the other's end).
     */
    private static boolean beside(List<PdfLine> lines, PdfLine rowFirst, PdfLine previous, PdfLine next) {
        return next.page() == previous.page()
                && next.top() < previous.top() + SLACK
                && next.left() > previous.right() - SLACK
                && next.left() < columnRight(lines, rowFirst) - SLACK;
    }

    /**
     * How far right the column holding {@code l} reaches: as far as {@link #COLUMN_LINES} of the
     * lines of its page that start at or left of it and run past its start do (its widest line when
     * there are not {@link #FEW} of them). Not simply the widest: a full-width title, heading or
     * caption over a two-column page starts where the left column does, and would make that column
     * reach the page's right edge and the jump up to the right column a table's next cell.
     */
    private static float columnRight(List<PdfLine> lines, PdfLine l) {
        List<Float> rights = new ArrayList<>();
        for (PdfLine o : lines) {
            if (o.page() == l.page() && o.left() <= l.left() + SLACK && o.right() > l.left()) {
                rights.add(o.right());
            }
        }
        rights.sort(java.util.Comparator.reverseOrder());
        return rights.isEmpty() ? l.right() : rights.get(rights.size() < FEW ? 0 : COLUMN_LINES - 1);
    }

    /** A row's cells as one line: each cell's lines joined as a paragraph's are, the cells parted by tabs. */
    private static PdfLine row(List<List<PdfLine>> cells) {
        StringBuilder text = new StringBuilder();
        float left = Float.MAX_VALUE;
        float right = -Float.MAX_VALUE;
        float top = Float.MAX_VALUE;
        float bottom = -Float.MAX_VALUE;
        for (List<PdfLine> cell : cells) {
            if (text.length() > 0) {
                text.append('\t');
            }
            boolean firstLine = true;
            for (PdfLine l : cell) {
                if (!firstLine) {
                    PdfLayout.joinTo(text, l.text());
                }
                text.append(l.text());
                firstLine = false;
                left = Math.min(left, l.left());
                right = Math.max(right, l.right());
                top = Math.min(top, l.top());
                bottom = Math.max(bottom, l.bottom());
            }
        }
        return new PdfLine(cells.get(0).get(0).page(), text.toString(), left, right, top, bottom);
    }
}
