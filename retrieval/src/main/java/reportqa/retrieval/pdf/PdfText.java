package reportqa.retrieval.pdf;

import java.util.List;

/**
 * What a PDF report says, laid out as a text report is: the first page's title block, its side
 * panel (rating, analysts, related reports: what the metadata is read from), then the body, its
 * lines broken only where the page ends a paragraph.
 *
 * @param text the report's text, title block, side panel and body, one paragraph a line
 * @param pageStarts where each page's text starts in {@code text}, page 1 first (at 0)
 * @param panel the side panel's lines, as they are in {@code text}
 * @param furniture the running headers and footers left out of {@code text} (broker, title, page
 *     numbers, the disclaimer line), one of each kind
 * @param pages how many pages the PDF has
 */
public record PdfText(String text, List<Integer> pageStarts, List<String> panel, List<String> furniture, int pages) {

    public PdfText {
        pageStarts = List.copyOf(pageStarts);
        panel = List.copyOf(panel);
        furniture = List.copyOf(furniture);
    }
}
