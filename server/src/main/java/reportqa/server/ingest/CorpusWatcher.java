package reportqa.server.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.report.ReportParser;

/**
 * Keeps a served library up to date with its corpus folder: when files in it are added, changed
 * or removed, and the folder has then been quiet for a moment (a report being copied in is written
 * in parts), the library is updated ({@link ReportLibrary#update}): only those reports are read and
 * embedded, and searches see them when the update commits.
 *
 * <p>A failed update (a disk error, the index locked by an {@code index} run in another process) is
 * logged with its reason and tried again at the next change; it never stops the server, and the
 * searches keep the last commit. A report file that cannot be read is listed in the update's
 * failures ({@code /api/health}) like at start.
 */
public final class CorpusWatcher implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusWatcher.class);

    /** How long the folder must be quiet after a change before the update runs. */
    public static final Duration QUIET = Duration.ofMillis(300);

    /** What brings the library up to date with its folder. */
    @FunctionalInterface
    public interface Update {
        /** Updates the library from its corpus folder; what the update did. */
        IndexResult run() throws IOException, InterruptedException;
    }

    private final Update update;
    private final WatchService watch;
    private final Duration quiet;
    private final Thread thread;

    private CorpusWatcher(Update update, WatchService watch, Duration quiet) {
        this.update = update;
        this.watch = watch;
        this.quiet = quiet;
        this.thread = new Thread(this::run, "corpus-watch");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching the library's corpus folder.
     *
     * @throws IOException when the folder cannot be watched (then the server serves without it)
     */
    public static CorpusWatcher start(ReportLibrary library, Duration quiet) throws IOException {
        return start(library.config().corpusDir(), () -> library.update(IndexProgress.NONE), quiet);
    }

    /**
     * Starts watching {@code dir}, bringing the library up to date by {@code update} (the server's
     * uploads do it, so that a dropped file gets a state as an uploaded one does).
     *
     * @throws IOException when the folder cannot be watched (then the server serves without it)
     */
    public static CorpusWatcher start(Path dir, Update update, Duration quiet) throws IOException {
        WatchService watch = FileSystems.getDefault().newWatchService();
        try {
            dir.register(
                    watch,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            watch.close();
            throw e;
        }
        CorpusWatcher w = new CorpusWatcher(update, watch, quiet);
        w.thread.start();
        return w;
    }

    /** How long after a failed update it is tried again, when the folder does not change meanwhile. */
    static final Duration RETRY = Duration.ofSeconds(10);

    private void run() {
        try {
            // What changed between the update at start and the watch's registration is caught here.
            boolean failed = !update();
            while (true) {
                WatchKey key = failed ? watch.poll(RETRY.toMillis(), TimeUnit.MILLISECONDS) : watch.take();
                if (key == null) {
                    failed = !update();
                    continue;
                }
                boolean reports = reportsIn(key);
                boolean valid = key.reset();
                // Wait for the folder to be quiet: a copy in progress sends one event after another.
                for (WatchKey more = watch.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                        more != null;
                        more = watch.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
                    reports |= reportsIn(more);
                    valid &= more.reset();
                }
                if (reports || failed) {
                    failed = !update();
                }
                if (!valid) {
                    LOG.warn(
                            "the corpus folder can no longer be watched (moved or deleted); changes are indexed at the next start");
                    return;
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // Closed: the server is stopping.
        }
    }

    /**
     * Whether the key's events concern report files or their sidecars (or were too many to tell):
     * other files in the folder (an editor's swap file, a data folder kept inside it, whose index
     * an update writes) start no update. What changed is then read from the folder itself.
     */
    private static boolean reportsIn(WatchKey key) {
        boolean reports = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.kind() == StandardWatchEventKinds.OVERFLOW || !(e.context() instanceof Path p)) {
                reports = true;
                continue;
            }
            String name = p.getFileName().toString();
            reports |= ReportParser.isReportName(name)
                    || name.toLowerCase(Locale.ROOT).endsWith(ReportParser.SIDECAR_SUFFIX);
        }
        return reports;
    }

    /** Brings the library up to date; whether that worked (a failure is logged, and tried again). */
    private boolean update() throws InterruptedException {
        long t0 = System.nanoTime();
        try {
            IndexResult r = update.run();
            if (r.modified()) {
                LOG.info(
                        "corpus folder changed: {} (searchable {} ms after the folder was quiet)",
                        r.summary(),
                        (System.nanoTime() - t0) / 1_000_000);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "the corpus folder changed but the index update failed; it is tried again at the next change or in {} s",
                    RETRY.toSeconds(),
                    e);
            return false;
        }
    }

    /** Stops watching; an update under way finishes first (its commit is whole or not made). */
    @Override
    public void close() throws IOException {
        watch.close();
        try {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
