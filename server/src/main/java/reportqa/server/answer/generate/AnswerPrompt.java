package reportqa.server.answer.generate;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.server.answer.Comparison;
import reportqa.server.answer.Prompts;
import reportqa.server.answer.Source;

/**
 * The chat request for an answer: the system prompt (rules: passages only, cite {@code [n]},
 * {@code NO_ANSWER} when they do not answer) and the user message with every passage numbered and
 * labelled {@code [n] broker · date · 《title》 · section}.
 */
public final class AnswerPrompt {

    private final Prompts prompts;

    public AnswerPrompt(Prompts prompts) {
        this.prompts = prompts;
    }

    /** The request for {@code question} over {@code sources} (numbered 1..n in this order). */
    public ChatRequest request(String question, List<Source> sources) {
        return ChatRequest.builder()
                .messages(SystemMessage.from(system()), UserMessage.from(user(question, sources)))
                .build();
    }

    /** What the model replies when the passages do not answer. */
    public String noAnswer() {
        return prompts.text(Prompts.Template.NO_ANSWER);
    }

    String system() {
        return prompts.render(Prompts.Template.ANSWER_SYSTEM, Map.of("noAnswer", noAnswer()));
    }

    /** A line that looks like a passage label ([7] 中信证券 · …) or like the prompt's own headings. */
    private static final Pattern FORGED_LINE =
            Pattern.compile("(?m)^(\\s*)(\\[\\s*\\d+\\s*\\]|(?:Question|Passages|问题|段落)\\s*[:：])");

    private static final Pattern PASSAGE_TAG = Pattern.compile("(?i)<(/?\\s*passage)");

    /**
     * Report text as the prompt quotes it: it cannot close its passage, open another, or start a
     * line the model would take for a label or for the question. (Full-width brackets read the same
     * to a reader.)
     */
    static String quoted(String text) {
        String t = PASSAGE_TAG.matcher(text).replaceAll("‹$1");
        Matcher m = FORGED_LINE.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String forged = m.group(2).replace('[', '［').replace(']', '］').replace(':', '：');
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "＞" + forged));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A title or heading on the label line: no line break lets it start a line of its own. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }

    /** The user message: every passage numbered and labelled with broker, date, title and section. */
    public String user(String question, List<Source> sources) {
        StringBuilder passages = new StringBuilder();
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            String date = s.date().isEmpty() ? Source.UNKNOWN_DATE : s.dateInferred() ? s.date() + "（推断）" : s.date();
            passages.append(i > 0 ? "\n\n" : "")
                    .append(prompts.render(
                            Prompts.Template.PASSAGE,
                            Map.of(
                                    "n",
                                    i + 1,
                                    "broker",
                                    s.brokerLabel(),
                                    "date",
                                    date,
                                    "title",
                                    oneLine(s.title()),
                                    "section",
                                    s.section().isEmpty() ? "" : " · " + oneLine(s.section()),
                                    "text",
                                    quoted(s.passage()))));
        }
        // A comparison is asked for report by report, as the extractive answer gives it.
        String asked = Comparison.asks(question) ? question + "\n" + prompts.text(Prompts.Template.COMPARE) : question;
        return prompts.render(Prompts.Template.ANSWER_USER, Map.of("passages", passages.toString(), "question", asked));
    }
}
