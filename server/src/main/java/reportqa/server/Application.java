package reportqa.server;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.embed.RecentVectors;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.server.answer.Prompts;
import reportqa.server.answer.extract.ExtractiveAnswerer;
import reportqa.server.answer.extract.HeaderFacts;
import reportqa.server.answer.generate.AnswerPrompt;
import reportqa.server.answer.generate.ChatModels;
import reportqa.server.answer.generate.ModelAnswerer;
import reportqa.server.answer.generate.ModelCalls;
import reportqa.server.answer.generate.ModelFactory;
import reportqa.server.answer.retrieve.SourceRetriever;
import reportqa.server.answer.rewrite.QueryRewriter;
import reportqa.server.config.Secret;
import reportqa.server.config.ServerConfig;
import reportqa.server.http.ApiServer;
import reportqa.server.ingest.ReportUploads;
import reportqa.server.pipeline.AnswerPipeline;

/**
 * The whole system wired by hand: the report library (index and retriever), the answer pipeline
 * and the HTTP server. Tests build it with any data folder, corpus, port and model.
 */
public final class Application implements AutoCloseable {

    private final ReportLibrary library;
    private final AnswerPipeline answers;
    private final ApiServer server;
    private final ExecutorService modelCalls;
    private final ReportUploads uploads;

    private Application(
            ReportLibrary library,
            AnswerPipeline answers,
            ApiServer server,
            ExecutorService modelCalls,
            ReportUploads uploads) {
        this.uploads = uploads;
        this.library = library;
        this.answers = answers;
        this.server = server;
        this.modelCalls = modelCalls;
    }

    /**
     * Opens the library described by {@code libraryConfig} (indexing what changed) and wires the
     * answer pipeline and HTTP server for {@code config}.
     *
     * @param embedder the embedding model (the library caches its passage vectors on disk)
     * @param model the language model, or null for extractive answers (see {@link ModelFactory})
     */
    public static Application open(
            ServerConfig config,
            ReportLibrary.Config libraryConfig,
            Embedder embedder,
            ChatModels model,
            IndexProgress progress)
            throws IOException {
        return open(config, libraryConfig, embedder, model, progress, ReportLibrary.Opening.UP_TO_DATE);
    }

    /**
     * Opens the library as {@code opening} says ({@link ReportLibrary.Opening#LAST_COMMIT}: on its
     * last commit, the update left to the caller: {@code library().update}) and wires the answer
     * pipeline and HTTP server for {@code config}.
     *
     * @param embedder the embedding model (the library caches its passage vectors on disk)
     * @param model the language model, or null for extractive answers (see {@link ModelFactory})
     */
    public static Application open(
            ServerConfig config,
            ReportLibrary.Config libraryConfig,
            Embedder embedder,
            ChatModels model,
            IndexProgress progress,
            ReportLibrary.Opening opening)
            throws IOException {
        ReportLibrary.Opened opened = ReportLibrary.open(libraryConfig, embedder, progress, opening);
        ReportLibrary library = opened.library();
        Prompts prompts = new Prompts();
        Secret secret = config.secret();
        ExecutorService modelCalls = ModelCalls.newPool();
        HeaderFacts headerFacts = new HeaderFacts(library.retriever().backend(), BrokerRegistry.standard());
        AnswerPipeline answers = new AnswerPipeline(
                new QueryRewriter(
                        model == null ? null : model.chat(),
                        modelCalls,
                        prompts,
                        BrokerRegistry.standard(),
                        secret,
                        headerFacts::people),
                new SourceRetriever(library.retriever()),
                model == null ? null : new ModelAnswerer(model, new AnswerPrompt(prompts), modelCalls, secret),
                new ExtractiveAnswerer(
                        library.embedder().withPassages(new RecentVectors(ExtractiveAnswerer.RECENT_SENTENCES)),
                        ExtractiveAnswerer.Options.DEFAULT,
                        headerFacts),
                prompts,
                config.timeout(),
                secret);
        ReportUploads uploads = new ReportUploads(library);
        ApiServer server = new ApiServer(
                config,
                library.config(),
                library.retriever(),
                answers,
                library::lastUpdate,
                opened.repaired(),
                uploads,
                new reportqa.server.feedback.FeedbackLog(config.dataDir()));
        return new Application(library, answers, server, modelCalls, uploads);
    }

    /** Opens with the model the configuration names. */
    public static Application open(
            ServerConfig config, ReportLibrary.Config libraryConfig, Embedder embedder, IndexProgress progress)
            throws IOException {
        return open(config, libraryConfig, embedder, ModelFactory.create(config), progress);
    }

    /** Opens with the model the configuration names, as {@code opening} says. */
    public static Application open(
            ServerConfig config,
            ReportLibrary.Config libraryConfig,
            Embedder embedder,
            IndexProgress progress,
            ReportLibrary.Opening opening)
            throws IOException {
        return open(config, libraryConfig, embedder, ModelFactory.create(config), progress, opening);
    }

    /** What the last index update did (when the application opened, or since: {@link ReportLibrary#update}). */
    public IndexResult lastUpdate() {
        return library.lastUpdate();
    }

    /** The uploads, removals and edits of reports, and the states of the files they and the folder watch change. */
    public ReportUploads uploads() {
        return uploads;
    }

    public ReportLibrary library() {
        return library;
    }

    public AnswerPipeline answers() {
        return answers;
    }

    public ApiServer server() {
        return server;
    }

    @Override
    public void close() throws IOException {
        modelCalls.shutdownNow();
        // An upload's update finishes (its commit is whole or not made) before the library closes.
        uploads.close();
        library.close();
    }
}
