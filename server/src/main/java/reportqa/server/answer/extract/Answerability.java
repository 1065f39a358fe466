package reportqa.server.answer.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;
import reportqa.retrieval.search.Unmatched;
import reportqa.retrieval.text.Dates;
import reportqa.server.answer.Language;

/**
 * Tells whether quoted sentences can answer a question, without understanding it: the checks a
 * careful reader makes first. The question must not name something the library lacks (a broker
 * with no reports, a report date nothing matches, a name the passages never mention); what it
 * asks for when it is one of the attributes an answer must name (目标价, 参数量, 创始人 … listed in
 * {@code attributes.json}) must appear where the answer is; and the answer must be of
 * the kind asked for (an amount of money, a number, a date).
 */
final class Answerability {

    /** The kind of answer a question expects. */
    enum AnswerType {
        MONEY(
                Pattern.compile(
                        "(?i)目标价|价格|股价|营收|营业收入|收入|利润|市值|花费|成本|多少钱|估值|\\bEPS\\b|每股收益"
                                + "|how much (?:did|does|do|will|would|has|have)?\\b.*\\b(?:spend|cost|pay|earn|raise|invest)|\\bprice\\b|\\brevenue\\b|\\bprofit\\b"),
                Pattern.compile("(?i)\\d[\\d,.]*\\s*(?:[万亿]\\s*)?(?:元|美元|港元|USD|RMB)|[$¥€]\\s*\\d")),
        NUMBER(Pattern.compile("(?i)多少|几[个家集项种年倍款位只]|how many|how much"), Pattern.compile("[0-9０-９一二三四五六七八九十百千万两]")),
        DATE(
                Pattern.compile("(?i)什么时候|何时|哪天|哪一天|哪年|几月|\\bwhen\\b"),
                Pattern.compile("\\d{1,2}\\s*月|\\d{4}\\s*年|\\d{4}[./-]\\d{1,2}|月\\s*\\d{1,2}\\s*日")),
        ANY(null, null);

        private final Pattern asks;
        private final Pattern answers;

        AnswerType(Pattern asks, Pattern answers) {
            this.asks = asks;
            this.answers = answers;
        }

        static AnswerType of(String question) {
            for (AnswerType t : values()) {
                if (t.asks != null && t.asks.matcher(question).find()) {
                    return t;
                }
            }
            return ANY;
        }

        boolean satisfiedBy(String text) {
            return answers == null || answers.matcher(text).find();
        }
    }

    /** Latin-script names: capitalised, mixed case, or with digits (Sora, GPT-4, EPS, HMDB51). */
    private static final Pattern NAME =
            Pattern.compile("\\b(?:[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*|[a-z]+[A-Z0-9][A-Za-z0-9-]*)\\b");

    private static final String ATTRIBUTES_RESOURCE = "/reportqa/attributes.json";
    private static final List<List<String>> ATTRIBUTES = loadAttributes();
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

    private Answerability() {}

    /**
     * Why the answer cannot be given, or empty when it can.
     *
     * @param question the question
     * @param unmatched what the question names that the library lacks (from retrieval)
     * @param allPassages the text of every retrieved passage
     * @param evidence the chosen sentences with their passages
     * @param sentences the chosen sentences alone
     */
    static Optional<String> check(
            String question, List<Unmatched> unmatched, String allPassages, String evidence, String sentences) {
        for (Unmatched u : unmatched) {
            // A report date the library has no report for may still be the date of a report that
            // a library report lists as related ("《…》，2024.2.18"): then the passages can answer.
            if (u.date() == null || !Dates.mentions(allPassages, u.date())) {
                return Optional.of("no " + u.what() + " in the library");
            }
        }
        String passages = allPassages.toLowerCase(Locale.ROOT);
        for (String name : names(question)) {
            if (!passages.contains(name.toLowerCase(Locale.ROOT))
                    && !passages.contains(singular(name).toLowerCase(Locale.ROOT))) {
                return Optional.of("the passages never mention " + name);
            }
        }
        String lowerQ = question.toLowerCase(Locale.ROOT);
        String lowerA = evidence.toLowerCase(Locale.ROOT);
        for (List<String> attribute : ATTRIBUTES) {
            boolean asked = attribute.stream().anyMatch(w -> containsWord(lowerQ, w.toLowerCase(Locale.ROOT)));
            if (asked && attribute.stream().noneMatch(w -> containsWord(lowerA, w.toLowerCase(Locale.ROOT)))) {
                return Optional.of("the passages do not give the " + attribute.get(0) + " asked for");
            }
        }
        AnswerType type = AnswerType.of(question);
        if (!type.satisfiedBy(sentences)) {
            return Optional.of("no " + type.name().toLowerCase(Locale.ROOT) + " in the best passages");
        }
        return Optional.empty();
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

    /** Latin words match whole (PE must not match "open"); Chinese words match anywhere. */
    private static boolean containsWord(String text, String word) {
        if (word.chars().anyMatch(c -> c > 127)) {
            return text.contains(word);
        }
        return Pattern.compile("(?<![a-z0-9])" + Pattern.quote(word) + "s?(?![a-z0-9])")
                .matcher(text)
                .find();
    }

    private static List<List<String>> loadAttributes() {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode group : Resources.json(ATTRIBUTES_RESOURCE).path("attributes")) {
            List<String> words = new ArrayList<>();
            group.forEach(w -> words.add(w.asText()));
            out.add(List.copyOf(words));
        }
        return List.copyOf(out);
    }

    private static String singular(String w) {
        return w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
    }
}
