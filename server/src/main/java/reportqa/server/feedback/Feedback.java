package reportqa.server.feedback;

import java.util.List;

/**
 * A reader's verdict on one answer, as kept.
 *
 * @param id its id (time-ordered)
 * @param at when it was given (ISO instant)
 * @param verdict helpful, wrong, or wrong_citation
 * @param question the question answered
 * @param answer the answer's text as shown
 * @param comment what the reader added, or empty
 * @param citations the answer's citations: report and passage ids, in citation order
 * @param mode how the answer was made (llm or extractive)
 * @param model the model's name, or empty
 */
public record Feedback(
        String id,
        String at,
        Verdict verdict,
        String question,
        String answer,
        String comment,
        List<Cited> citations,
        String mode,
        String model) {

    public Feedback {
        citations = List.copyOf(citations);
    }

    /** What the reader says of the answer. */
    public enum Verdict {
        helpful,
        wrong,
        wrong_citation
    }

    /**
     * One citation of the answer.
     *
     * @param n its number in the answer
     * @param reportId the report cited
     * @param passageId the passage cited
     */
    public record Cited(int n, String reportId, String passageId) {}
}
