package reportqa.retrieval.search;

import java.util.Objects;

/**
 * A search: the user's text (never parsed as query syntax), how many passages, how, and filters.
 *
 * @param query what the user typed
 * @param k how many passages to return
 * @param mode bm25, dense or hybrid
 * @param filters explicit filters
 * @param autoFilters whether a broker or report date named in the question restricts the search
 */
public record SearchRequest(String query, int k, SearchMode mode, SearchFilters filters, boolean autoFilters) {

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
    }

    /** The default search for a question: hybrid, auto filters on. */
    public static SearchRequest of(String query, int k) {
        return new SearchRequest(query, k, SearchMode.DEFAULT, SearchFilters.NONE, true);
    }

    public SearchRequest withMode(SearchMode m) {
        return new SearchRequest(query, k, m, filters, autoFilters);
    }
}
