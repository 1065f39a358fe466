package reportqa.server.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import reportqa.retrieval.index.IndexProgress;

/**
 * Index progress as one redrawn line on a terminal: reports looked at of the corpus, the library's
 * elapsed time and ETA, and the passages indexed with their rate. The bar starts at the first report
 * actually (re)indexed, so an unchanged corpus prints nothing, and ends its line once the last
 * report is looked at (or on {@link #close()}, if the update stops before).
 *
 * <p>The bar is drawn on the given stream at a fixed width: the library would otherwise measure the
 * terminal by opening a JLine system terminal, which binds stdout and takes over SIGINT while open.
 */
final class IndexProgressBar implements IndexProgress, AutoCloseable {

    /** Width when {@code COLUMNS} does not give one. */
    static final int DEFAULT_WIDTH = 80;

    private final PrintStream out;
    private final int width;
    private final LongSupplier nanoTime;

    /** When the previous report was done (or this was made): where the first indexed report began. */
    private long lastNanos;

    private long startNanos;
    private long passages;
    private ProgressBar bar;
    private LineConsumer line;
    private boolean closed;

    /** A bar on {@code out}, as wide as {@code COLUMNS} says, timed by {@link System#nanoTime()}. */
    IndexProgressBar(PrintStream out) {
        this(out, width(System.getenv("COLUMNS")), System::nanoTime);
    }

    /**
     * A bar on {@code out}, at most {@code width} characters wide, with {@code nanoTime} as the clock
     * for the passage rate (the ETA is the library's, on its own clock).
     */
    IndexProgressBar(PrintStream out, int width, LongSupplier nanoTime) {
        this.out = out;
        this.width = width;
        this.nanoTime = nanoTime;
        this.lastNanos = nanoTime.getAsLong();
    }

    /** The terminal width {@code columns} (the {@code COLUMNS} variable) gives, else {@link #DEFAULT_WIDTH}. */
    static int width(String columns) {
        try {
            int n = columns == null ? 0 : Integer.parseInt(columns.trim());
            return n >= 20 ? n - 1 : DEFAULT_WIDTH; // one column spare: a full line would wrap on some terminals
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    @Override
    public synchronized void passagesIndexed(String reportId, int passages) {
        this.passages += passages;
    }

    @Override
    public synchronized void reportDone(int done, int total, String reportId, boolean indexed) {
        long now = nanoTime.getAsLong();
        if (closed || (bar == null && !indexed)) {
            lastNanos = now;
            return;
        }
        if (bar == null) {
            // Started once this report is done: it counts as done before the start, with the time it
            // took, so the library's ETA shows "?" until a second report rather than a guess from
            // a near-zero time since the start.
            startNanos = lastNanos;
            bar = new ProgressBarBuilder()
                    .setTaskName("Indexing")
                    .setInitialMax(total)
                    .setUnit(" reports", 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .startsFrom(done, Duration.ofNanos(now - startNanos))
                    .setConsumer(line = new LineConsumer(out, width))
                    .build();
        }
        lastNanos = now;
        bar.maxHint(total);
        bar.stepTo(done);
        bar.setExtraMessage(message(now));
        if (done >= total) {
            close();
        }
    }

    private String message(long now) {
        double seconds = (now - startNanos) / 1e9;
        String rate = seconds > 0 ? String.format(Locale.ROOT, "%.1f", passages / seconds) : "?";
        return passages + " passages, " + rate + " passages/s";
    }

    /** Draws the bar one last time and ends its line; nothing if it never started. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed && bar != null) {
            bar.close();
            // A bar closed before its first scheduled draw is drawn but its line is not ended.
            line.close();
        }
        closed = true;
    }

    /** The library's console consumer (one line redrawn after a carriage return), ending its line once. */
    private static final class LineConsumer extends ConsoleProgressBarConsumer {

        private boolean ended;

        LineConsumer(PrintStream out, int width) {
            super(out, width);
        }

        @Override
        public synchronized void close() {
            if (!ended) {
                ended = true;
                super.close();
            }
        }
    }
}
