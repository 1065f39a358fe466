package reportqa.retrieval.search;

import java.io.IOException;
import java.util.List;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.text.NoiseLines;
import reportqa.retrieval.text.TextCleaner;

/**
 * Finds passages for a question, whatever the backend: prepares the text to search
 * ({@link QueryPreparation}), narrows the search to a broker or report date the question names
 * ({@link AutoFilters}, letting them go again when that finds nothing), and runs it on the
 * {@link SearchBackend}; then ranks page furniture below content ({@link FurnitureDemotion}) and puts the
 * passage a header field was read from first when a question asks for it ({@link HeaderFieldLift}).
 */
public final class Retriever {

    private final SearchBackend backend;
    private final QueryPreparation preparation;
    private final AutoFilters autoFilters;
    private final FilterCheck filterCheck;
    private final FurnitureDemotion demotion;
    private final HeaderFieldLift headerLift;

    public Retriever(SearchBackend backend, BrokerRegistry brokers, QueryExpansion expansion) {
        this(
                backend,
                brokers,
                expansion,
                new FurnitureDemotion(FurnitureDemotion.DEFAULT_WEIGHT),
                new HeaderFieldLift(HeaderQuestions.standard(), HeaderFieldLift.DEFAULT_REPORTS));
    }

    /** With other settings of the re-ranking stages: for measuring them (0 turns either off). */
    public Retriever(
            SearchBackend backend,
            BrokerRegistry brokers,
            QueryExpansion expansion,
            FurnitureDemotion demotion,
            HeaderFieldLift headerLift) {
        this.backend = backend;
        this.demotion = demotion;
        this.headerLift = headerLift;
        this.preparation = new QueryPreparation(brokers, expansion);
        this.autoFilters = new AutoFilters(brokers);
        this.filterCheck = new FilterCheck(brokers);
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
     * Explicit filters with canonical broker names ({@code 德邦} → {@code 德邦证券}).
     *
     * @throws UnknownFilterException for a broker or report id the library has no report for
     */
    public SearchFilters resolve(SearchFilters filters) {
        return filterCheck.resolve(filters, backend.reports());
    }

    /**
     * Like {@link #resolve}, and also refusing a date range no report (of the brokers and reports
     * asked for) falls in: for a user who should hear that rather than "nothing found".
     */
    public SearchFilters resolveNonEmpty(SearchFilters filters) {
        return filterCheck.resolveNonEmpty(filters, backend.reports());
    }

    /**
     * The passages for a request, with the text searched and the filters applied. A broker or report
     * date named in the question narrows the search (unless the request filters on it already); when
     * that finds nothing, the date and then the broker are let go, and the result says so.
     */
    public SearchResult search(SearchRequest request) throws IOException {
        // Nothing readable matches nothing (the embedding model refuses blank text outright).
        if (TextCleaner.readable(request.query()).isEmpty()) {
            return new SearchResult("", List.of(), request.filters(), FilterNote.NONE, List.of());
        }
        // The rating system and the office address are written in the back matter, which is skipped
        // unless a question asks for it.
        if (!request.filters().includeBoilerplate() && NoiseLines.asksForBackMatter(request.query())) {
            request = request.withFilters(request.filters().withBoilerplate());
        }
        if (request.questionFilters() == QuestionFilters.IGNORE) {
            String text = preparation.prepare(request.query(), request.filters());
            return new SearchResult(
                    text, run(text, request, request.filters()), request.filters(), FilterNote.NONE, List.of());
        }
        AutoFilters.Ladder ladder = autoFilters.ladder(
                request.query(), request.filters(), backend.reports().values());
        List<SearchFilters> rungs = ladder.rungs();
        QueryFilterDetector.Detected asked =
                request.asked() == null || request.asked().equals(request.query())
                        ? null
                        : autoFilters.detect(request.asked(), backend.reports().values());
        for (int i = 0; ; i++) {
            SearchFilters f = rungs.get(i);
            String text = preparation.prepare(request.query(), f);
            List<Passage> found = run(text, request, f);
            if (!found.isEmpty() || i == rungs.size() - 1) {
                return new SearchResult(text, found, f, ladder.note(f, asked), ladder.unmatched(f));
            }
        }
    }

    private List<Passage> run(String text, SearchRequest request, SearchFilters filters) throws IOException {
        // Deeper than asked, so a passage of content below a demoted one of furniture can move up.
        int depth = Math.min(SearchRequest.MAX_K, Math.max(request.k() * 2, 20));
        List<Passage> ranked =
                demotion.apply(request.query(), backend.search(text, request.mode(), filters, depth), depth);
        return headerLift.apply(request.query(), ranked, filters, backend, request.k());
    }
}
