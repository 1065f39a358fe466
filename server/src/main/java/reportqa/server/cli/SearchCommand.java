package reportqa.server.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reportqa.retrieval.Json;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.Retriever;
import reportqa.retrieval.search.SearchMode;
import reportqa.retrieval.search.SearchRequest;
import reportqa.retrieval.search.SearchResult;
import reportqa.server.answer.Source;

/** Retrieval only: the passages a question finds, with their reports' broker and date. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        abbreviateSynopsis = true,
        description = "Search the reports (no answer, just passages).")
final class SearchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @ArgGroup(validate = false, heading = Help.BACKEND, order = Help.BACKEND_ORDER)
    BackendOptions backend = new BackendOptions();

    @ArgGroup(validate = false, heading = Help.FILTERS, order = Help.FILTERS_ORDER)
    FilterOptions filters = new FilterOptions();

    @ArgGroup(validate = false, heading = Help.TUNING, order = Help.TUNING_ORDER)
    TuningOptions tuning = new TuningOptions();

    @Parameters(index = "0", paramLabel = "QUERY", description = "What to look for, in plain words (no query syntax).")
    String query;

    @Option(
            names = {"-k", "--top"},
            paramLabel = "K",
            description = "Passages to show (default: ${DEFAULT-VALUE}).")
    int k = 5;

    @Option(names = "--mode", paramLabel = "MODE", description = "bm25, dense or hybrid (default: hybrid).")
    String mode = SearchMode.DEFAULT.key();

    @Option(names = "--boilerplate", description = "Also return legal boilerplate (disclaimers, rating definitions).")
    boolean boilerplate;

    @Option(names = "--json", description = "Print the passages as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        // Check the arguments before indexing anything.
        SearchRequest request = SearchRequest.question(query, k, SearchMode.parse(mode), filters.filters(boilerplate));
        ReportLibrary.Opened opened = common.openLibrary(common.load(backend), tuning);
        try (ReportLibrary lib = opened.library()) {
            Retriever retriever = lib.retriever();
            SearchResult result = retriever.search(request.withFilters(retriever.resolveNonEmpty(request.filters())));
            if (json) {
                System.out.println(
                        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
                return 0;
            }
            if (!result.autoFilterNote().isEmpty()) {
                System.out.println("(" + result.autoFilterNote() + ")");
            }
            List<Passage> passages = result.passages();
            if (passages.isEmpty()) {
                System.out.println("No passage found.");
            }
            for (Passage p : passages) {
                String broker = p.metadata() == null ? "" : p.metadata().broker();
                String date = p.metadata() == null ? "" : p.metadata().date().display();
                String title =
                        p.metadata() == null ? p.reportId() : p.metadata().title();
                System.out.printf(
                        "[%d] %.3f  %s · %s · 《%s》 · %s%n",
                        p.rank(),
                        p.score(),
                        broker.isEmpty() ? Source.UNKNOWN_BROKER : broker,
                        date.isEmpty() ? Source.UNKNOWN_DATE : date,
                        title,
                        p.section().isEmpty() ? "—" : p.section());
                System.out.println("    " + p.text().replace("\n", "\n    "));
            }
            return 0;
        }
    }
}
