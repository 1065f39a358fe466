package reportqa.retrieval.report;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.report.BodyLines.Line;

/**
 * Reads the rating a report gives ({@code 增持（维持）}, {@code 领先大市-A维持}): a body line that is
 * a rating word of the vocabulary, with its optional label and its change (维持, 首次, 上调 …). The
 * whole line must be the rating, because rating words also appear in prose and in the rating
 * definitions of the boilerplate.
 */
final class RatingExtractor {

    private final Pattern ratingLine;

    RatingExtractor(Vocabulary vocabulary) {
        this.ratingLine = Pattern.compile("^(?:投资评级|行业评级|评级)?\\s*[:：]?\\s*((?:"
                + String.join("|", vocabulary.ratings())
                + ")(?:\\s*-\\s*[A-Z])?\\s*(?:[（(](?:维持|首次|上调|下调|首次覆盖)[)）]|维持|首次|上调|下调)?)$");
    }

    /** The rating as written, or empty. */
    String extract(List<Line> body, Map<String, String> provenance) {
        for (Line l : body) {
            Matcher m = ratingLine.matcher(l.text());
            if (m.matches()) {
                provenance.put(MetadataField.RATING.key(), "rating line: " + l.text());
                return m.group(1).strip();
            }
        }
        return "";
    }

    /** Whether the line is a rating line (and so not a headline). */
    boolean isRatingLine(String line) {
        return ratingLine.matcher(line).matches();
    }
}
