package reportqa.retrieval.search;

import java.io.IOException;
import java.util.List;
import reportqa.retrieval.report.BrokerRegistry;

/**
 * Finds passages for a question, whatever the backend: prepares the text to search
 * ({@link QueryPreparation}), narrows the search to a broker or report date the question names
 * ({@link AutoFilters}, letting them go again when that finds nothing), and runs it on the
 * {@link SearchBackend}.
 */
public final class Retriever {

    private final SearchBackend backend;
    private final QueryPreparation preparation;
    private final AutoFilters autoFilters;

    public Retriever(SearchBackend backend, BrokerRegistry brokers, QueryExpansion expansion) {
        this.backend = backend;
        this.preparation = new QueryPreparation(brokers, expansion);
        this.autoFilters = new AutoFilters(brokers);
    }

    /** A retriever with the shipped broker registry and glossary. */
    public static Retriever standard(SearchBackend backend) {
        return new Retriever(backend, BrokerRegistry.standard(), QueryExpansion.standard());
    }

    /** The backend searches run on. */
    public SearchBackend backend() {
        return backend;
    }

    /**
     * The passages for a request, with the text searched and the filters applied. A broker or report
     * date named in the question narrows the search (unless the request filters on it already); when
     * that finds nothing, the date and then the broker are let go, and the result says so.
     */
    public SearchResult search(SearchRequest request) throws IOException {
        if (request.questionFilters() == QuestionFilters.IGNORE) {
            String text = preparation.prepare(request.query(), request.filters());
            return new SearchResult(text, run(text, request, request.filters()), request.filters(), "", List.of());
        }
        AutoFilters.Ladder ladder = autoFilters.ladder(
                request.query(), request.filters(), backend.reports().values());
        List<SearchFilters> rungs = ladder.rungs();
        for (int i = 0; ; i++) {
            SearchFilters f = rungs.get(i);
            String text = preparation.prepare(request.query(), f);
            List<Passage> found = run(text, request, f);
            if (!found.isEmpty() || i == rungs.size() - 1) {
                return new SearchResult(text, found, f, ladder.note(f), ladder.unmatched(f));
            }
        }
    }

    private List<Passage> run(String text, SearchRequest request, SearchFilters filters) throws IOException {
        return backend.search(text, request.mode(), filters, request.k());
    }
}
