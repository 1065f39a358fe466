package reportqa.retrieval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import reportqa.retrieval.Resources;

/**
 * The words the parser recognises (industries, report types, ratings, labels, headings), read from
 * the data file {@code vocabulary.json} so they can be extended without touching code.
 */
public record Vocabulary(
        List<String> industries,
        List<String> reportTypes,
        List<String> ratings,
        Set<String> analystLabels,
        Set<String> assistantLabels,
        Set<String> bodyHeadings,
        Set<String> boilerplateHeadings,
        Set<String> legalStartHeadings) {

    private static final String RESOURCE = "/reportqa/retrieval/vocabulary.json";

    /** The vocabulary shipped with the library. */
    public static Vocabulary standard() {
        JsonNode root = Resources.json(RESOURCE);
        JsonNode headings = root.path("headings");
        return new Vocabulary(
                longestFirst(strings(root.path("industries"))),
                longestFirst(strings(root.path("reportTypes"))),
                longestFirst(strings(root.path("ratings"))),
                new LinkedHashSet<>(strings(root.path("analystLabels"))),
                new LinkedHashSet<>(strings(root.path("assistantLabels"))),
                new LinkedHashSet<>(strings(headings.path("body"))),
                new LinkedHashSet<>(strings(headings.path("boilerplate"))),
                new LinkedHashSet<>(strings(headings.path("legalStart"))));
    }

    /** Every heading, body or boilerplate. */
    public Set<String> allHeadings() {
        Set<String> all = new LinkedHashSet<>(bodyHeadings);
        all.addAll(boilerplateHeadings);
        return all;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Longest first, so that 行业快报 is tried before 快报 and 谨慎推荐 before 推荐. */
    private static List<String> longestFirst(List<String> words) {
        List<String> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(sorted);
    }
}
