package reportqa.retrieval.report;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import reportqa.retrieval.report.BodyLines.Line;

/**
 * Reads the people named on a report: analysts (分析师) and research assistants (研究助理). A name
 * stands under a label, {@code 分析师： 陈旻} on one line, or a label line followed by a name line
 * that is itself followed by contact details (SAC number, e-mail); the contact details tell a name
 * from a short heading such as 市场表现.
 */
final class PeopleExtractor {

    private static final Pattern PERSON = Pattern.compile("^[\\u4e00-\\u9fa5·]{2,4}$");
    /** Contact details of a person; a line with them is never a headline either. */
    static final Pattern CONTACT = Pattern.compile("SAC|资格编号|证书编号|执业编号|邮箱|E-?mail|@|Tel|电话", Pattern.CASE_INSENSITIVE);

    private static final int CONTACT_WINDOW_LINES = 3;

    private final Vocabulary vocabulary;

    PeopleExtractor(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The analysts, in order of appearance. */
    List<String> analysts(List<Line> body, Map<String, String> provenance) {
        return people(body, vocabulary.analystLabels(), MetadataField.ANALYSTS, provenance);
    }

    /** The research assistants, in order of appearance. */
    List<String> assistants(List<Line> body, Map<String, String> provenance) {
        return people(body, vocabulary.assistantLabels(), MetadataField.ASSISTANTS, provenance);
    }

    private static List<String> people(
            List<Line> body, Set<String> labels, MetadataField field, Map<String, String> provenance) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < body.size(); i++) {
            String line = body.get(i).text();
            int colon = Math.max(line.indexOf('：'), line.indexOf(':'));
            if (colon > 0 && labels.contains(line.substring(0, colon).strip())) {
                for (String n : line.substring(colon + 1).strip().split("[、，,\\s]+")) {
                    if (PERSON.matcher(n).matches()) {
                        names.add(n);
                    }
                }
                continue;
            }
            if (labels.contains(line)) {
                for (int j = i + 1; j < body.size() && j <= i + 2; j++) {
                    String candidate = body.get(j).text();
                    if (PERSON.matcher(candidate).matches() && followedByContact(body, j)) {
                        names.add(candidate);
                    }
                }
            }
        }
        if (!names.isEmpty()) {
            provenance.put(field.key(), "named under a label (" + String.join("/", labels) + ")");
        }
        return List.copyOf(names);
    }

    private static boolean followedByContact(List<Line> body, int nameIndex) {
        for (int k = nameIndex + 1; k < body.size() && k <= nameIndex + CONTACT_WINDOW_LINES; k++) {
            if (CONTACT.matcher(body.get(k).text()).find()) {
                return true;
            }
        }
        return false;
    }
}
