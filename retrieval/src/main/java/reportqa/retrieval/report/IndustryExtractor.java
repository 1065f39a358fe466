package reportqa.retrieval.report;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.report.BodyLines.Line;

/**
 * Reads the industry a report covers (传媒, 计算机 …): a labelled body line {@code 行业： 传媒}
 * first, else a header line that is an industry of the vocabulary. Only the header is searched for a
 * bare industry word, since the body mentions many industries in passing.
 */
final class IndustryExtractor {

    private static final Pattern INDUSTRY_LABEL = Pattern.compile("^行业\\s*[:：]\\s*(\\S+)$");

    private final Vocabulary vocabulary;

    IndustryExtractor(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The industry, or empty. */
    String extract(BodyLines lines, Map<String, String> provenance) {
        for (Line l : lines.all()) {
            Matcher m = INDUSTRY_LABEL.matcher(l.text());
            if (m.matches()) {
                provenance.put(MetadataField.INDUSTRY.key(), "label: " + l.text());
                return m.group(1);
            }
        }
        for (Line l : lines.header()) {
            if (vocabulary.industries().contains(l.text())) {
                provenance.put(MetadataField.INDUSTRY.key(), "header line " + l.text());
                return l.text();
            }
        }
        return "";
    }
}
