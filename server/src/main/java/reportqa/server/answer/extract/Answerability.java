package reportqa.server.answer.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.search.QueryExpansion;
import reportqa.retrieval.search.Unmatched;
import reportqa.retrieval.text.Dates;
import reportqa.server.answer.Language;

/**
 * Tells whether the passages can answer a question at all, before any sentence is chosen: the
 * question must not name something the library lacks (a broker with no reports, a report date
 * nothing matches, a name the passages never mention). Whether a sentence holds what the question
 * asks for is {@link AskedFor}'s to say.
 */
final class Answerability {

    /**
     * Latin-script names: capitalised, mixed case, or with digits (Sora, GPT-4, EPS, HMDB51). Bounded
     * by what is not a Latin letter or digit rather than by {@code \\b}: Java counts Chinese characters
     * as word characters, so {@code \\b} finds no name in 七火山的CEO or 用Sora生成.
     */
    private static final Pattern NAME = Pattern.compile(
            "(?<![A-Za-z0-9])(?:[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*|[a-z]+[A-Z0-9][A-Za-z0-9-]*)(?![A-Za-z0-9])");

    private static final Pattern KEPT_AS_WRITTEN = Pattern.compile("[A-Z]{2,}s?|.*\\d.*|[A-Za-z][a-z]*[A-Z].*");
    private static final List<String> ENGLISH_SENTENCE_START = List.of(
            "What",
            "Which",
            "Who",
            "Whom",
            "Where",
            "When",
            "How",
            "Why",
            "Does",
            "Do",
            "Did",
            "Is",
            "Are",
            "Was",
            "Were",
            "According",
            "In",
            "The",
            "A",
            "An",
            "Can",
            "Could",
            "Will");

    private static final QueryExpansion GLOSSARY = QueryExpansion.standard();

    private Answerability() {}

    /**
     * Why the answer cannot be given, or empty when it can.
     *
     * @param question the question
     * @param unmatched what the question names that the library lacks (from retrieval)
     * @param allPassages the text of every retrieved passage
     */
    static Optional<String> check(String question, List<Unmatched> unmatched, String allPassages) {
        for (Unmatched u : unmatched) {
            // A report date the library has no report for may still be the date of a report that
            // a library report lists as related ("《…》，2024.2.18"): then the passages can answer.
            if (u.date() == null || !Dates.mentions(allPassages, u.date())) {
                return Optional.of(u.reason());
            }
        }
        String passages = allPassages.toLowerCase(Locale.ROOT);
        for (String name : names(question)) {
            // The reports write many names in Chinese only (NVIDIA 英伟达, iResearch 艾瑞咨询).
            if (!translated(name, allPassages)
                    && !passages.contains(name.toLowerCase(Locale.ROOT))
                    && !passages.contains(singular(name).toLowerCase(Locale.ROOT))) {
                return Optional.of("the passages never mention " + name);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code text} holds one of the glossary's translations of {@code name} (NVIDIA → 英伟达). */
    static boolean translated(String name, String text) {
        return GLOSSARY.translations(name).stream().anyMatch(text::contains);
    }

    /**
     * The names in a question that the passages must mention. In an English question a plain
     * capitalised word is left out: the Chinese text names Nvidia 英伟达 and Qian Jinyu 钱劲宇; only
     * acronyms and names with digits or inner capitals (GPUs, GPT-4, OpenAI) are kept as written.
     */
    static List<String> names(String question) {
        boolean english = Language.of(question) == Language.ENGLISH;
        List<String> out = new ArrayList<>();
        Matcher m = NAME.matcher(question);
        while (m.find()) {
            String w = m.group();
            if (english && !KEPT_AS_WRITTEN.matcher(w).matches()) {
                continue;
            }
            boolean sentenceStart =
                    m.start() == 0 || question.substring(0, m.start()).matches("(?s).*[.?!]\\s*$");
            if (sentenceStart && ENGLISH_SENTENCE_START.contains(w)) {
                continue;
            }
            out.add(w);
        }
        return out;
    }

    private static String singular(String w) {
        return w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
    }
}
