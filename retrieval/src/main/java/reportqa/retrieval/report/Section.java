package reportqa.retrieval.report;

/**
 * A span of a report's cleaned text under one heading.
 *
 * @param heading the heading as written ({@code 投资要点}), or empty for the text before the first heading
 * @param kind body or boilerplate
 * @param start offset of the first character (inclusive) in the cleaned text
 * @param end offset after the last character (exclusive)
 */
public record Section(String heading, SectionKind kind, int start, int end) {

    public boolean isBoilerplate() {
        return kind == SectionKind.BOILERPLATE;
    }
}
