package reportqa.retrieval.pdf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import reportqa.retrieval.text.TextCleaner;

/**
 * Reads a broker report's layout from its lines: the running header and footer every page repeats
 * (kept out of the text), the first page's narrow side panel (after the title block above it, before
 * the body, as a text report has it), and the body's paragraphs (a line the column ends is joined
 * to the next).
 */
final class PdfLayout {

    /** Lines starting in this top share of a page, or ending in this bottom share, may be running furniture. */
    private static final float BAND = 0.085f;
    /** A side panel ends left of this share of the page's width. */
    private static final float PANEL_RIGHT = 0.36f;
    /** Lines starting left of this share of the width start at the left margin. */
    private static final float LEFT_MARGIN = 0.2f;
    /** The share of left-margin lines of page 1 that must end before PANEL_RIGHT for a panel. */
    private static final float PANEL_SHARE = 0.8f;
    /** A panel has at least this many lines. */
    private static final int PANEL_MIN_LINES = 3;
    /** A page's number as a footer writes it in words (第 3 页, 第 3 页 共 12 页). */
    private static final String PAGE_OF = "第\\s*\\d+\\s*页(?:\\s*[,，/]?\\s*共\\s*\\d+\\s*页)?";
    /** A page number alone (3, 第 3 页, 3 / 12, - 3 -, 第 3 页 共 12 页). */
    private static final Pattern PAGE_NUMBER = Pattern.compile(
            "^(?:" + PAGE_OF + "|\\d+(?:\\s*/\\s*\\d+)?|-\\s*\\d+\\s*-|page \\d+(?: of \\d+)?)$",
            Pattern.CASE_INSENSITIVE);
    /**
     * A footer line that starts or ends with its page's number (第 1 页共 1 页请务必阅读…, where the
     * page number and the disclaimer stand on one line): furniture even on a one-page report, where
     * nothing repeats.
     */
    private static final Pattern PAGE_MARK = Pattern.compile(
            "^(?:" + PAGE_OF + "|page \\d+ of \\d+)|(?:" + PAGE_OF + "|page \\d+ of \\d+)$", Pattern.CASE_INSENSITIVE);
    /** Chinese character or punctuation */
    private static final String CHINESE =
            "[\\p{IsHan}\\u3000-\\u303F\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\u201C\\u201D\\u2018\\u2019\\u2014\\u2026【】]";
    /** A space between two Chinese characters or punctuation marks. */
    private static final Pattern JUSTIFIED_SPACE = Pattern.compile("(?<=" + CHINESE + ") +(?=" + CHINESE + ")");
    /**
     * A line ending so ends its paragraph, however far it reaches. Not a colon or semicolon: a line
     * that fills its column and ends in one was broken there by the width (1) 3D 一致性：/ Sora 可以…).
     */
    private static final String PARAGRAPH_END = "。！？!?…";
    /** A line starting so starts an item of its own (1. or 1、, not the 74.4% a line may start with). */
    private static final Pattern ITEM_START =
            Pattern.compile("^(?:[-•·◆■●▪*]|[—–]|\\d{1,2}(?:[、)）]|\\.(?!\\d))|[（(]\\d{1,2}[)）]|[一二三四五六七八九十]+、|《)");
    /** How far short of its column's right edge a line may end and still fill it, in points. */
    private static final float FULL_SLACK = 14f;

    private PdfLayout() {}

    /**
     * Lays out the lines of a document.
     *
     * @param lines every page's lines in drawing order
     * @param widths each page's width, page 1 first
     * @param heights each page's height
     * @param headings section headings, which are paragraphs of their own however they are drawn
     */
    static PdfText read(List<PdfLine> lines, float[] widths, float[] heights, Set<String> headings) {
        int pages = widths.length;
        List<PdfLine> drawn = unjustified(lines);
        Set<String> repeated = repeated(drawn, heights, pages);
        List<PdfLine> body = new ArrayList<>();
        Set<String> furniture = new LinkedHashSet<>();
        for (PdfLine l : drawn) {
            if (inBand(l, heights[l.page() - 1])
                    && (PAGE_NUMBER.matcher(l.text()).matches()
                            || PAGE_MARK.matcher(l.text()).find()
                            || repeated.contains(key(l)))) {
                furniture.add(l.text().replace('\t', ' '));
            } else {
                body.add(l);
            }
        }
        List<PdfLine> panel = panel(body, widths[0]);
        body.removeAll(panel);
        // What the first page prints above the panel (the broker, the title) is read before it.
        float panelTop = (float) panel.stream().mapToDouble(PdfLine::top).min().orElse(0);
        List<PdfLine> head = body.stream()
                .filter(l -> l.page() == 1 && l.bottom() <= panelTop + 1)
                .toList();
        body.removeAll(head);

        StringBuilder text = new StringBuilder();
        append(text, head, columnRights(head), headings, null);
        float panelRight =
                (float) panel.stream().mapToDouble(PdfLine::right).max().orElse(0);
        int panelStart = text.length() + (text.length() > 0 && !panel.isEmpty() ? 1 : 0);
        append(text, panel, l -> panelRight, headings, null);
        List<String> panelText =
                panel.isEmpty() ? List.of() : List.of(text.substring(panelStart).split("\n"));
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        body = TableRows.merge(body);
        append(text, body, columnRights(body), headings, starts);
        while (starts.size() < pages) {
            starts.add(text.length());
        }
        return new PdfText(text.toString(), starts, panelText, List.copyOf(furniture), pages);
    }

    /**
     * Appends a block of lines to {@code text}, each paragraph on a line of its own.
     *
     * @param columnRight how far right the column of a line reaches
     * @param starts where pages start, to be added to as the lines reach new pages (null: one page)
     */
    private static void append(
            StringBuilder text,
            List<PdfLine> block,
            Function<PdfLine, Float> columnRight,
            Set<String> headings,
            List<Integer> starts) {
        PdfLine previous = null;
        for (PdfLine l : block) {
            if (previous != null && continues(previous, l, columnRight.apply(previous), headings)) {
                joinTo(text, l.text());
            } else if (text.length() > 0) {
                text.append('\n');
            }
            // A page starts where its first line's text does, mid-paragraph or not.
            while (starts != null && starts.size() < l.page()) {
                starts.add(text.length());
            }
            text.append(l.text());
            previous = l;
        }
    }

    /**
     * Lines without the spaces a justified line puts between Chinese characters: the PDF draws the
     * stretched gaps, the stripper reads them as word breaks (小模 型 的 特 定 行 为). A space
     * beside a digit or a Latin letter is the writer's (3 月 5 日, AI 视频) and stays.
     */
    private static List<PdfLine> unjustified(List<PdfLine> lines) {
        List<PdfLine> out = new ArrayList<>(lines.size());
        for (PdfLine l : lines) {
            String t = JUSTIFIED_SPACE.matcher(l.text()).replaceAll("");
            out.add(t.equals(l.text()) ? l : new PdfLine(l.page(), t, l.left(), l.right(), l.top(), l.bottom()));
        }
        return out;
    }

    /** Lines in the furniture band that recur (digits aside) on at least half the pages, two at least. */
    private static Set<String> repeated(List<PdfLine> lines, float[] heights, int pages) {
        Map<String, Set<Integer>> on = new HashMap<>();
        for (PdfLine l : lines) {
            if (inBand(l, heights[l.page() - 1])) {
                on.computeIfAbsent(key(l), k -> new HashSet<>()).add(l.page());
            }
        }
        // A one-page report repeats nothing: its top and bottom lines (the broker, the date) are kept.
        int needed = Math.max(2, (pages + 1) / 2);
        Set<String> out = new HashSet<>();
        on.forEach((k, p) -> {
            if (p.size() >= needed) {
                out.add(k);
            }
        });
        return out;
    }

    private static String key(PdfLine l) {
        return l.text().replaceAll("\\d+", "#");
    }

    private static boolean inBand(PdfLine l, float height) {
        return l.bottom() < height * BAND || l.top() > height * (1 - BAND);
    }

    /**
     * The first page's side panel: below the title block (what is printed above the column right of
     * the panel), when most lines starting at the left margin end in a narrow strip (a body column,
     * even of a two-column page, reaches further), those lines.
     */
    private static List<PdfLine> panel(List<PdfLine> body, float width) {
        double mainTop = body.stream()
                .filter(l -> l.page() == 1 && l.left() >= width * PANEL_RIGHT)
                .mapToDouble(PdfLine::top)
                .min()
                .orElse(Double.NaN);
        if (Double.isNaN(mainTop)) {
            return List.of();
        }
        List<PdfLine> atMargin = body.stream()
                .filter(l -> l.page() == 1 && l.left() < width * LEFT_MARGIN && l.bottom() > mainTop)
                .toList();
        List<PdfLine> narrow =
                atMargin.stream().filter(l -> l.right() < width * PANEL_RIGHT).toList();
        if (narrow.size() < PANEL_MIN_LINES || narrow.size() < atMargin.size() * PANEL_SHARE) {
            return List.of();
        }
        return narrow;
    }

    /**
     * How far right the column of a line of {@code block} reaches: the furthest right of its page's
     * lines starting where it does (worked out once a column).
     */
    private static Function<PdfLine, Float> columnRights(List<PdfLine> block) {
        Map<Float, Float> known = new HashMap<>();
        return l -> known.computeIfAbsent(l.page() * 10_000f + Math.round(l.left()), k -> {
            float right = l.right();
            for (PdfLine o : block) {
                if (o.page() == l.page() && Math.abs(o.left() - l.left()) < 2f) {
                    right = Math.max(right, o.right());
                }
            }
            return right;
        });
    }

    /**
     * Whether {@code next} goes on the paragraph of {@code previous}: the previous line fills its
     * column, or stops short of it only because the next line's first word did not fit (高达 /
     * 74.4%。, 编号： / S0910523020003), and does not end a sentence; the next one starts no item of
     * its own (in the next column or on the next page too: a paragraph runs on there); neither is a
     * section heading; neither is a table row.
     */
    private static boolean continues(PdfLine previous, PdfLine next, float columnRight, Set<String> headings) {
        String p = previous.text();
        if (p.indexOf('\t') >= 0 || next.text().indexOf('\t') >= 0) {
            return false; // a table row is a line of its own
        }
        boolean filled =
                previous.right() >= columnRight - FULL_SLACK || firstWordWidth(next) > columnRight - previous.right();
        return filled
                && PARAGRAPH_END.indexOf(p.charAt(p.length() - 1)) < 0
                && !ITEM_START.matcher(next.text()).find()
                && !headings.contains(TextCleaner.stripHeadingPunct(p))
                && !headings.contains(TextCleaner.stripHeadingPunct(next.text()));
    }

    /** Closing punctuation a line may not start with: it goes with the word before it (74.4%。). */
    private static final String CLOSING = "，。、；：！？）》」』”’%,.;:!?)";

    /**
     * About how wide the first word of a line is: a run of Latin letters and digits (or one Chinese
     * character) and the closing punctuation that must stay with it, at the line's mean width a
     * character.
     */
    private static float firstWordWidth(PdfLine l) {
        String t = l.text();
        int n = 0;
        while (n < t.length() && t.charAt(n) < 0x2E80 && Character.isLetterOrDigit(t.charAt(n))
                || n < t.length()
                        && n > 0
                        && ".-%".indexOf(t.charAt(n)) >= 0
                        && n + 1 < t.length()
                        && Character.isLetterOrDigit(t.charAt(n + 1))) {
            n++;
        }
        if (n == 0) {
            n = 1;
        }
        while (n < t.length() && CLOSING.indexOf(t.charAt(n)) >= 0) {
            n++;
        }
        return (l.right() - l.left()) / t.length() * n;
    }

    /**
     * Readies {@code text} for the next line of its paragraph: Latin words and numbers are kept apart
     * by a space, Chinese is not, and a line that ends in a hyphen is joined as it is (re- /
     * captioning is re-captioning: broker PDFs break lines at a compound's hyphen, they do not
     * hyphenate words to fit).
     */
    static void joinTo(StringBuilder text, String next) {
        char last = text.charAt(text.length() - 1);
        if (last != '-' && needsSpace(last, next.charAt(0))) {
            text.append(' ');
        }
    }

    private static boolean needsSpace(char before, char after) {
        return isLatinOrDigit(before) && isLatinOrDigit(after);
    }

    private static boolean isLatinOrDigit(char c) {
        return (c < 0x2E80) && Character.isLetterOrDigit(c);
    }
}
