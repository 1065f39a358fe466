package reportqa.retrieval.report;

import java.util.List;

/**
 * A parsed report: its id (the file name without {@code .txt} or {@code .pdf}), metadata, cleaned
 * text, sections and, for a PDF, where each page starts.
 *
 * @param id report id
 * @param metadata broker, date, title …
 * @param text cleaned text; all offsets point into it
 * @param sections the sections in order, covering the text
 * @param pageStarts where each page of a PDF starts in {@code text} (page 1 first); empty for a text
 *     report, which has no pages
 */
public record Report(
        String id, ReportMetadata metadata, String text, List<Section> sections, List<Integer> pageStarts) {

    public Report {
        sections = List.copyOf(sections);
        // Null in a report an older index stored, before pages were kept.
        pageStarts = pageStarts == null ? List.of() : List.copyOf(pageStarts);
    }

    /** A text report (no pages). */
    public Report(String id, ReportMetadata metadata, String text, List<Section> sections) {
        this(id, metadata, text, sections, List.of());
    }

    /** The page the given offset is on, from 1; 0 for a report without pages. */
    public int pageAt(int offset) {
        int page = 0;
        for (int i = 0; i < pageStarts.size() && pageStarts.get(i) <= offset; i++) {
            page = i + 1;
        }
        return pageStarts.isEmpty() ? 0 : Math.max(page, 1);
    }

    /** The section containing the given offset, or the last one. */
    public Section sectionAt(int offset) {
        for (Section s : sections) {
            if (offset >= s.start() && offset < s.end()) {
                return s;
            }
        }
        return sections.get(sections.size() - 1);
    }
}
