package reportqa.server.answer;

import java.util.List;
import java.util.Objects;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.search.SearchMode;

/**
 * A question to answer.
 *
 * @param question the question
 * @param history earlier turns, oldest first
 * @param filters explicit filters
 * @param k passages to retrieve and answer from
 * @param mode retrieval mode
 */
public record AskRequest(String question, List<Turn> history, SearchFilters filters, int k, SearchMode mode) {

    public AskRequest {
        Objects.requireNonNull(question, "question");
        history = List.copyOf(Objects.requireNonNullElse(history, List.of()));
        filters = Objects.requireNonNullElse(filters, SearchFilters.NONE);
        mode = Objects.requireNonNullElse(mode, SearchMode.DEFAULT);
    }

    /** Most characters of a question. */
    public static final int MAX_QUESTION = 2000;

    /** Most earlier turns a request may carry. */
    public static final int MAX_TURNS = 50;

    /** Most characters of one earlier turn. */
    public static final int MAX_TURN_LENGTH = 10_000;

    /** The same request with the question and earlier turns written otherwise (the same words, names as the reports write them). */
    public AskRequest withQuestion(String q, List<Turn> turns) {
        return new AskRequest(q, turns, filters, k, mode);
    }

    /** The same request under other filters. */
    public AskRequest withFilters(SearchFilters f) {
        return new AskRequest(question, history, f, k, mode);
    }

    public static AskRequest of(String question, int k) {
        return new AskRequest(question, List.of(), SearchFilters.NONE, k, SearchMode.DEFAULT);
    }
}
