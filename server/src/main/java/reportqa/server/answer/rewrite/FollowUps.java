package reportqa.server.answer.rewrite;

import java.util.List;
import java.util.regex.Pattern;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.search.HeaderQuestions;
import reportqa.retrieval.search.QuestionWords;
import reportqa.retrieval.text.NoiseLines;
import reportqa.retrieval.text.ScreenedPattern;
import reportqa.server.answer.Pronouns;
import reportqa.server.answer.Terms;
import reportqa.server.answer.Turn;

/**
 * Tells a follow-up ("那德邦呢？", "what about Kimi?") from a new question: a follow-up says so with a
 * marker, a pronoun or a demonstrative, or is a broker or a report's detail alone ("德邦怎么看？",
 * "ticker?"); a short question otherwise is not one ("Kimi 是什么？" after another question is new).
 */
final class FollowUps {

    private static final ScreenedPattern MARKER = ScreenedPattern.compile(
            "^(那|那么|还有|另外|此外|其|它|他|她|他们|它们|该|这|此|那个|这个|and\\b|what about|how about|and what)|呢[？?]?$"
                    // An item of what the answer before listed: 第三条是啥？, 第二条优势呢.
                    + "|^第[一二三四五六七八九十\\d]{1,2}(?:条|个|点|项|家|只|类|种|阶段|步)",
            Pattern.CASE_INSENSITIVE);

    private FollowUps() {}

    /**
     * A demonstrative with a word for a thing the conversation named (that report, the same model,
     * that rating), or one of the things it listed (which of those, the Beijing one).
     */
    private static final ScreenedPattern THAT_THING = ScreenedPattern.compile(
            "(?i)\\b(?:that|this|the same) (?:report|note|weekly|broker|brokerage|firm|company|model|team|tool|product|clip|video"
                    + "|rating|grade|figure|number|date|title|table|list)\\b|\\b(?:of|among) (?:those|these|them)\\b"
                    // "the Beijing one", "the other one", "Beijing one specifically?": one of what was
                    // named; a place's name with capitals (not "more than one", "the only one", "Which one").
                    + "|(?:\\bthe\\s+|^)(?:other|first|second|third|last|latest|earlier|later"
                    + "|(?-i:(?!(?:Which|What|Who|How|Is|Are|Does|Do|Did|Name|Only|No|Any|Each|Every|This|That)\\b)[A-Z][a-z]+))"
                    + " one\\b(?![-\\s]*(?:minute|second|hour|day|week|month|year|of)\\b)"
                    + "|\\b(?:that|this) one\\b"
                    // Any other demonstrative before a lower-case word (that startup, those clips);
                    // not the "that" of a clause, which follows a verb of saying (says that most
                    // clips…) or comes before a name, an article or a pronoun (that the model…), nor
                    // one before a time word or a quantifier (this year, that much).
                    + "|(?<!\\b(?:say|says|said|think|thinks|believe|believes|claim|claims|note|notes|argue"
                    + "|argues|mention|mentions|state|states|show|shows|suggest|suggests|expect|expects"
                    + "|estimate|estimates|predict|predicts|warn|warns)\\s)"
                    + "\\b(?:that|this|these|those)\\s+(?!(?:the|a|an|it|its|he|she|they|we|you|i|his|her"
                    + "|their|there|is|was|are|were|will|would|can|could|may|might|has|have|had|does|did|do"
                    + "|one|year|years|week|weeks|month|months|quarter|time|times|day|days|morning|season"
                    + "|most|many|much|some|all|more|such|our|your|kind|way)\\b)(?-i:[a-z]{3,})\\b");

    /**
     * A pronoun anywhere in the question, for a person or a thing, refers back to the conversation
     * ("Where did he work before?", "它是什么时候推出的"), wherever it stands.
     */
    private static final ScreenedPattern PRONOUN = ScreenedPattern.compile(Pronouns.PERSON + "|它|(?i:\\b(?:it|its)\\b)"
            // "When was that?", "Who said this?": a demonstrative that ends the question stands for
            // what the conversation named.
            + "|(?i:\\b(?:that|this|those|these)\\s*[?？.!！]*\\s*$)");

    private static final BrokerRegistry BROKERS = BrokerRegistry.standard();

    /**
     * Whether the question carries a follow-up marker or a pronoun, or names nothing to ask about but
     * a broker ("德邦怎么看？" after a question about 华金's rating asks the same of 德邦) or one of a
     * report's details (ticker?).
     */
    static boolean looksLikeFollowUp(String question) {
        String q = question.strip();
        return MARKER.find(q) || PRONOUN.find(q) || THAT_THING.find(q) || onlyABroker(q) || onlyAnAttribute(q);
    }

    private static final HeaderQuestions HEADER = HeaderQuestions.standard();

    /** A question that is one word: a Latin word, or up to four Chinese characters. */
    private static final Pattern ONE_WORD = Pattern.compile("[A-Za-z][a-z-]*|\\p{IsHan}{1,4}");

    /**
     * Whether a question is one word for a detail a report prints (ticker?, 电话？, Email?, 评级？): of
     * what the conversation named. The detail is one the contact, related-report or header vocabulary
     * asks for; another word alone (快手？, Sora?) is a question of its own.
     */
    private static boolean onlyAnAttribute(String question) {
        String word = QuestionWords.strip(question).replaceAll("[\\p{Punct}\\s，。？！、：；]+", "");
        return ONE_WORD.matcher(word).matches()
                && (!NoiseLines.askedFor(question).isEmpty()
                        || HEADER.asked(question).isPresent());
    }

    /** Whether a question names a broker and nothing else to ask about (德邦怎么看？, and Tebon?). */
    private static boolean onlyABroker(String question) {
        List<String> brokers = BROKERS.namedIn(question).stream()
                .map(BrokerRegistry.Broker::name)
                .toList();
        return !brokers.isEmpty()
                && Terms.of(QuestionWords.strip(BROKERS.withoutNames(question, brokers)))
                        .isEmpty();
    }

    /** A pronoun for a thing (它, it), not for a person; case matters: IT is an industry. */
    private static final Pattern THING_PRONOUN = Pattern.compile("它(?!们)|\\b[Ii]ts?\\b");

    /** Whether the question refers to a thing by a pronoun (它, it). */
    static boolean refersToThing(String question) {
        return THING_PRONOUN.matcher(question).find();
    }

    /** Whether the question refers to a person by a pronoun (他, she). */
    static boolean refersToPerson(String question) {
        return Pronouns.refersToPerson(question);
    }

    /** The last non-blank user turn, or null. */
    static String lastUserTurn(List<Turn> history) {
        return last(history, Turn.Role.USER);
    }

    /** The turns before the last non-blank user turn (empty when there is none). */
    static List<Turn> beforeLastUserTurn(List<Turn> history) {
        int i = lastIndex(history, Turn.Role.USER);
        return i < 0 ? List.of() : history.subList(0, i);
    }

    /** The last non-blank assistant turn, or null. */
    static String lastAssistantTurn(List<Turn> history) {
        return last(history, Turn.Role.ASSISTANT);
    }

    private static String last(List<Turn> history, Turn.Role role) {
        int i = lastIndex(history, role);
        return i < 0 ? null : history.get(i).content();
    }

    /** Where the last non-blank turn of {@code role} is, or -1. */
    private static int lastIndex(List<Turn> history, Turn.Role role) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).role() == role && !history.get(i).content().isBlank()) {
                return i;
            }
        }
        return -1;
    }

    /** The conversation as the rewrite prompt shows it: {@code user: …} lines. */
    static String transcript(List<Turn> history) {
        StringBuilder sb = new StringBuilder();
        for (Turn t : history) {
            sb.append(t.role().key()).append(": ").append(t.content().strip()).append('\n');
        }
        return sb.toString().strip();
    }
}
