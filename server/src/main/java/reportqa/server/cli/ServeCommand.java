package reportqa.server.cli;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import reportqa.retrieval.embed.BackgroundEmbedder;
import reportqa.retrieval.embed.EmbeddingException;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.search.SearchUnavailableException;
import reportqa.server.Application;
import reportqa.server.config.ConfigException;
import reportqa.server.config.ConfigKey;
import reportqa.server.config.ServerConfig;
import reportqa.server.http.ApiServer;
import reportqa.server.http.RequestGuard;
import reportqa.server.ingest.CorpusWatcher;
import reportqa.server.pipeline.WarmUp;

/** Starts the web chat and the JSON API, indexing the corpus first if needed. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        abbreviateSynopsis = true,
        description = "Start the server (chat page at /, JSON API under /api), indexing the corpus first if needed.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @ArgGroup(validate = false, heading = Help.BACKEND, order = Help.BACKEND_ORDER)
    BackendOptions backend = new BackendOptions();

    @ArgGroup(validate = false, heading = Help.SERVER, order = Help.SERVER_ORDER)
    ServerOptions server = new ServerOptions();

    @ArgGroup(validate = false, heading = Help.MODEL, order = Help.MODEL_ORDER)
    ModelOptions model = new ModelOptions();

    @ArgGroup(validate = false, heading = Help.TUNING, order = Help.TUNING_ORDER)
    TuningOptions tuning = new TuningOptions();

    /**
     * Why {@code serve} must not start, if it must not: listening beyond this machine with no API key,
     * anyone who can reach the port could read the library and spend model calls. One line, naming
     * the two ways out.
     */
    static Optional<String> refusal(ServerConfig config) {
        if (RequestGuard.isLoopback(config.host())
                || config.access().keyed()
                || config.access().allowOpen()) {
            return Optional.empty();
        }
        return Optional.of("listening on " + config.host() + ", which other machines can reach, needs an API key: set "
                + ConfigKey.API_KEYS.env() + " (" + ConfigKey.API_KEYS.key() + "), or pass --allow-open ("
                + ConfigKey.ALLOW_OPEN.key() + "=true) to serve without access control");
    }

    /**
     * What a user listening beyond this machine must still be told: with no key (allowed open), who
     * can now use it; with keys over plain HTTP, that the keys cross the network readable.
     */
    static Optional<String> exposureWarning(ServerConfig config) {
        if (RequestGuard.isLoopback(config.host())) {
            return Optional.empty();
        }
        if (!config.access().keyed()) {
            return Optional.of("warning: listening on " + config.host()
                    + ", which other machines can reach, with no API key (--allow-open): anyone who can reach"
                    + " this port can read the library and spend model calls.");
        }
        if (config.tls() == null) {
            return Optional.of("warning: listening on " + config.host() + " over plain HTTP: API keys and answers"
                    + " cross the network readable; set " + ConfigKey.TLS_KEYSTORE.env() + " ("
                    + ConfigKey.TLS_KEYSTORE.key() + ") or put a TLS proxy in front.");
        }
        return Optional.empty();
    }

    /** How long a second stop waits for the first: the grace period's drain and the model's close, bounded. */
    static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private static void awaitQuietly(CountDownLatch latch, Duration wait) {
        try {
            latch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks the first warm-up question ({@link WarmUp#beforeServing}) of a library just opened, before
     * any request is served by it: requests arriving meanwhile wait for it (as they wait for the
     * library), and then run on code already loaded and compiled instead of competing with the
     * warm-up for the two cores. The others are asked on a thread of their own as serving begins
     * ({@link WarmUp#inBackground}), until {@code stopping} says so. A question that fails is logged
     * and changes nothing.
     */
    static Application warmedUp(Application qa, BooleanSupplier stopping) {
        WarmUp.atStart(qa.answers(), stopping);
        return qa;
    }

    /**
     * Brings a library opened on its last commit up to date with its folder while it already answers
     * (a library built at this start already is: what its build did). Reports added, changed or
     * removed while the server was down are searchable once it ends, as those the folder watch sees
     * while serving are; "index: …" and "Listening on …" are printed after it, as before. An update
     * that fails stops the start, as a library that cannot open does; one cut short by a stop ends
     * uncommitted (the embedding model is closed under it) and the process exits with the signal.
     */
    private IndexResult startUpdate(Application qa, Javalin server, BooleanSupplier stopping, CountDownLatch stopped)
            throws Exception {
        if (qa.lastUpdate() != null) {
            return qa.lastUpdate();
        }
        IndexResult first;
        try {
            first = common.update(qa);
        } catch (IOException | RuntimeException e) {
            boolean stop = stopping.getAsBoolean();
            if (!stop) {
                // The server answered from the library during the update: it stops before the library
                // closes under its requests (on a stop, the signal's handler has drained them).
                server.stop();
            }
            qa.close();
            if (stop) {
                // Cut short by the stop: the signal's handler exits with the signal's code.
                stopped.await();
            }
            throw e;
        }
        closeIfStopped(qa, stopping, stopped);
        return first;
    }

    /**
     * When the stop has run, closes a library opened or brought up to date after it (the stop found
     * none to close: nothing else will) and waits for the stop's handler to exit the process.
     */
    private static void closeIfStopped(Application qa, BooleanSupplier stopping, CountDownLatch stopped)
            throws Exception {
        if (stopping.getAsBoolean()) {
            qa.close();
            stopped.await();
        }
    }

    /** Watches the corpus folder while serving, unless turned off; a folder that cannot be watched is said. */
    private static CorpusWatcher watch(ServerConfig config, Application qa) {
        if (!config.watchCorpus()) {
            return null;
        }
        try {
            return CorpusWatcher.start(
                    qa.library().config().corpusDir(), qa.uploads()::updateFromFolder, CorpusWatcher.QUIET);
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: the corpus folder cannot be watched (" + e
                    + "); reports added while serving are indexed at the next start");
            return null;
        }
    }

    /** Opens the application. */
    @FunctionalInterface
    interface Opening {
        Application open() throws IOException;
    }

    /** The longest pause between two tries to reach a search backend that cannot answer yet. */
    static final Duration MOST_BETWEEN_TRIES = Duration.ofSeconds(30);

    /**
     * Opens the application; a search backend that cannot answer yet (a SolrCloud cluster down or
     * still starting) is waited for, not a reason to stop: tried again after pauses that double from
     * 1 s up to {@link #MOST_BETWEEN_TRIES}, each miss logged with why, while the HTTP server answers
     * 503 {@code starting}. A stop ends the waiting.
     *
     * @param stopping whether the process is stopping
     * @param firstPause the first pause (a test's shorter)
     */
    static Application openWaitingForTheBackend(Opening opening, BooleanSupplier stopping, Duration firstPause)
            throws IOException {
        long pause = firstPause.toMillis();
        for (int tries = 1; ; tries++) {
            try {
                return opening.open();
            } catch (SearchUnavailableException e) {
                if (stopping.getAsBoolean()) {
                    throw e;
                }
                // Not a static logger: the command's class is loaded before its flags set the log level
                // (Logging), and the first logger made fixes it.
                LoggerFactory.getLogger(ServeCommand.class)
                        .warn(
                                "the search backend cannot be reached yet (try {}): {}; trying again in {} s",
                                tries,
                                e.getMessage(),
                                pause / 1000.0);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                if (stopping.getAsBoolean()) {
                    throw e;
                }
                pause = Math.min(MOST_BETWEEN_TRIES.toMillis(), pause * 2);
            }
        }
    }

    /** The exception as thrown, rethrown as an {@link Exception} (an {@link Error} as it is). */
    private static Exception unwrap(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (Exception) t;
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig config = common.load(server, model, backend);
        Optional<String> refusal = refusal(config);
        if (refusal.isPresent()) {
            throw new ConfigException(refusal.get()); // before indexing: the answer comes at once
        }
        exposureWarning(config).ifPresent(System.err::println);
        // The library opens (index checked, updated and opened, model loaded, answer path warmed) while the HTTP
        // server starts: the page is served at once, API requests wait for the library.
        // Owned here, not by the library: the stop below closes it even while the library still opens,
        // waiting for the model still loading or the batch being embedded (see StopSignals).
        BackgroundEmbedder embedder = tuning.index.embedderInBackground(config.dataDir());
        AtomicBoolean closed = new AtomicBoolean();
        CompletableFuture<Application> opening = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return warmedUp(
                                openWaitingForTheBackend(
                                        () -> common.openOnLastCommit(config, tuning, embedder),
                                        closed::get,
                                        Duration.ofSeconds(1)),
                                closed::get);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                runnable -> new Thread(runnable, "library-open").start());
        // Registered before the server starts: a stop while the library still opens drains the requests
        // waiting for it too (the indexing under way ends with the process, its last commit kept), and
        // waits for the model still loading.
        AtomicReference<Javalin> listening = new AtomicReference<>();
        AtomicReference<Application> open = new AtomicReference<>();
        AtomicReference<CorpusWatcher> watching = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closedAll = new CountDownLatch(1);
        Runnable stop = () -> {
            if (!closed.compareAndSet(false, true)) {
                // A second signal, or an exit while the first stop runs: the JVM's shutdown (ONNX
                // Runtime's hook among it) must not begin before the first stop has closed the model.
                awaitQuietly(closedAll, STOP_WAIT);
                return;
            }
            // Answers and streams in flight finish (up to the grace period) before the index is
            // closed under them; an update of a watched corpus finishes before it too, so the index
            // is closed at a whole commit. The model goes last: answers in flight embed with it. Each
            // step runs whatever the one before it met.
            try {
                Javalin http = listening.get();
                if (http != null) {
                    ApiServer.stop(http, config.shutdownGrace());
                }
            } finally {
                try {
                    CorpusWatcher w = watching.get();
                    if (w != null) {
                        w.close();
                    }
                    Application a = open.get();
                    if (a != null) {
                        a.close();
                    }
                } catch (IOException e) {
                    System.err.println("closing the index failed: " + e.getMessage());
                } finally {
                    try {
                        embedder.close();
                    } catch (EmbeddingException e) {
                        System.err.println("closing the embedding model failed: " + e.getMessage());
                    } finally {
                        closedAll.countDown();
                    }
                }
            }
        };
        // SIGTERM and SIGINT stop the server before the JVM's shutdown begins (StopSignals says why);
        // the hook stops it on any other exit, and releases the main thread once the JVM is going.
        StopSignals.install(stop);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.run();
                            stopped.countDown();
                        },
                        "shutdown"));
        CompletableFuture<ApiServer> opened = opening.thenApply(Application::server);
        Javalin server =
                ApiServer.starting(config, opened, ApiServer.STARTUP_WAIT).start();
        listening.set(server);
        Application qa;
        try {
            qa = opening.join();
        } catch (CompletionException e) {
            if (closed.get()) {
                // Stopped while the library opened (its update ended uncommitted): the signal's
                // handler exits with the signal's code, not this thread with an error.
                stopped.await();
            }
            server.stop();
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : unwrap(e.getCause());
        }
        closeIfStopped(qa, closed::get, stopped);
        IndexResult first = startUpdate(qa, server, closed::get, stopped);
        open.set(qa);
        watching.set(watch(config, qa));
        System.out.println("index: " + first.summary());
        System.out.printf(
                "Listening on %s://%s:%d%n", config.tls() == null ? "http" : "https", config.host(), server.port());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
