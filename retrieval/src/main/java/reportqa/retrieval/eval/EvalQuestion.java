package reportqa.retrieval.eval;

import java.util.List;
import java.util.Objects;
import reportqa.retrieval.text.TextCleaner;

/**
 * One line of a questions file.
 *
 * @param id question id
 * @param question the question
 * @param relevant where the answer is: a passage is relevant when it comes from {@code doc} and
 *     (if {@code text} is given) contains it, ignoring whitespace; empty = the reports cannot answer it
 * @param answer strings a correct answer contains (for answer-level tests), may be empty
 * @param tags free labels (fact, english …), may be empty
 * @param history earlier questions of the same conversation, oldest first (a follow-up), may be empty
 */
public record EvalQuestion(
        String id,
        String question,
        List<Relevant> relevant,
        List<String> answer,
        List<String> tags,
        List<String> history) {

    /** Where an answer is: a report and, optionally, a snippet the passage must contain. */
    public record Relevant(String doc, String text) {}

    public EvalQuestion {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("\"id\" is missing");
        }
        if (question == null) {
            throw new IllegalArgumentException("\"question\" is missing");
        }
        if (TextCleaner.readable(question).isEmpty()) {
            throw new IllegalArgumentException("\"question\" has no readable text");
        }
        relevant = List.copyOf(Objects.requireNonNullElse(relevant, List.of()));
        answer = List.copyOf(Objects.requireNonNullElse(answer, List.of()));
        tags = List.copyOf(Objects.requireNonNullElse(tags, List.of()));
        history = List.copyOf(Objects.requireNonNullElse(history, List.of()));
    }

    /** A question asked on its own. */
    public EvalQuestion(String id, String question, List<Relevant> relevant, List<String> answer, List<String> tags) {
        this(id, question, relevant, answer, tags, List.of());
    }

    /**
     * What a right answer states: the {@link #answer} strings, or, where there are none, the relevant
     * snippets. A reading-comprehension set gives the answer span as the snippet (CMRC 2018: 光荣和ω-force
     * for 《战国无双3》是由哪两个公司合作开发的), so its questions grade answers as they are.
     */
    public List<String> expectedFacts() {
        if (!answer.isEmpty()) {
            return answer;
        }
        return relevant.stream()
                .map(Relevant::text)
                .filter(t -> t != null && !t.isBlank())
                .toList();
    }

    /** Whether the reports can answer it (otherwise retrieval metrics skip it). */
    public boolean answerable() {
        return !relevant.isEmpty();
    }
}
