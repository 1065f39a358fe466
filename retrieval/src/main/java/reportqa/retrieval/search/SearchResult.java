package reportqa.retrieval.search;

import java.util.List;

/**
 * Passages found, and the filters that were in effect (explicit ones plus any taken from the question).
 *
 * @param passages best first
 * @param applied the filters actually applied
 * @param autoFilterNote how the question restricted the search, or empty
 */
public record SearchResult(List<Passage> passages, SearchFilters applied, String autoFilterNote) {

    public SearchResult {
        passages = List.copyOf(passages);
    }
}
