package reportqa.retrieval.chunk;

import reportqa.retrieval.report.Section;

/**
 * A passage cut from a report: what is indexed, retrieved and cited.
 *
 * @param reportId the report it comes from
 * @param ordinal its position among the report's chunks (0-based)
 * @param text exactly {@code report.text().substring(start, end)}
 * @param section the section it lies in (chunks never cross sections)
 * @param start offset of the first character in the report's cleaned text
 * @param end offset after the last character
 */
public record Chunk(String reportId, int ordinal, String text, Section section, int start, int end) {

    /** A stable id: report id and ordinal. */
    public String id() {
        return reportId + "#" + ordinal;
    }
}
