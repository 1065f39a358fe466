package reportqa.retrieval.search;

import java.util.List;

/**
 * Passages found, the text that was searched, and the filters that were in effect (explicit ones
 * plus any taken from the question).
 *
 * @param query the text the backend actually searched (names of filtered brokers left out, English
 *     words followed by their Chinese glossary terms)
 * @param passages best first
 * @param applied the filters actually applied
 * @param filterNote how the question restricted the search ({@link FilterNote#NONE} when it did not)
 * @param unmatched what the question names that the library has no report for ("reports from
 *     中信证券", "reports dated 2024-04-01"): a sign that the reports cannot answer it
 */
public record SearchResult(
        String query, List<Passage> passages, SearchFilters applied, FilterNote filterNote, List<Unmatched> unmatched) {

    public SearchResult {
        passages = List.copyOf(passages);
        unmatched = List.copyOf(unmatched);
    }

    /** How the question restricted the search, in English, or empty. */
    public String autoFilterNote() {
        return filterNote.text();
    }
}
