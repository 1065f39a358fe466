package reportqa.retrieval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;
import reportqa.retrieval.text.ScreenedPattern;

/**
 * Industries as English questions name them (the computer sector, Tebon's media report), by their
 * Chinese names, read from {@code vocabulary.json}: a word counts only before a word of its context
 * (media report, not "social media").
 */
public final class EnglishIndustries {

    private static final String RESOURCE = "/reportqa/retrieval/vocabulary.json";

    /** The words an industry stands before when it is what a rating is asked for. */
    private static final String SECTOR = "sector|industry|industries|stocks";

    private final Map<Pattern, String> industries;

    /**
     * Any of the industries before a word of the context: one pass that tells most texts (every
     * question asks {@link #without}) that none of the patterns would match.
     */
    private final ScreenedPattern any;

    private EnglishIndustries(JsonNode vocabulary, String context) {
        Map<Pattern, String> out = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        vocabulary.path("englishIndustries").fields().forEachRemaining(e -> {
            out.put(
                    Pattern.compile("(?i)\\b(?:" + e.getKey() + ")(?:\\s+|-)(?:" + context + ")\\b"),
                    e.getValue().asText());
            keys.add("(?:" + e.getKey() + ")");
        });
        // Unmodifiable, not copied: Map.copyOf would lose the data file's order that in() promises.
        this.industries = Collections.unmodifiableMap(out);
        this.any = ScreenedPattern.compile("(?i)\\b(?:" + String.join("|", keys) + ")(?:\\s+|-)(?:" + context + ")\\b");
    }

    /** Industries named as a sector (the computer sector, the computer-sector note, media stocks): what a rating is given to. */
    public static EnglishIndustries sectors() {
        return new EnglishIndustries(Resources.json(RESOURCE), SECTOR);
    }

    /** Industries named as a report's or a team's (Tebon's media report, the computer team). */
    public static EnglishIndustries reports() {
        JsonNode vocabulary = Resources.json(RESOURCE);
        return new EnglishIndustries(
                vocabulary, vocabulary.path("englishIndustryContext").asText());
    }

    /** The text without the industries it names and their context words (Tebon's IT team → Tebon's ). */
    public String without(String text) {
        if (!any.find(text)) {
            return text;
        }
        String out = text;
        for (Pattern p : industries.keySet()) {
            out = p.matcher(out).replaceAll(" ");
        }
        return out;
    }

    /** The Chinese names of the industries the text names, in the data file's order. */
    public List<String> in(String text) {
        List<String> out = new ArrayList<>();
        if (!any.find(text)) {
            return out;
        }
        industries.forEach((english, chinese) -> {
            if (english.matcher(text).find() && !out.contains(chinese)) {
                out.add(chinese);
            }
        });
        return out;
    }
}
