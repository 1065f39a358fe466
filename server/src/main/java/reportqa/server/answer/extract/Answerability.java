package reportqa.server.answer.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.EnglishIndustries;
import reportqa.retrieval.search.QueryExpansion;
import reportqa.retrieval.search.Unmatched;
import reportqa.retrieval.text.Dates;
import reportqa.retrieval.text.ScreenedPattern;
import reportqa.retrieval.text.Sentences;
import reportqa.retrieval.text.TextMatch;
import reportqa.server.answer.Language;
import reportqa.server.answer.Pronouns;

/**
 * Tells whether the passages can answer a question at all, before any sentence is chosen: the
 * question must not name something the library lacks (a broker with no reports that the passages do
 * not write about either, a report date nothing matches, a name the passages never mention, a topic
 * whose view it asks that they never mention), nor ask for something of everyday life no broker
 * research covers (the weather, a restaurant). Whether a sentence holds what the question asks for is
 * {@link AskedFor}'s to say.
 */
final class Answerability {

    /**
     * Latin-script names: capitalised, mixed case, or with digits (Sora, GPT-4, EPS, HMDB51). Bounded
     * by what is not a Latin letter or digit rather than by {@code \\b}: Java counts Chinese characters
     * as word characters, so {@code \\b} finds no name in 七火山的CEO or 用Sora生成.
     */
    private static final Pattern NAME = Pattern.compile(
            "(?<![A-Za-z0-9])(?:[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*|[a-z]+[A-Z0-9][A-Za-z0-9-]*)(?![A-Za-z0-9])");

    /** Industries named in English with a report or team word (Tebon's IT team): filters, not names. */
    private static final EnglishIndustries INDUSTRIES = EnglishIndustries.reports();

    /** Lower-case words hyphenated to the end of a name (-generated, -based, -like). */
    private static final Pattern TRAILING_WORD = Pattern.compile("(?<=[A-Za-z0-9])(?:-[a-z]{2,})+$");

    /** The word an English broker name ends in (brokers.json, englishSuffix): Huajin Securities. */
    private static final Pattern BROKER_WORD = Pattern.compile("(?i)" + BrokerRegistry.ENGLISH_SUFFIX);

    /**
     * What stands before a broker's suffix: a capitalised word (Huajin Securities), or nothing, where
     * the search took out the broker's name its filter holds.
     */
    private static final Pattern NAME_BEFORE = Pattern.compile("(?:[A-Z][A-Za-z]*\\s+|^\\s*)$");

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
            "Will",
            "And",
            "But",
            "Or",
            "So",
            "Also",
            "Then");

    /** What may follow a number that makes it a quantity, not a version (1 分钟, 200 万字, 3 倍). */
    private static final String QUANTITY_WORDS =
            "[万亿千百个位项款家倍帧秒分钟时天周月年日号字条次集部台张只名岁元]|(?i:fps|min|sec|hours?|days?|times|percent)";

    private static final QueryExpansion GLOSSARY = QueryExpansion.standard();

    private static final BrokerRegistry BROKERS = BrokerRegistry.standard();

    /** answer-types.json, read once for the report-work words and the roles below. */
    private static final JsonNode TYPES = Resources.json("/reportqa/answer-types.json");

    /** Words that ask for what a broker's reports say or give (answer-types.json: authorWork, reportOutputs). */
    private static final Pattern REPORT_WORK = reportWork(TYPES);

    private static Pattern reportWork(JsonNode types) {
        return Pattern.compile(types.path("authorWork").path("pattern").asText() + "|"
                + types.path("reportOutputs").path("pattern").asText());
    }

    /** Whether a question asks for a broker's reports (their views, ratings, recommendations), not about the company. */
    static boolean asksForReports(String question) {
        return REPORT_WORK.matcher(question).find();
    }

    /** Roles a question may ask a person of, each as the words of a question and of a report. */
    private static final List<Role> ROLES = roles();

    /** A role, as an answer names it, and the words for it. */
    private record Role(String name, Pattern pattern) {}

    private static List<Role> roles() {
        List<Role> out = new ArrayList<>();
        for (JsonNode r : TYPES.path("roles").path("list")) {
            out.add(new Role(
                    r.path("role").asText(), Pattern.compile(r.path("pattern").asText())));
        }
        return List.copyOf(out);
    }

    private Answerability() {}

    /**
     * Why the answer cannot be given, or empty when it can.
     *
     * @param question the question
     * @param unmatched what the question names that the library lacks (from retrieval)
     * @param passages the text of every retrieved passage
     */
    static Optional<String> check(String question, List<Unmatched> unmatched, PassageText passages) {
        return check(question, question, unmatched, passages);
    }

    /**
     * Why the answer to a follow-up cannot be given, or empty when it can.
     *
     * @param question the standalone question (the follow-up with what it carried over)
     * @param turn the follow-up as asked: when it names something of its own ("那 3 月 19 日那期里
     *     Transformer Debugger 是谁开放的？" after a question about Kimi), that is what the passages
     *     must mention, not the names it carried over
     * @param unmatched what the question names that the library lacks (from retrieval)
     * @param passages the text of every retrieved passage
     */
    static Optional<String> check(String question, String turn, List<Unmatched> unmatched, PassageText passages) {
        String allPassages = passages.text();
        for (Unmatched u : unmatched) {
            // A report date the library has no report for may still be the date of a report that
            // a library report lists as related ("《…》，2024.2.18"): then the passages can answer.
            if (u.date() != null && Dates.mentions(allPassages, u.date())) {
                continue;
            }
            // A broker the library has no report from may still be what the passages write about, as
            // a company (法国巴黎银行's headquarters, 汇丰收购…): then they can answer. Not when the
            // question asks for its reports' work (国泰君安怎么看…, 国泰君安给的评级), which a passage
            // naming it (an analyst's former employer) does not give.
            if (u.broker() != null
                    && u.excludedBy() == null
                    && !asksForReports(question)
                    && (BROKERS.namedIn(allPassages).stream()
                                    .anyMatch(b -> b.name().equals(u.broker()))
                            || writesItsStem(u.broker(), allPassages))) {
                continue;
            }
            return Optional.of(u.reason());
        }
        List<String> own = ownNames(turn);
        List<String> names = own.isEmpty() ? namesBySentence(question) : own;
        // Lower-cased only for a question that names something: most name nothing.
        String lower = names.isEmpty() ? "" : passages.lowerCase();
        String lowerJoined = names.isEmpty() ? "" : joined(lower);
        for (String name : names) {
            // The reports write many names in Chinese only (NVIDIA 英伟达, iResearch 艾瑞咨询).
            // A misspelling last: it reads every Latin word of the passages.
            if (!translated(name, allPassages)
                    && !lower.contains(name.toLowerCase(Locale.ROOT))
                    && !lower.contains(singular(name).toLowerCase(Locale.ROOT))
                    && !lowerJoined.contains(joined(name.toLowerCase(Locale.ROOT)))
                    && misspelt(name, allPassages).isEmpty()) {
                return Optional.of("the passages never mention " + name);
            }
        }
        // 月之暗面的创始人叫什么: a role no passage names is not answered by a name they do give.
        for (Role role : ROLES) {
            if (role.pattern().matcher(question).find()
                    && !role.pattern().matcher(allPassages).find()) {
                return Optional.of("the passages never mention a " + role.name());
            }
        }
        return Optional.empty();
    }

    /** out-of-scope.json: everyday requests, and the words that tie a question to the library. */
    private static final JsonNode OUT_OF_SCOPE = Resources.json("/reportqa/out-of-scope.json");

    private static final Pattern REPORT_WORDS =
            Pattern.compile(OUT_OF_SCOPE.path("reportWords").asText());

    /** An everyday request, as the answer names it, and the words that ask for it. */
    private record Request(String topic, ScreenedPattern pattern) {}

    private static final List<Request> REQUESTS = requests();

    private static List<Request> requests() {
        List<Request> out = new ArrayList<>();
        for (JsonNode r : OUT_OF_SCOPE.path("requests")) {
            out.add(new Request(
                    r.path("topic").asText(),
                    ScreenedPattern.compile(r.path("pattern").asText())));
        }
        return List.copyOf(out);
    }

    /**
     * Why a question is no question for broker research, or empty: it asks for something of everyday
     * life (明天上海天气, a restaurant, a poem, how to reset a password) and names nothing of the
     * library (no broker, no report word, no name the passages write). The passages always hold a
     * sentence nearest in meaning, and it is no answer.
     */
    static Optional<String> outOfScope(String question, PassageText passages) {
        return outOfScope(question, question, passages);
    }

    /**
     * A pronoun or a demonstrative with a word for what it points to: what ties a follow-up to the
     * question it continues. Not 其他, 应该, 因此, 这周末, nor the "it" of "will it rain": a
     * demonstrative counts before a classifier or a word for a report, firm or thing named.
     */
    private static final Pattern POINTS_BACK = Pattern.compile(Pronouns.PERSON
            + "|它|(?:这|那|该|此)(?:个|位|家|篇|份|期|款|只|些|条|项|报告|公司|券商|模型|产品|团队|工具|平台)"
            + "|(?<![\\p{IsHan}])其(?![他实中余次])"
            + "|(?i:\\bits\\b|\\b(?:that|this|those|these)\\b)");

    /**
     * As {@link #outOfScope(String, PassageText)} for a follow-up: the request is read from its own words
     * ({@code turn}), what ties it to the library from the question it carried over too when it points
     * back to it ("那他们对酒店怎么看？" after a question about 德邦), else from its own words alone
     * ("那明天北京会下雨吗？" after a question about a report).
     */
    static Optional<String> outOfScope(String turn, String question, PassageText passages) {
        String allPassages = passages.text();
        Optional<Request> request =
                REQUESTS.stream().filter(r -> asksFor(r, turn, passages)).findFirst();
        if (request.isEmpty()) {
            return Optional.empty();
        }
        // A follow-up that points back to nothing (那明天北京会下雨吗？) is tied to the library only by
        // its own words; one that does (那他们对酒店怎么看？) by what it carried over too.
        String tied = POINTS_BACK.matcher(turn).find() ? question : turn;
        if (REPORT_WORDS.matcher(tied).find() || !BROKERS.namedIn(tied).isEmpty()) {
            return Optional.empty();
        }
        // Any name written as the passages write it (Sora, Kimi, Open-Sora), capitals and all: the
        // passages write Shanghai only in capitals (SHANGHAI SECURITIES), and it ties no weather
        // question to them.
        Matcher name = NAME.matcher(tied);
        while (name.find()) {
            if (name.group().length() > 1
                    && !ENGLISH_SENTENCE_START.contains(name.group())
                    && allPassages.contains(name.group())) {
                return Optional.empty();
            }
        }
        return Optional.of(
                "the question asks about " + request.get().topic() + ", which broker research does not cover");
    }

    /**
     * Whether the question asks for the request's topic in words the passages never write: a library
     * that writes about the World Cup or a hotel (an encyclopedia's, CMRC 2018's) covers them.
     * The passages are lower-cased when first needed: most questions ask for none of the requests.
     */
    private static boolean asksFor(Request r, String question, PassageText passages) {
        Optional<Matcher> matcher = r.pattern().matcher(question);
        if (matcher.isEmpty()) {
            return false;
        }
        Matcher m = matcher.get();
        boolean asked = false;
        while (m.find()) {
            String word = m.group().strip().toLowerCase(Locale.ROOT);
            if (passages.lowerCase().contains(word) || translated(word, passages.text())) {
                return false;
            }
            asked = true;
        }
        return asked;
    }

    /** The topics of opinion questions (answer-types.json, opinionTopic). */
    private static final OpinionTopics TOPICS = OpinionTopics.load(TYPES.path("opinionTopic"));

    /**
     * Why the passages cannot give the view a question asks for, or empty: the topic it asks the
     * reports' view of (这些报告怎么看百度文心一言的商业化进展？, What does Huajin say about Google's Gemini
     * 1.5?) is one they never mention, in no part of its head (百度文心一言). Another sentence on the same
     * industry is near in meaning and says nothing of it.
     */
    static Optional<String> topicMissing(String question, PassageText passages) {
        return TOPICS.head(question)
                .filter(head -> !mentioned(head, passages))
                .map(head -> "the passages never mention " + head);
    }

    /**
     * Whether the passages mention a topic's head: a Latin word of it (as written, or by a glossary
     * translation), or, for its Chinese, the whole or more than half of its character pairs.
     */
    private static boolean mentioned(String head, PassageText passages) {
        String lower = passages.lowerCase();
        String compact = lower.replaceAll("\\s+", "");
        Matcher latin = LATIN_WORD.matcher(head);
        boolean anyLatin = false;
        while (latin.find()) {
            anyLatin = true;
            String w = latin.group();
            if (lower.contains(w.toLowerCase(Locale.ROOT)) || translated(w, passages.text())) {
                return true;
            }
        }
        String han = head.replaceAll("[^\\p{IsHan}]", "");
        if (han.length() < 2) {
            return !anyLatin;
        }
        return compact.contains(han) || TextMatch.pairShare(han, compact) > 0.5;
    }

    /**
     * Words that make a day a bound of a period (3月1日至3月31日, 3月28日以来, 自3月1日起, since March 1), not
     * the day of an event: after the day, and before it.
     */
    private static final Pattern PERIOD_AFTER = Pattern.compile("^\\s*(?:至|到|[-–—~]|起|以来|之前|之后|前|后|以前|以后)");

    private static final Pattern PERIOD_BEFORE = Pattern.compile(
            "(?:从|自|至|到|[-–—~]|(?i:\\bsince|\\bbefore|\\bafter|\\buntil|\\bfrom|\\bby|\\bto|\\bthrough))\\s*$");

    /**
     * Why the passages cannot answer a question about what happened on a day, or empty: the day it
     * names ("Kimi 3 月 28 日启动的内测", "on March 28") is one no passage gives, so whatever they say
     * of the thing happened on another day. Not asked of a day that dates a report (the search's
     * filter, or a report date the library lacks): a report's date stands in its header, not in the
     * passages.
     *
     * @param reportDated whether the search was restricted to report dates, or the question named a
     *     report date the library lacks
     */
    static Optional<String> dayMissing(String question, boolean reportDated, String allPassages) {
        if (reportDated) {
            return Optional.empty();
        }
        Matcher m = Dates.ANY_YEAR_MONTH_DAY.matcher(question);
        while (m.find()) {
            if (!boundsAPeriod(question, m.start(), m.end())
                    && !Dates.mentionsDay(allPassages, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))) {
                return Optional.of("the passages never mention " + m.group().strip());
            }
        }
        for (Dates.EnglishDay d : Dates.englishDays(question)) {
            String written = question.substring(d.start(), d.end()).strip();
            // Only a day with its month's name: 1/2 is as often a fraction (at 1/2 the cost) as a day.
            if (written.chars().anyMatch(Character::isLetter)
                    && !boundsAPeriod(question, d.start(), d.end())
                    && !Dates.mentionsDay(allPassages, d.month(), d.day())) {
                return Optional.of("the passages never mention " + written);
            }
        }
        return Optional.empty();
    }

    /** Whether the day at {@code start} to {@code end} bounds a period rather than dating an event. */
    private static boolean boundsAPeriod(String question, int start, int end) {
        return PERIOD_AFTER.matcher(question.substring(end)).find()
                || PERIOD_BEFORE.matcher(question.substring(0, start)).find();
    }

    /**
     * Why the passages cannot answer a question that names a version (Claude 3 is not Claude-100k),
     * or empty.
     *
     * @param versioned the question's names with their versions ({@link #versionedNames})
     */
    static Optional<String> versionMissing(List<String> versioned, String allPassages) {
        for (String name : versioned) {
            if (!versioned(name).matcher(allPassages).find()) {
                return Optional.of("the passages never mention " + name);
            }
        }
        return Optional.empty();
    }

    /**
     * The versioned names that stand for a name to find: in an English sentence, not a plain word with
     * a number (Terminator 2) whose word the passages never write in Latin letters, since they may
     * write it in Chinese (终结者 2), as {@link #names} leaves such words unchecked; but always one
     * with a dotted version (Gemini 1.5), a product's, which Chinese text writes in Latin letters too.
     */
    static List<String> versionsToFind(List<String> versioned, String question, PassageText passages) {
        if (!englishSentence(question)) {
            return versioned;
        }
        String lower = passages.lowerCase();
        return versioned.stream()
                .filter(name -> {
                    String bare = name.substring(0, name.indexOf(' '));
                    // A dotted version (Gemini 1.5) is a product's, which Chinese text writes in Latin
                    // letters too; a sequel's number (Terminator 2) goes with a title it may translate.
                    boolean dotted = name.substring(name.indexOf(' ') + 1).contains(".");
                    return KEPT_AS_WRITTEN.matcher(bare).matches()
                            || lower.contains(bare.toLowerCase(Locale.ROOT))
                            || dotted;
                })
                .toList();
    }

    /** How a text writes a name with its version ("Claude 3": Claude 3, claude-3, Claude v3; not Claude-100k). */
    static Pattern versioned(String nameAndVersion) {
        String[] parts = nameAndVersion.split(" ", 2);
        return Pattern.compile(
                "(?<![A-Za-z0-9])" + Pattern.quote(parts[0]) + "[\\s-]*v?" + Pattern.quote(parts[1])
                        + "(?![0-9.]*[0-9])",
                Pattern.CASE_INSENSITIVE);
    }

    /**
     * The names of each sentence of a text, read as that sentence is written: a Chinese follow-up
     * that carried over an English question ("它在模型里插入了什么结构？ What's the video model shown at the
     * Seven Volcanoes event") has English names in an English sentence, where a plain capitalised word
     * is a topic, not a name to find.
     */
    static List<String> namesBySentence(String text) {
        List<String> out = new ArrayList<>();
        for (String sentence : Sentences.split(text)) {
            names(sentence).stream().filter(n -> !out.contains(n)).forEach(out::add);
        }
        return out;
    }

    /**
     * The names a follow-up writes itself, which it is about rather than the names it carried over; a
     * broker it names by a Latin alias (CICC) is a filter, not a name to find in the text.
     */
    static List<String> ownNames(String turn) {
        return names(turn).stream().filter(n -> BROKERS.namedIn(n).isEmpty()).toList();
    }

    /**
     * Whether the passages write a broker's name without its 证券 (东方财富百佳分析师 of 东方财富证券): as a
     * company or an award, not as a broker with reports. Only a stem of three characters or more: two
     * (中信, 华泰) are found in other names (中信出版).
     */
    private static boolean writesItsStem(String broker, String passages) {
        String stem = broker.endsWith("证券") ? broker.substring(0, broker.length() - 2) : "";
        return stem.length() >= 3 && passages.contains(stem);
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
        return names(question, englishSentence(question));
    }

    /** Whether {@code text} writes {@code word} as a word of its own, as capitalised. */
    private static boolean writesWord(String text, String word) {
        return Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(word) + "(?![A-Za-z0-9])")
                .matcher(text)
                .find();
    }

    /**
     * The names in a question; with {@code english}, only those kept as written in an English
     * sentence (acronyms, names with digits or inner capitals).
     */
    private static List<String> names(String question, boolean english) {
        // An industry named in English (the IT team, Tebon's media report) is a filter, not a name.
        question = INDUSTRIES.without(question);
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
            // The word a broker's English name ends in (Huajin Securities, Shanghai Zhengquan) names
            // no thing: the broker is a filter.
            if (BROKER_WORD.matcher(w).matches()
                    && NAME_BEFORE.matcher(question.substring(0, m.start())).find()) {
                continue;
            }
            // An English word joined to a name (UE5-generated, Sora-like) is not part of it: the
            // passages write the name alone.
            w = TRAILING_WORD.matcher(w).replaceFirst("");
            out.add(w);
        }
        return out;
    }

    /** An English function word: what makes a run of Latin words an English sentence. */
    private static final Pattern FUNCTION_WORD = Pattern.compile(
            "(?i)(?<![A-Za-z])(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|does|do|did|the|a|an|of"
                    + "|to|in|on|for|and|by|with|from|its|it|has|have|had|can|will|would|per|according)(?![A-Za-z])");

    /**
     * Whether a question is written as an English sentence: mostly Latin letters and at least one
     * English function word. "Pika Lip Sync 哪天发布的" and "Sora frame rate FPS" are not: their
     * names are written as the user knows them, not translated, so they are names to find.
     */
    static boolean englishSentence(String question) {
        return Language.of(question) == Language.ENGLISH
                && FUNCTION_WORD.matcher(question).find();
    }

    /** A Latin word. */
    private static final Pattern LATIN_WORD = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?![A-Za-z0-9])");

    /**
     * The names in a question, read with the passages' help: those {@link #names} reads, and, in a
     * Chinese question typed in haste (sora几号官宣的), a word of three lower-case letters or more that
     * the passages write with capitals, as they write it (Sora). In an English question, a plain
     * capitalised word when it is the one name of the question the passages write (Sora of "What frame
     * rate does Sora output?"), not a broker's. Taking every such word costs more answers than it
     * saves (measured on the tuning split of stop 34: 9 more false abstentions for 6 more
     * abstentions; the one name alone: 1 more fact, 3 more abstentions).
     */
    static List<String> names(String question, String passages) {
        List<String> out = new ArrayList<>();
        // A name the passages write hyphenated (Open-Sora for OpenSora) is theirs as they write it.
        for (String n : names(question)) {
            String spelled = passages.contains(n)
                    ? n
                    : NAME.matcher(passages)
                            .results()
                            .map(MatchResult::group)
                            .filter(p -> joined(p).equalsIgnoreCase(joined(n)))
                            .findFirst()
                            .or(() -> misspelt(n, passages))
                            .orElse(n);
            if (!out.contains(spelled)) {
                out.add(spelled);
            }
        }
        if (englishSentence(question)) {
            // A capitalised word is left out of an English question's names (the Chinese text may
            // translate it), but one the passages write as the question does (Sora, Etna) is a name
            // of the library's: the sentence must be about it, or Etna's 60 FPS answers what frame
            // rate Sora outputs. Only when it is the one name of the question they write: several
            // (Kimi Chat, Jim Fan, GPT-4-32k compared with Kimi) are parts of one name or things
            // compared, and no sentence need write them all.
            List<String> written = names(question, false).stream()
                    .distinct()
                    .filter(w -> w.length() > 1 && BROKERS.namedIn(w).isEmpty() && writesWord(passages, w))
                    .toList();
            if (written.size() == 1 && !out.contains(written.get(0))) {
                out.add(written.get(0));
            }
            return out;
        }
        Matcher m = LATIN_WORD.matcher(question);
        while (m.find()) {
            String w = m.group();
            if (w.length() < 3 || !w.equals(w.toLowerCase(Locale.ROOT))) {
                continue;
            }
            LATIN_WORD
                    .matcher(passages)
                    .results()
                    .map(MatchResult::group)
                    .filter(p -> p.equalsIgnoreCase(w) && !p.equals(w))
                    .findFirst()
                    .filter(p -> !out.contains(p))
                    .ifPresent(out::add);
        }
        return out;
    }

    /**
     * A version number after a name (Claude 3, GPT 4, Open-Sora 1.0): digits after a space, not a
     * quantity (Sora 1 分钟, Kimi 200 万字, 4K).
     */
    private static final Pattern VERSION =
            Pattern.compile("^ ?v?(\\d{1,2}(?:\\.\\d+)*)(?![0-9.]*[0-9])(?!\\s+\\d)(?!\\s*(?:[%％xX×*kKpPmMbBgGtT]|"
                    + QUANTITY_WORDS + "))");
    /** Names that a number follows without being a version: months and days (June 2022, March 6). */
    private static final Pattern CALENDAR = Pattern.compile(
            "(?i)jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|q|h|fy|day|week|no|top|page");

    /** Names written with a version (Claude 3), as "name version". */
    static List<String> versionedNames(String question) {
        List<String> out = new ArrayList<>();
        Matcher m = NAME.matcher(question);
        while (m.find()) {
            // A name that ends in its own version (GPT-4, Open-Sora) is checked as written by names().
            if (m.group().matches(".*\\d") || CALENDAR.matcher(m.group()).matches()) {
                continue;
            }
            Matcher v = VERSION.matcher(question.substring(m.end()));
            if (v.find()) {
                out.add(m.group() + " " + v.group(1));
            }
        }
        return out;
    }

    /**
     * The name the passages write that {@code name} misspells by one letter (Kimmi for Kimi, Colosal
     * for Colossal): a letter added, dropped, changed or two swapped, in a name of four letters or more
     * whose first letter is right; never a digit (Gen-3 is not Gen-2). Empty when none, or when the
     * passages write the name as it is.
     */
    static Optional<String> misspelt(String name, String passages) {
        if (name.length() < 4 || !name.chars().allMatch(Character::isLetter) || passages.contains(name)) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return LATIN_WORD
                .matcher(passages)
                .results()
                .map(MatchResult::group)
                .filter(p -> p.length() >= 4 && p.chars().allMatch(Character::isLetter))
                .filter(p -> Character.toLowerCase(p.charAt(0)) == lower.charAt(0))
                .filter(p -> oneEditApart(lower, p.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** Whether two words differ by one letter added, dropped or changed, or two neighbours swapped. */
    private static boolean oneEditApart(String a, String b) {
        if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            return a.substring(i + 1).equals(b.substring(i + 1))
                    || (i + 1 < a.length()
                            && a.charAt(i) == b.charAt(i + 1)
                            && a.charAt(i + 1) == b.charAt(i)
                            && a.substring(i + 2).equals(b.substring(i + 2)));
        }
        return a.length() > b.length()
                ? a.substring(i + 1).equals(b.substring(i))
                : a.substring(i).equals(b.substring(i + 1));
    }

    /** A name with its hyphens and spaces left out: OpenSora is Open-Sora, Open Sora. */
    private static String joined(String text) {
        return text.replaceAll("[-\\s]", "");
    }

    private static String singular(String w) {
        return w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
    }
}
