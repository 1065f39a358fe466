package reportqa.server.answer;

import java.util.List;
import reportqa.retrieval.search.FilterNote;

/**
 * An answer with its evidence: what {@code POST /api/ask} returns and a stream's {@code done} event
 * carries.
 *
 * @param answer the text, with {@code [n]} after each claim
 * @param citations the passages cited, numbered in order of first use
 * @param sources every retrieved passage ({@code n} > 0 for the cited ones)
 * @param abstained true when the passages do not answer the question
 * @param abstainReason why the answer abstained, or null
 * @param mode how it was made
 * @param model the model's name, or empty for extractive answers
 * @param degraded why the model's answer was replaced by an extractive one (or the follow-up was not
 *     rewritten by the model), or null
 * @param timings how long retrieval and generation took
 * @param query the standalone query retrieval used (a follow-up rewritten)
 * @param filterNote how the question narrowed the search, or empty
 * @param narrowed the same as {@code filterNote}, in parts a page can say in its own language
 * @param notice the line {@code answer} opens with before its content (an extractive answer's note
 *     that it quotes the reports, and why), or empty: a page that has shown it once may leave it out
 */
public record Answer(
        String answer,
        List<Citation> citations,
        List<Source> sources,
        boolean abstained,
        String abstainReason,
        AnswerMode mode,
        String model,
        String degraded,
        Timings timings,
        String query,
        String filterNote,
        FilterNote narrowed,
        String notice) {

    public Answer {
        citations = List.copyOf(citations);
        sources = List.copyOf(sources);
    }

    /**
     * @param retrieveMs rewriting and retrieval time
     * @param generateMs answer generation time
     */
    public record Timings(long retrieveMs, long generateMs) {}
}
