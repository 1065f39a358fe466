package reportqa.server.answer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;

/**
 * Which language a question is in, to answer in it. Questions here mix scripts: product and company
 * names are Latin in Chinese questions, broker names are Chinese in English ones. Names carry no
 * function words, so the function words of each language ({@code language.json}) decide; the count
 * of letters against characters only breaks what they leave open.
 */
public enum Language {
    CHINESE,
    ENGLISH;

    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");
    private static final Words WORDS = Words.load();

    /**
     * English when English function words outnumber Chinese ones and Latin letters outnumber Chinese
     * characters; with no function word of either, English when letters outnumber characters two to one.
     */
    public static Language of(String text) {
        // One pass over the text: an answer asks this of its question a dozen times or more.
        long han = 0;
        long latin = 0;
        long chinese = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                latin++;
            } else if (c >= 0x80 && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                han++;
            }
            if (WORDS.chinese.contains(c)) {
                chinese++;
            }
        }
        long english = 0;
        if (latin > 0) {
            Matcher m = WORD.matcher(text);
            while (m.find()) {
                if (WORDS.english.contains(m.group().toLowerCase(Locale.ROOT))) {
                    english++;
                }
            }
        }
        if (chinese == 0 && english == 0) {
            return latin > han * 2 ? ENGLISH : CHINESE;
        }
        return english > chinese && latin > han ? ENGLISH : CHINESE;
    }

    private record Words(Set<Integer> chinese, Set<String> english) {
        static Words load() {
            JsonNode root = Resources.json("/reportqa/language.json");
            Set<Integer> chinese = new HashSet<>();
            root.path("chinese").asText().codePoints().forEach(chinese::add);
            Set<String> english = new HashSet<>();
            root.path("english").forEach(w -> english.add(w.asText()));
            return new Words(Set.copyOf(chinese), Set.copyOf(english));
        }
    }
}
