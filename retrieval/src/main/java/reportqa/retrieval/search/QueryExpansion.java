package reportqa.retrieval.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;

/**
 * Adds the Chinese words of an English question ("recommend" → 推荐 建议关注), and the reports' words
 * for a Chinese question's (官网 → 网址), from the data file {@code glossary.json}: the reports are
 * Chinese, and neither BM25 nor the small Chinese embedding model carries English words over on its
 * own, nor a question's word to the one a report writes.
 */
public final class QueryExpansion {

    private static final String RESOURCE = "/reportqa/retrieval/glossary.json";
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z-]*");
    private final Map<String, List<String>> terms;
    /** Chinese question words and the reports' words for the same thing (官网 → 网址). */
    private final Map<String, List<String>> chinese;

    public QueryExpansion(Map<String, List<String>> terms) {
        this(terms, Map.of());
    }

    /**
     * @param terms English words and their Chinese
     * @param chinese Chinese question words and the reports' words for them, in the order they are
     *     added (kept: the expanded text is embedded, and the same question must give the same text)
     */
    public QueryExpansion(Map<String, List<String>> terms, Map<String, List<String>> chinese) {
        this.terms = Map.copyOf(terms);
        this.chinese = Collections.unmodifiableMap(new LinkedHashMap<>(chinese));
    }

    /** The glossary shipped with the library. */
    public static QueryExpansion standard() {
        JsonNode root = Resources.json(RESOURCE);
        Map<String, List<String>> english = new LinkedHashMap<>();
        words(root.path("terms")).forEach((k, v) -> english.put(k.toLowerCase(Locale.ROOT), v));
        return new QueryExpansion(english, words(root.path("chinese")));
    }

    /** A section of the glossary: each word and the words it brings, in file order ({@code _comment} left out). */
    private static Map<String, List<String>> words(JsonNode section) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        section.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("_")) {
                List<String> words = new ArrayList<>();
                e.getValue().forEach(v -> words.add(v.asText()));
                out.put(e.getKey(), List.copyOf(words));
            }
        });
        return out;
    }

    /**
     * The query followed by the Chinese words of its English words and the reports' words for its
     * Chinese ones (官网 → 网址); unchanged when it has none.
     */
    public String expand(String query) {
        Set<String> added = new LinkedHashSet<>();
        chinese.forEach((word, reports) -> {
            if (query.contains(word)) {
                added.addAll(reports);
            }
        });
        Matcher m = WORD.matcher(query);
        while (m.find()) {
            List<String> zh = lookup(m.group().toLowerCase(Locale.ROOT));
            if (zh != null) {
                added.addAll(zh);
            }
        }
        added.removeIf(query::contains);
        return added.isEmpty() ? query : query + " " + String.join(" ", added);
    }

    /** The Chinese words for one English word (NVIDIA → 英伟达), or empty. */
    public List<String> translations(String word) {
        List<String> zh = lookup(word.toLowerCase(Locale.ROOT));
        return zh == null ? List.of() : zh;
    }

    /** The word, or its singular or base form (recommended → recommend, stocks → stock). */
    private List<String> lookup(String w) {
        for (String form : new String[] {
            w, strip(w, "s"), strip(w, "es"), strip(w, "ed"), strip(w, "d"), strip(w, "ing"), strip(w, "ly")
        }) {
            if (form != null && terms.containsKey(form)) {
                return terms.get(form);
            }
        }
        return null;
    }

    private static String strip(String w, String suffix) {
        return w.length() > suffix.length() + 2 && w.endsWith(suffix)
                ? w.substring(0, w.length() - suffix.length())
                : null;
    }
}
