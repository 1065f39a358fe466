package reportqa.server.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexResult;
import reportqa.server.Application;
import reportqa.server.config.ConfigException;
import reportqa.server.config.ConfigKey;
import reportqa.server.config.ServerConfig;

/**
 * The flags every command has: where the settings, reports and index are, and how much to log. A
 * setting given as a flag wins over its environment variable, which wins over
 * {@code reportqa.properties}, which wins over the default (see the README's table).
 */
final class CommonOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file (default: ./reportqa.properties if present).")
    Path configFile;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Data folder: indexes and the embedding cache (default: data).")
    String data;

    @Option(
            names = "--corpus",
            paramLabel = "DIR",
            description = "Folder of report .pdf and .txt files (default: corpus).")
    String corpus;

    @Option(
            names = "--index",
            paramLabel = "DIR",
            description = "Index folder (default: a folder under the data folder named after the corpus folder).")
    Path index;

    @Option(
            names = {"-v", "--verbose"},
            description = "Log everything at info level (start-up, index updates, requests).")
    void verbose(boolean on) {
        if (on) {
            Logging.level(Logging.Level.INFO);
        }
    }

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            description = "Log level: ${COMPLETION-CANDIDATES} (default: warn).")
    void logLevel(Logging.Level level) {
        Logging.level(level);
    }

    @Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            description = "Log lines on stderr as text (default) or json (one object per line, for log collectors).")
    void logFormat(Logging.Format format) {
        Logging.format(format);
    }

    /** The settings these flags, the command's other setting flags, the environment and the properties file give. */
    ServerConfig load(ConfigFlags... more) {
        Map<ConfigKey, String> o = new EnumMap<>(ConfigKey.class);
        ConfigFlags.put(o, ConfigKey.DATA_DIR, data);
        ConfigFlags.put(o, ConfigKey.CORPUS_DIR, corpus);
        for (ConfigFlags flags : more) {
            flags.addTo(o);
        }
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new ConfigException("--config " + configFile + ": no such file");
        }
        Path file = configFile != null ? configFile : Path.of(ServerConfig.PROPERTIES_FILE);
        return ServerConfig.load(o, System.getenv(), file);
    }

    /** Opens the library, indexing what changed, with progress on stderr. */
    ReportLibrary.Opened openLibrary(ServerConfig server, TuningOptions tuning) throws IOException {
        Embedder model = tuning.index.embedderInBackground(server.dataDir());
        return withProgress(progress -> ReportLibrary.open(config(server, tuning, model.modelId()), model, progress));
    }

    /** Opens the whole application (library, answers, HTTP server), indexing what changed, with progress on stderr. */
    Application openApplication(ServerConfig server, TuningOptions tuning) throws IOException {
        return openApplication(server, tuning, tuning.index.embedderInBackground(server.dataDir()));
    }

    /** Opens the application with an embedding model the caller owns (and closes). */
    Application openApplication(ServerConfig server, TuningOptions tuning, Embedder model) throws IOException {
        return withProgress(progress -> openApplication(server, tuning, model, progress));
    }

    /** Opens the application with an embedding model the caller owns, telling {@code progress} of indexing. */
    Application openApplication(ServerConfig server, TuningOptions tuning, Embedder model, IndexProgress progress)
            throws IOException {
        return Application.open(server, config(server, tuning, model.modelId()), model, progress);
    }

    /**
     * Opens the application with an embedding model the caller owns on the library's last commit
     * ({@link ReportLibrary.Opening#LAST_COMMIT}), with progress on stderr should it build the index;
     * the caller brings it up to date ({@link #update}).
     */
    Application openOnLastCommit(ServerConfig server, TuningOptions tuning, Embedder model) throws IOException {
        return withProgress(progress -> Application.open(
                server, config(server, tuning, model.modelId()), model, progress, ReportLibrary.Opening.LAST_COMMIT));
    }

    /** Brings an open application's library up to date with its folder, with progress on stderr. */
    IndexResult update(Application qa) throws IOException {
        return withProgress(progress -> qa.library().update(progress));
    }

    /** Work that may index reports, telling {@code progress} of it. */
    @FunctionalInterface
    private interface Indexing<T> {
        T run(IndexProgress progress) throws IOException;
    }

    /** Runs {@code work} with progress on stderr, ending a progress bar's line however the work ends. */
    private static <T> T withProgress(Indexing<T> work) throws IOException {
        IndexProgress progress = progress(System.err);
        try {
            return work.run(progress);
        } finally {
            endProgress(progress);
        }
    }

    /** Ends a progress bar's line if indexing stopped before the last report (it ends it itself otherwise). */
    private static void endProgress(IndexProgress progress) {
        if (progress instanceof IndexProgressBar bar) {
            bar.close();
        }
    }

    private ReportLibrary.Config config(ServerConfig server, TuningOptions tuning, String embedderId) {
        ReportLibrary.Config c = ReportLibrary.Config.under(
                server.dataDir(), server.corpusDir(), tuning.index.settings(embedderId), tuning.search.hybrid());
        if (index != null) {
            c = c.withIndexDir(index);
        }
        return server.solrCloud() == null ? c : c.withSolrCloud(server.solrCloud());
    }

    /**
     * Progress for the reports actually (re)indexed; an unchanged corpus prints nothing. On an
     * interactive terminal, and with text logs, a progress bar ({@link IndexProgressBar}); else
     * lines, see {@link #progress(PrintStream, boolean)}.
     */
    static IndexProgress progress(PrintStream out) {
        return progress(out, !Logging.json() && interactiveTerminal());
    }

    /**
     * Whether the command runs on an interactive terminal. Java cannot ask about stderr alone:
     * {@link System#console()} is there when stdin and stdout are a terminal; from Java 22 it is there
     * even when they are not, and {@code Console.isTerminal()} (looked up, this code targets 17) tells.
     */
    static boolean interactiveTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // before Java 22 there is a console only on a terminal
        }
    }

    /**
     * With {@code bar}, a progress bar on {@code out}. Without, progress lines for the reports
     * actually (re)indexed: each one for a small corpus, else at every tenth of the corpus. An
     * unchanged corpus prints nothing. With JSON logs the lines are log events (info), so that stderr
     * stays one JSON object per line.
     */
    static IndexProgress progress(PrintStream out, boolean bar) {
        if (bar) {
            return new IndexProgressBar(out);
        }
        Logger log = LoggerFactory.getLogger(IndexProgress.class);
        boolean json = Logging.json();
        return (done, total, id, indexed) -> {
            int step = Math.max(1, total / 10);
            if (indexed && (total <= 20 || done % step == 0 || done == total)) {
                if (json) {
                    log.info("indexed {} ({}/{})", id, done, total);
                } else {
                    out.printf("indexed %s (%d/%d)%n", id, done, total);
                }
            }
        };
    }
}
