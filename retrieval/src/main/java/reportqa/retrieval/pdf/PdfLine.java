package reportqa.retrieval.pdf;

/**
 * One line of text as a PDF page draws it, in points from the page's top left corner.
 *
 * @param page the page, from 1
 * @param text the line's text, words as the PDF spaces them
 * @param left where its first glyph starts
 * @param right where its last glyph ends
 * @param top where its tallest glyph starts (above the baseline)
 * @param bottom its baseline
 */
public record PdfLine(int page, String text, float left, float right, float top, float bottom) {}
