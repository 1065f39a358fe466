package reportqa.server.answer;

import dev.langchain4j.model.input.PromptTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/** The prompt and answer templates, read from resource files under {@code reportqa/prompts}. */
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
        EXTRACTIVE_FALLBACK("extractive-fallback.txt"),
        EXTRACTIVE_FALLBACK_EN("extractive-fallback-en.txt"),
        ABSTAIN("abstain.txt"),
        ABSTAIN_EN("abstain-en.txt");

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
            try (InputStream in = Prompts.class.getResourceAsStream(DIR + t.file)) {
                if (in == null) {
                    throw new IllegalStateException("missing prompt resource " + DIR + t.file);
                }
                texts.put(t, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read prompt " + t.file, e);
            }
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
}
