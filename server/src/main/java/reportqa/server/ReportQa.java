package reportqa.server;

import java.io.IOException;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.server.answer.AnswerService;
import reportqa.server.answer.ExtractiveAnswerer;
import reportqa.server.answer.LanguageModel;
import reportqa.server.answer.ModelFactory;
import reportqa.server.answer.Prompts;
import reportqa.server.config.ServerConfig;
import reportqa.server.http.ReportQaApp;

/**
 * The whole system wired by hand: library (index and retriever), answer service, HTTP app.
 * Tests build it with any data folder, corpus, port and model.
 */
public final class ReportQa implements AutoCloseable {

    private final ReportLibrary library;
    private final AnswerService answers;
    private final ReportQaApp app;

    private ReportQa(ReportLibrary library, AnswerService answers, ReportQaApp app) {
        this.library = library;
        this.answers = answers;
        this.app = app;
    }

    /**
     * Opens the library described by {@code libraryConfig} (indexing what changed) and wires the
     * answer service and HTTP app for {@code config}.
     *
     * @param model the language model, or null for extractive answers (see {@link ModelFactory})
     */
    public static ReportQa open(ServerConfig config, ReportLibrary.Config libraryConfig, Embedder embedder,
            LanguageModel model, IndexProgress progress) throws IOException {
        ReportLibrary.Opened opened = ReportLibrary.open(libraryConfig, embedder, progress);
        ReportLibrary library = opened.library();
        AnswerService answers = new AnswerService(library, new Prompts(),
                new ExtractiveAnswerer(library.embedder(), ExtractiveAnswerer.Options.DEFAULT), model, config.timeout(),
                config.apiKey(), BrokerRegistry.standard());
        return new ReportQa(library, answers, new ReportQaApp(config, library, answers, opened.update()));
    }

    /** Opens with the model the configuration names. */
    public static ReportQa open(ServerConfig config, ReportLibrary.Config libraryConfig, Embedder embedder,
            IndexProgress progress) throws IOException {
        return open(config, libraryConfig, embedder, ModelFactory.create(config), progress);
    }

    public ReportLibrary library() {
        return library;
    }

    public AnswerService answers() {
        return answers;
    }

    public ReportQaApp app() {
        return app;
    }

    @Override
    public void close() throws IOException {
        answers.close();
        library.close();
    }
}
