package reportqa.server.answer.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;

/**
 * An analyst's profile (分析师与研究助理简介: degrees, former employers, awards) answers questions about
 * the people who wrote a report, and nothing else: a question about the report's topic shares the
 * profile's broker and industry words ("What limitations of Sora does the Tebon computer note
 * acknowledge?" and 德邦证券计算机行业首席分析师) without asking about its analyst. Read from
 * answer-types.json's {@code profile}.
 *
 * @param section the headings of profiles
 * @param aboutPeople the words by which a question asks about a person
 */
record Profiles(Pattern section, Pattern aboutPeople) {

    /** The shipped patterns. */
    static final Profiles STANDARD =
            load(Resources.json("/reportqa/answer-types.json").path("profile"));

    static Profiles load(JsonNode node) {
        return new Profiles(
                Pattern.compile(node.path("section").asText()),
                Pattern.compile(node.path("aboutPeople").asText()));
    }

    /** Whether a passage under {@code heading} is a profile. */
    boolean isProfile(String heading) {
        return heading != null && section.matcher(heading).find();
    }

    /**
     * What after a person's name makes it name a report rather than ask about the person (钱劲宇那篇
     * Sora 报告, 马笑的传媒报告, 钱劲宇's note).
     */
    private static final Pattern THEIR_REPORT =
            Pattern.compile("^\\s*(?:那篇|这篇|那份|这份|那期|写的|的[\\p{IsHan}A-Za-z\\s]{0,8}?(?:报告|研报|周报|快报|点评))"
                    + "|^(?i:'s\\s+(?:[a-z-]+\\s+){0,2}?(?:report|note|weekly|flash|piece))");

    /**
     * Whether a question asks about a person: by a word for one, or by the name of one of {@code
     * people} (not where the name only says whose report it is).
     */
    boolean asksAboutPeople(String question, Collection<String> people) {
        if (aboutPeople.matcher(question).find()) {
            return true;
        }
        for (String p : people) {
            for (int i = p.isBlank() ? -1 : question.indexOf(p); i >= 0; i = question.indexOf(p, i + 1)) {
                if (!THEIR_REPORT.matcher(question.substring(i + p.length())).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
