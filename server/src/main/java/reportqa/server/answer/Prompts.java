package reportqa.server.answer;

import dev.langchain4j.model.input.PromptTemplate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import reportqa.retrieval.Resources;

/**
 * The prompt and answer templates, read from resource files under {@code reportqa/prompts}: every
 * text a model or a user reads is there, not in code.
 */
public final class Prompts {

    /** One template file. */
    public enum Template {
        ANSWER_SYSTEM("answer-system.txt"),
        ANSWER_USER("answer-user.txt"),
        PASSAGE("passage.txt"),
        REWRITE("rewrite.txt"),
        NO_ANSWER("no-answer.txt"),
        EXTRACTIVE_PREAMBLE("extractive-preamble.txt"),
        EXTRACTIVE_PREAMBLE_EN("extractive-preamble-en.txt"),
        EXTRACTIVE_REQUESTED("extractive-requested.txt"),
        EXTRACTIVE_REQUESTED_EN("extractive-requested-en.txt"),
        EXTRACTIVE_FALLBACK("extractive-fallback.txt"),
        EXTRACTIVE_FALLBACK_EN("extractive-fallback-en.txt"),
        ABSTAIN("abstain.txt"),
        ABSTAIN_EN("abstain-en.txt"),
        NOT_ADDRESSED("not-addressed.txt"),
        NOT_ADDRESSED_EN("not-addressed-en.txt"),
        COMPARE("compare.txt");

        private final String file;

        Template(String file) {
            this.file = file;
        }
    }

    private static final String DIR = "/reportqa/prompts/";
    private final Map<Template, String> texts = new EnumMap<>(Template.class);

    /** Loads every template; a missing one is a packaging error, reported at start. */
    public Prompts() {
        for (Template t : Template.values()) {
            texts.put(t, Resources.text(DIR + t.file).strip());
        }
    }

    /** The template's text as written. */
    public String text(Template t) {
        return texts.get(t);
    }

    /** The template with {@code {{name}}} variables filled in. */
    public String render(Template t, Map<String, Object> variables) {
        return PromptTemplate.from(texts.get(t)).apply(variables).text();
    }

    /** The sentence that says the reports do not answer, in the question's language. */
    public String abstention(Language language) {
        return text(language == Language.ENGLISH ? Template.ABSTAIN_EN : Template.ABSTAIN);
    }

    /** The line that ends a comparison: the reports that do not address the question. */
    public String notAddressed(Language language, List<String> reports) {
        boolean english = language == Language.ENGLISH;
        return render(
                english ? Template.NOT_ADDRESSED_EN : Template.NOT_ADDRESSED,
                Map.of("reports", String.join(english ? "; " : "；", reports)));
    }

    /**
     * The line that opens an extractive answer a client asked for though a model is configured (the
     * {@code reportqa-extractive} model, an agent's {@code extractive}), in the question's language.
     */
    public String extractiveRequested(Language language) {
        return text(language == Language.ENGLISH ? Template.EXTRACTIVE_REQUESTED_EN : Template.EXTRACTIVE_REQUESTED);
    }

    /** The line that opens an extractive answer: why it is extractive, in the question's language. */
    public String extractivePreamble(Language language, String failure) {
        boolean english = language == Language.ENGLISH;
        return failure == null
                ? text(english ? Template.EXTRACTIVE_PREAMBLE_EN : Template.EXTRACTIVE_PREAMBLE)
                : render(
                        english ? Template.EXTRACTIVE_FALLBACK_EN : Template.EXTRACTIVE_FALLBACK,
                        Map.of("reason", failure));
    }
}
