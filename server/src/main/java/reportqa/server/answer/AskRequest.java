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

    public static AskRequest of(String question, int k) {
        return new AskRequest(question, List.of(), SearchFilters.NONE, k, SearchMode.DEFAULT);
    }
}
