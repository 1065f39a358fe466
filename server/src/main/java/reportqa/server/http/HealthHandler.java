package reportqa.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.index.IndexCheck.IndexDamage;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.search.SearchBackend;
import reportqa.retrieval.search.SearchMode;
import reportqa.retrieval.solr.SolrHealth;
import reportqa.retrieval.solr.SolrSearchBackend;
import reportqa.server.answer.AnswerMode;
import reportqa.server.config.ServerConfig;
import reportqa.server.ingest.ReportUploads;
import reportqa.server.pipeline.AnswerPipeline;

/**
 * {@code GET /api/health}: index size, corpus state and failures, model configured or not. When API
 * keys are set, a caller without one learns only whether the service is up.
 */
final class HealthHandler {

    /** How many uploaded or removed files stand in each state (states with none left out). */
    private Map<String, Integer> uploadCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (ReportUploads.Status s : uploads.get()) {
            counts.merge(s.state().name(), 1, Integer::sum);
        }
        return counts;
    }

    private final ServerConfig config;
    private final ReportLibrary.Config library;
    private final SearchBackend backend;
    private final AnswerPipeline answers;
    private final Supplier<IndexResult> lastUpdate;
    private final Optional<IndexDamage> repaired;
    private final Predicate<Context> trusted;
    private final Supplier<List<ReportUploads.Status>> uploads;

    /**
     * @param repaired damage that made the index be rebuilt at start: reported until the next start,
     *     since a disk that damaged one index may damage the next
     * @param trusted whether a request may see the details (no keys are set, or it sent a valid one)
     * @param uploads the states of the files uploaded or removed through the API
     */
    HealthHandler(
            ServerConfig config,
            ReportLibrary.Config library,
            SearchBackend backend,
            AnswerPipeline answers,
            Supplier<IndexResult> lastUpdate,
            Optional<IndexDamage> repaired,
            Predicate<Context> trusted,
            Supplier<List<ReportUploads.Status>> uploads) {
        this.uploads = uploads;
        this.config = config;
        this.library = library;
        this.backend = backend;
        this.answers = answers;
        this.lastUpdate = lastUpdate;
        this.repaired = repaired;
        this.trusted = trusted;
    }

    void health(Context ctx) throws Exception {
        IndexResult update = lastUpdate.get();
        Responses.Corpus corpus = new Responses.Corpus(
                library.corpusDir().toString(),
                backend.reports().size(),
                update == null ? null : update.summary(),
                update == null ? List.of() : update.failures(),
                uploadCounts());
        Responses.Model model = new Responses.Model(
                answers.llmEnabled(),
                config.provider().key(),
                answers.modelName(),
                (answers.llmEnabled() ? AnswerMode.LLM : AnswerMode.EXTRACTIVE).key(),
                answers.modelBreaker());
        SolrHealth solr = backend instanceof SolrSearchBackend cloud ? cloud.health() : null;
        Responses.Retrieval retrieval = new Responses.Retrieval(
                library.settings().analysis().name(),
                library.settings().embedderId(),
                SearchMode.DEFAULT.key(),
                config.searchBackend(),
                solr);
        List<String> problems = new ArrayList<>();
        if (solr != null && !solr.problem().isEmpty()) {
            problems.add("SolrCloud collection " + solr.collection() + ": " + solr.problem());
        }
        Integer passages = null;
        if (solr == null || solr.serving()) {
            try {
                passages = backend.passageCount();
            } catch (IOException e) {
                // Health says so and goes on: it is how an operator learns of it.
                problems.add("the search backend cannot answer: " + e.getMessage());
            }
        }
        if (!corpus.failures().isEmpty()) {
            problems.add(corpus.failures().size() + " report file(s) could not be indexed");
        }
        repaired.ifPresent(d -> problems.add(d.summary()));
        if (!answers.modelBreaker().isEmpty() && !answers.modelBreaker().equals("closed")) {
            problems.add("the model failed on most recent questions; answers are extractive for now");
        }
        String status =
                problems.isEmpty() ? "ok" : passages == null || (solr != null && !solr.serving()) ? "down" : "degraded";
        if (!trusted.test(ctx)) {
            ctx.json(new Responses.Status(status));
            return;
        }
        ctx.json(new Responses.Health(status, problems, passages, corpus, model, retrieval));
    }
}
