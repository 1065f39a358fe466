package reportqa.retrieval.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;

/**
 * Tells page furniture from content: page headers and footers ({@code 日期： 2024年03月25日},
 * {@code SHANGHAI SECURITIES}), contact lines, lists of related reports, chart and table captions,
 * disclaimer fragments. They stay indexed, so a search can still find them; answers never quote
 * them. The patterns are in {@code noise-lines.json}.
 */
public final class NoiseLines {

    /** One kind of noise and its pattern. */
    public record Rule(String kind, Pattern pattern) {}

    private static final List<Rule> RULES = load();

    private NoiseLines() {}

    /** Whether a line or sentence is page furniture rather than content. */
    public static boolean isNoise(String line) {
        return kind(line).isPresent();
    }

    /** The kind of noise a line is (header, contact, related, caption, disclaimer), if it is. */
    public static Optional<String> kind(String line) {
        for (Rule r : RULES) {
            if (r.pattern().matcher(line).find()) {
                return Optional.of(r.kind());
            }
        }
        return Optional.empty();
    }

    private static List<Rule> load() {
        List<Rule> out = new ArrayList<>();
        for (JsonNode r : Resources.json("/reportqa/retrieval/noise-lines.json").path("lines")) {
            out.add(new Rule(
                    r.path("kind").asText(), Pattern.compile(r.path("pattern").asText())));
        }
        return List.copyOf(out);
    }
}
