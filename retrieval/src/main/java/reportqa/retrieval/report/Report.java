package reportqa.retrieval.report;

import java.util.List;

/**
 * A parsed report: its id (the file name without {@code .txt}), metadata, cleaned text and sections.
 *
 * @param id report id
 * @param metadata broker, date, title …
 * @param text cleaned text; all offsets point into it
 * @param sections the sections in order, covering the text
 */
public record Report(String id, ReportMetadata metadata, String text, List<Section> sections) {

    public Report {
        sections = List.copyOf(sections);
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
