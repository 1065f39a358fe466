package reportqa.retrieval.report;

import java.util.List;
import java.util.Map;
import reportqa.retrieval.report.BodyLines.Line;

/**
 * Reads the kind of report (行业周报, 行业快报 …) from the header: a line that is a report type of
 * the vocabulary, or a dash subtitle containing one ({@code ——行业周报}). Titles of related reports
 * ({@code 《…周报》}) are skipped: they name another report's type.
 */
final class ReportTypeExtractor {

    private final Vocabulary vocabulary;

    ReportTypeExtractor(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The report type, or empty. */
    String extract(List<Line> header, Map<String, String> provenance) {
        for (Line l : header) {
            if (l.text().startsWith("《") || l.text().contains("》")) {
                continue; // a related report's title, not this report's type
            }
            // Longest types first (the vocabulary sorts them), so 行业快报 wins over 快报.
            for (String type : vocabulary.reportTypes()) {
                if (l.text().equals(type)
                        || (l.text().startsWith("——") && l.text().contains(type))) {
                    provenance.put(MetadataField.REPORT_TYPE.key(), "header line " + l.text());
                    return type;
                }
            }
        }
        return "";
    }
}
