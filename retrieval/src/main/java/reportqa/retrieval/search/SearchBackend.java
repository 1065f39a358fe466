package reportqa.retrieval.search;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;

/**
 * Where passages are found: the seam between searching and everything that uses it (answering,
 * citations, evaluation, the HTTP API). {@link LuceneSearchBackend} is the embedded default; a
 * distributed engine can implement the same interface without touching its callers.
 *
 * <p>A backend runs exactly the search it is given. What a question means for the search (a broker
 * or date it names, broker names left out of the text, English words expanded) is decided above it,
 * by {@link Retriever}, the same way for every backend.
 */
public interface SearchBackend {

    /**
     * The passages for already prepared query text under exactly these filters, best first, ranked
     * 1..n; empty when nothing matches.
     *
     * @param text the query text (never parsed as query syntax)
     * @param mode bm25, dense or hybrid
     * @param filters the filters to apply, as given
     * @param k the most passages to return
     */
    List<Passage> search(String text, SearchMode mode, SearchFilters filters, int k) throws IOException;

    /** The card of every indexed report by id, sorted by id (what is kept in memory of each). */
    Map<String, ReportCard> reports();

    /** One report whole (text and sections), if indexed: read from the index, not kept in memory. */
    Optional<Report> report(String id) throws IOException;

    /** Every passage of a report in text order, boilerplate included (score and rank 0: not a search result). */
    List<Passage> passages(String reportId) throws IOException;

    /** How many passages are indexed. */
    int passageCount() throws IOException;
}
