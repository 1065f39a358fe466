package reportqa.server.bench;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.BgeSmallZhEmbedder;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.search.HybridOptions;
import reportqa.server.Application;
import reportqa.server.config.Access;
import reportqa.server.config.ServerConfig;
import reportqa.server.http.ApiServer;
import reportqa.server.pipeline.WarmUp;

/**
 * A server over a benchmark library, with the product's defaults otherwise, started as {@code serve}
 * starts (listening at once, the index opening and the model loading meanwhile, the last commit
 * answering while the folder is checked); what
 * {@link ServeProbe} starts for the large sizes. Its passages carry either sentence-mean vectors
 * ({@link SentenceMeanEmbedder}: queries still pay for the real model) or the real model's, read
 * from a cache an earlier run filled. Arguments: corpus folder, data folder, index folder, port,
 * embedding cache folder, {@value #SENTENCE_MEANS} or {@value #REAL_MODEL}.
 */
public final class BenchServer {

    /** The last argument for a library of sentence-mean vectors. */
    static final String SENTENCE_MEANS = "sentence-means";

    /** The last argument for a library of the real model's vectors. */
    static final String REAL_MODEL = "real-model";

    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        Path data = Path.of(args[1]);
        // Nothing learnt: an unchanged library embeds no passage at start (a changed one would embed its
        // sentences). The model loads while the index opens, as in serve.
        Embedder model = BgeSmallZhEmbedder.inBackground(false, ReportLibrary.Config.modelDirUnder(data));
        Embedder embedder =
                switch (args[5]) {
                    case REAL_MODEL -> model;
                    case SENTENCE_MEANS -> new SentenceMeanEmbedder(model);
                    default -> throw new IllegalArgumentException("vectors: " + args[5]);
                };
        ReportLibrary.Config library = new ReportLibrary.Config(
                corpus,
                Path.of(args[2]),
                Path.of(args[4]),
                new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, embedder.modelId()),
                HybridOptions.DEFAULT);
        ServerConfig config = ServerConfig.defaults()
                .withDirs(data, corpus)
                .withPort(Integer.parseInt(args[3]))
                .withAccess(Access.UNLIMITED);
        // As serve starts: listening at once, API requests waiting for the library while it opens.
        CompletableFuture<Application> opened = CompletableFuture.supplyAsync(() -> {
            try {
                Application qa = Application.open(
                        config, library, embedder, null, IndexProgress.NONE, ReportLibrary.Opening.LAST_COMMIT);
                // As serve does: the first request is served on a warmed answer path, the rarer
                // paths warmed as serving begins.
                WarmUp.atStart(qa.answers(), () -> false);
                return qa;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Javalin server = ApiServer.starting(config, opened.thenApply(Application::server), ApiServer.STARTUP_WAIT)
                .start();
        Application qa;
        try {
            qa = opened.join();
        } catch (CompletionException e) {
            // A library that cannot open ends the process, as serve does: the probe sees it stop
            // instead of polling a server that answers 503 for ever.
            server.stop();
            throw e;
        }
        try {
            // As serve does: the last commit answers while the library is brought up to date.
            qa.library().update(IndexProgress.NONE);
        } catch (IOException | RuntimeException e) {
            server.stop();
            qa.close();
            throw e;
        }
    }
}
