/**
 * Reading PDF reports: {@link reportqa.retrieval.pdf.PdfReader} extracts a broker PDF's text with
 * Apache PDFBox and lays it out as a text report is (side panel first, running headers and footers
 * left out, paragraphs joined across the lines, columns and pages they run over), with where each
 * page starts; the report parser then cleans, splits and reads it exactly as it does a {@code .txt}.
 */
package reportqa.retrieval.pdf;
