package reportqa.retrieval.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The non-blank lines of a report's body sections, stripped, in order: what every metadata
 * extractor reads. Boilerplate (disclaimers, rating tables, addresses) is left out because it names
 * other brokers, other dates and generic ratings that would mislead the extractors.
 *
 * @param all every body line
 * @param header the lines before the first heading, where the broker, title and type are printed
 */
record BodyLines(List<Line> all, List<Line> header) {

    /** One line of text and the section it stands in. */
    record Line(String text, Section section) {}

    BodyLines {
        all = List.copyOf(all);
        header = List.copyOf(header);
    }

    /** The body lines of a cleaned report split into sections. */
    static BodyLines of(String text, List<Section> sections) {
        List<Line> lines = new ArrayList<>();
        for (Section s : sections) {
            if (s.isBoilerplate()) {
                continue;
            }
            for (String l : text.substring(s.start(), s.end()).split("\n")) {
                if (!l.isBlank()) {
                    lines.add(new Line(l.strip(), s));
                }
            }
        }
        return new BodyLines(
                lines,
                lines.stream().filter(l -> l.section().heading().isEmpty()).toList());
    }
}
