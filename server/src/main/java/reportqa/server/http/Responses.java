package reportqa.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.report.ReportSummary;
import reportqa.retrieval.report.Section;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.solr.SolrHealth;
import reportqa.server.answer.Source;

/** The bodies the API sends (besides {@link reportqa.server.answer.Answer} and {@link ApiError}), as records Jackson writes. */
final class Responses {

    private Responses() {}

    /**
     * {@code GET /api/search}.
     *
     * @param query the text as given
     * @param mode the retrieval mode
     * @param filters the filters applied (explicit ones and those the question named)
     * @param filterNote how the question narrowed the search, or empty
     * @param passages the passages found, best first
     * @param timings how long it took
     */
    record Search(
            String query,
            String mode,
            SearchFilters filters,
            String filterNote,
            List<Source> passages,
            Timing timings) {}

    /** @param retrieveMs retrieval time */
    record Timing(long retrieveMs) {}

    /**
     * {@code GET /api/reports/{id}}.
     *
     * @param report metadata
     * @param provenance where each metadata field was read from
     * @param text the cleaned text
     * @param sections its sections
     * @param pageStarts where each page of a PDF report starts in the text (empty for a text report)
     * @param passages every passage's offsets in the text, and the page it starts on (0 for a text report)
     */
    record Report(
            ReportSummary report,
            Map<String, String> provenance,
            String text,
            List<Section> sections,
            List<Integer> pageStarts,
            List<PassageSpan> passages) {}

    /** Where one passage lies in its report's text. */
    record PassageSpan(String passageId, String section, boolean boilerplate, int start, int end, int page) {}

    /** {@code GET /api/health}. */
    /**
     * @param status {@code ok}, or {@code degraded} when something is wrong that the service works
     *     around (reports that could not be indexed, a model being skipped after failures)
     * @param problems what is wrong, in words (empty when ok)
     */
    record Health(
            String status, List<String> problems, Integer passages, Corpus corpus, Model model, Retrieval retrieval) {}

    /**
     * {@code GET /api/health} for a caller without a key when keys are set: whether the service is up,
     * and nothing about the library or the model.
     *
     * @param status {@code ok} or {@code degraded}
     */
    record Status(String status) {}

    /**
     * The corpus folder, its last indexing, and the files uploaded or removed through the API by state
     * ({@code {"EMBEDDING": 1, "SEARCHABLE": 3}}; each file's in {@code GET /api/uploads}).
     */
    record Corpus(
            String dir,
            int reports,
            String lastUpdate,
            List<IndexResult.Failure> failures,
            Map<String, Integer> uploads) {}

    /** The answering model. */
    record Model(boolean configured, String provider, String name, String answerMode, String breaker) {}

    /**
     * How retrieval is set up.
     *
     * @param backend where passages are kept and searched: {@code lucene} or {@code solrcloud}
     * @param solrCloud the SolrCloud cluster and collection as the cluster state says now (only with
     *     that backend)
     */
    record Retrieval(
            String analysis,
            String embedder,
            String defaultMode,
            String backend,
            @JsonInclude(JsonInclude.Include.NON_NULL) SolrHealth solrCloud) {}

    /** A stream's {@code sources} event. */
    record SourcesEvent(List<Source> sources, String query, String filterNote) {}

    /** A stream's {@code token} event. */
    record TokenEvent(String text) {}

    /** A stream's {@code reset} event. */
    record ResetEvent(String reason) {}
}
