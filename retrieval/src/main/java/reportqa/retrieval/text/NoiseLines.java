package reportqa.retrieval.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import reportqa.retrieval.Memo;
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
    private static final Map<String, ScreenedPattern> ASKED_FOR = loadAskedFor();

    private NoiseLines() {}

    /**
     * Whether a line is page furniture, when the kinds in {@code wanted} are content: a contact line
     * is content for "陈旻的电话是多少？" ({@link #askedFor}), the related-report list for a question
     * about a report only that list names.
     */
    public static boolean isNoiseFor(String line, Set<String> wanted) {
        Optional<String> k = kind(line);
        return k.isPresent() && !wanted.contains(k.get());
    }

    /**
     * Questions already read. One answer asks this of its question three times or more (the search's
     * back-matter check, its furniture demotion and header lift, the answer's wanted lines), and the
     * patterns, unanchored and full of {@code \\b}, cost tens of µs a question once the answer path's
     * regex code is megamorphic: the load profile of /api/ask had 13% of its samples here. Sized for
     * the requests in flight, not for a library's questions: a load that asks the same few thousand
     * questions over and over gains nothing from it across requests.
     */
    private static final Memo<String, Set<String>> ASKED = new Memo<>(256);

    /** The kinds of line a question asks for (contact, related), which are content for it. */
    public static Set<String> askedFor(String question) {
        return ASKED.get(question, NoiseLines::readAskedFor);
    }

    private static Set<String> readAskedFor(String question) {
        Set<String> out = new HashSet<>();
        ASKED_FOR.forEach((kind, asks) -> {
            if (asks.find(question)) {
                out.add(kind);
            }
        });
        return Set.copyOf(out);
    }

    /** The kind of line that lists related reports: content when a question asks about one of them. */
    public static final String RELATED = "related";

    /** The kinds of line that stand in a report's legal back matter (the rating system, the office address). */
    public static final Set<String> BACK_MATTER = Set.of("disclaimer", "contact");

    /** Whether a question asks for what a report's back matter says, which the search skips unless asked. */
    public static boolean asksForBackMatter(String question) {
        return askedFor(question).stream().anyMatch(BACK_MATTER::contains);
    }

    /**
     * Lines already classified. The same passages come back for question after question, each of
     * their lines is classified when they are searched ({@code FurnitureDemotion}) and again when an
     * answer quotes them, and the rules cost ~20 µs a line (18 patterns, most unanchored): the
     * benchmark's profile of extractive answers on the seed library had half of its samples here.
     */
    private static final Memo<String, Optional<String>> SEEN = new Memo<>(50_000);

    /** The kind of noise a line is (header, contact, related, caption, disclaimer), if it is. */
    public static Optional<String> kind(String line) {
        return SEEN.get(line, NoiseLines::classify);
    }

    private static Optional<String> classify(String line) {
        for (Rule r : RULES) {
            if (r.pattern().matcher(line).find()) {
                return Optional.of(r.kind());
            }
        }
        return Optional.empty();
    }

    private static Map<String, ScreenedPattern> loadAskedFor() {
        Map<String, ScreenedPattern> out = new HashMap<>();
        Resources.json("/reportqa/retrieval/noise-lines.json")
                .path("askedFor")
                .fields()
                .forEachRemaining(e ->
                        out.put(e.getKey(), ScreenedPattern.compile(e.getValue().asText())));
        return Map.copyOf(out);
    }

    /**
     * A short fingerprint of the rules: line kinds stored in an index under other rules are not
     * trusted ({@link LineKinds#decode}).
     */
    public static String rulesVersion() {
        return VERSION;
    }

    private static final String VERSION = Hashes.sha256Prefix(
            RULES.stream().map(r -> r.kind() + "\t" + r.pattern().pattern()).reduce("", (a, b) -> a + "\n" + b), 4);

    private static List<Rule> load() {
        List<Rule> out = new ArrayList<>();
        for (JsonNode r : Resources.json("/reportqa/retrieval/noise-lines.json").path("lines")) {
            out.add(new Rule(
                    r.path("kind").asText(), Pattern.compile(r.path("pattern").asText())));
        }
        return List.copyOf(out);
    }
}
