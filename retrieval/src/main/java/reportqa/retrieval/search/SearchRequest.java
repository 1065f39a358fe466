package reportqa.retrieval.search;

import java.util.Objects;

/**
 * A search: the user's text (never parsed as query syntax), how many passages, how, and filters.
 *
 * @param query what the user typed
 * @param k how many passages to return
 * @param mode bm25, dense or hybrid
 * @param filters explicit filters
 * @param questionFilters whether a broker or report date named in the question restricts the search
 * @param asked the user's own words when the query also carries words from the conversation (a
 *     rewritten follow-up), else null
 */
public record SearchRequest(
        String query, int k, SearchMode mode, SearchFilters filters, QuestionFilters questionFilters, String asked) {

    public static final int DEFAULT_K = 10;
    public static final int MAX_K = 100;

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        if (query.isBlank()) {
            throw new IllegalArgumentException("the query is blank");
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", was " + k);
        }
        mode = Objects.requireNonNullElse(mode, SearchMode.DEFAULT);
        filters = Objects.requireNonNullElse(filters, SearchFilters.NONE);
        questionFilters = Objects.requireNonNullElse(questionFilters, QuestionFilters.DETECT);
    }

    public SearchRequest(String query, int k, SearchMode mode, SearchFilters filters, QuestionFilters questionFilters) {
        this(query, k, mode, filters, questionFilters, null);
    }

    /** The same search under other filters. */
    public SearchRequest withFilters(SearchFilters f) {
        return new SearchRequest(query, k, mode, f, questionFilters, asked);
    }

    /** The same search, knowing which of its words the user typed (the rest came from the conversation). */
    public SearchRequest withAsked(String words) {
        return new SearchRequest(query, k, mode, filters, questionFilters, words);
    }

    /** A question's search: names in it may restrict the search. */
    public static SearchRequest question(String query, int k, SearchMode mode, SearchFilters filters) {
        return new SearchRequest(query, k, mode, filters, QuestionFilters.DETECT);
    }

    /** The default search for a question: hybrid, no explicit filters. */
    public static SearchRequest of(String query, int k) {
        return question(query, k, SearchMode.DEFAULT, SearchFilters.NONE);
    }
}
