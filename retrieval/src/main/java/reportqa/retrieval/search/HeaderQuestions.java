package reportqa.retrieval.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import reportqa.retrieval.Memo;
import reportqa.retrieval.Resources;
import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.text.ScreenedPattern;

/**
 * Which field of a report's header (rating, analysts, date, title …) a question asks for, read with
 * the patterns of {@code header-questions.json}: searching lifts the passage the field was read from
 * ({@link HeaderFieldLift}), answering takes the value from the metadata.
 */
public final class HeaderQuestions {

    /** The resource the patterns are read from (it also holds the words answering uses). */
    public static final String RESOURCE = "/reportqa/retrieval/header-questions.json";

    /**
     * A header field and the words that ask for it.
     *
     * @param key the field's key ({@code rating}, {@code analysts}, {@code date} …)
     * @param pattern what in a question asks for it
     */
    public record Field(String key, Pattern pattern) {}

    private static final HeaderQuestions STANDARD = load();

    private final List<Field> fields;
    /** The fields' patterns, screened by the characters their matches begin with, in the same order. */
    private final List<ScreenedPattern> screened;

    /**
     * Questions already read: an answer asks this of the same question in its search (the header
     * lift) and its answer (the header facts, the contact facts, the follow-up check), ~35 µs a time.
     * Sized for the requests in flight, as {@code NoiseLines}' questions are.
     */
    private final Memo<String, Optional<Field>> asked = new Memo<>(256);

    public HeaderQuestions(List<Field> fields) {
        this.fields = List.copyOf(fields);
        this.screened =
                this.fields.stream().map(f -> ScreenedPattern.of(f.pattern())).toList();
    }

    /** The shipped patterns. */
    public static HeaderQuestions standard() {
        return STANDARD;
    }

    /** Every field in the order they are tried (the first that matches is the one asked for). */
    public List<Field> fields() {
        return fields;
    }

    /** The field the question asks for, if it asks for one. */
    public Optional<Field> asked(String question) {
        return asked.get(question, q -> {
            for (int i = 0; i < fields.size(); i++) {
                if (screened.get(i).find(q)) {
                    return Optional.of(fields.get(i));
                }
            }
            return Optional.empty();
        });
    }

    /**
     * The text a field's value was read from, as the report writes it (the rating, the first analyst,
     * the title, the date line); empty for fields not read from one line of text.
     */
    public static String evidence(String field, ReportMetadata m) {
        return switch (field) {
            case "rating" -> m.rating();
            case "analysts" -> m.analysts().isEmpty() ? "" : m.analysts().get(0);
            case "assistants" -> m.assistants().isEmpty() ? "" : m.assistants().get(0);
            case "title" -> m.title();
            case "date" -> m.date().evidence();
            default -> "";
        };
    }

    /**
     * The first of a report's passages holding a field's evidence (whitespace ignored); back matter
     * only when {@code backMatter}: the passage a field value is cited to and lifted from.
     */
    public static Optional<Passage> passageHolding(List<Passage> passages, String evidence, boolean backMatter) {
        String needle = evidence.replaceAll("\\s+", "");
        return passages.stream()
                .filter(p -> backMatter || !p.boilerplate())
                .filter(p -> p.text().replaceAll("\\s+", "").contains(needle))
                .findFirst();
    }

    private static HeaderQuestions load() {
        JsonNode root = Resources.json(RESOURCE);
        List<Field> out = new ArrayList<>();
        for (JsonNode f : root.path("fields")) {
            out.add(new Field(
                    f.path("field").asText(), Pattern.compile(f.path("pattern").asText())));
        }
        return new HeaderQuestions(out);
    }
}
