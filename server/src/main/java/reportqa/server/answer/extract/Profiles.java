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

    /** Whether a question asks about a person: by a word for one, or by the name of one of {@code people}. */
    boolean asksAboutPeople(String question, Collection<String> people) {
        return aboutPeople.matcher(question).find()
                || people.stream().anyMatch(p -> !p.isBlank() && question.contains(p));
    }
}
