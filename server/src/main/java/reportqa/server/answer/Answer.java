package reportqa.server.answer;

import java.util.List;
import reportqa.server.http.SourceView;

/**
 * An answer with its evidence.
 *
 * @param answer the text, with {@code [n]} after each claim
 * @param citations the passages cited, numbered in order of first use
 * @param sources every retrieved passage ({@code n} > 0 for the cited ones)
 * @param abstained true when the passages do not answer the question
 * @param abstainReason why the answer abstained (extractive answers), or null
 * @param mode {@code llm} or {@code extractive}
 * @param model the model's name, or empty for extractive answers
 * @param degraded why the model's answer was replaced by an extractive one, or null
 * @param timings how long retrieval and generation took
 * @param query the standalone query retrieval used (a follow-up rewritten)
 * @param filterNote how the question narrowed the search, or empty
 */
public record Answer(String answer, List<Citation> citations, List<SourceView> sources, boolean abstained, String abstainReason, String mode,
        String model, String degraded, Timings timings, String query, String filterNote) {

    /**
     * @param retrieveMs retrieval time
     * @param generateMs answer generation time
     */
    public record Timings(long retrieveMs, long generateMs) {
    }
}
