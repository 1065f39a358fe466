package reportqa.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.index.IndexProgress;

class IndexProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    /** A clock that moves only when told: the passage rate is then exact. */
    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    private IndexProgressBar bar() {
        return new IndexProgressBar(out, 200, clock::get);
    }

    private String output() {
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** One report looked at, a second after the previous one, as CorpusIndexer tells it. */
    private void report(IndexProgress progress, int done, int total, String id, int passages) {
        clock.addAndGet(SECOND);
        if (passages >= 0) {
            progress.passagesIndexed(id, passages);
        }
        progress.reportDone(done, total, id, passages >= 0);
    }

    @Test
    void showsReportsDoneOfTotalAndThePassageRate() {
        IndexProgressBar bar = bar();
        report(bar, 1, 4, "a", 10);
        report(bar, 2, 4, "b", -1); // unchanged
        report(bar, 3, 4, "c", 20);
        report(bar, 4, 4, "d", 10);

        String text = output();
        assertTrue(text.contains("4/4 reports"), text);
        // 40 passages in the 4 seconds since the first indexed report began.
        assertTrue(text.contains("40 passages, 10.0 passages/s"), text);
        assertTrue(text.startsWith("\r") && text.endsWith(System.lineSeparator()), text);
    }

    @Test
    void anUnchangedCorpusWritesNothing() {
        IndexProgressBar bar = bar();
        for (int done = 1; done <= 5; done++) {
            report(bar, done, 5, "r" + done, -1);
        }
        bar.close();

        assertEquals("", output());
    }

    @Test
    void startsAtTheFirstIndexedReport() {
        IndexProgressBar bar = bar();
        report(bar, 1, 3, "a", -1);
        report(bar, 2, 3, "b", -1);
        assertEquals("", output());

        report(bar, 3, 3, "c", 6);
        String text = output();
        assertTrue(text.contains("3/3 reports"), text);
        // The rate counts from where c began, not from the start: 6 passages in 1 second.
        assertTrue(text.contains("6 passages, 6.0 passages/s"), text);
    }

    @Test
    void closeEndsTheLineOfAnUpdateThatStoppedEarly() {
        IndexProgressBar bar = bar();
        report(bar, 1, 10, "a", 3);
        bar.close();
        String text = output();
        assertTrue(text.contains("1/10 reports"), text);
        assertTrue(text.endsWith(System.lineSeparator()), text);

        bar.close();
        report(bar, 2, 10, "b", 3);
        assertEquals(text, output(), "nothing after close");
    }

    @Test
    void widthComesFromColumns() {
        assertEquals(119, IndexProgressBar.width("120"));
        assertEquals(IndexProgressBar.DEFAULT_WIDTH, IndexProgressBar.width(null));
        assertEquals(IndexProgressBar.DEFAULT_WIDTH, IndexProgressBar.width("wide"));
        assertEquals(IndexProgressBar.DEFAULT_WIDTH, IndexProgressBar.width("5"));
    }

    @Test
    void withoutATerminalProgressStaysLines() {
        String format = System.getProperty(Logging.FORMAT_PROPERTY); // other tests may have set json
        Logging.format(Logging.Format.TEXT);
        try {
            IndexProgress lines = CommonOptions.progress(out, false);
            assertFalse(lines instanceof IndexProgressBar);
            report(lines, 1, 2, "a", 4);
            report(lines, 2, 2, "b", -1);
            assertEquals("indexed a (1/2)" + System.lineSeparator(), output());

            assertInstanceOf(IndexProgressBar.class, CommonOptions.progress(out, true));
        } finally {
            if (format == null) {
                System.clearProperty(Logging.FORMAT_PROPERTY);
            } else {
                System.setProperty(Logging.FORMAT_PROPERTY, format);
            }
        }
    }
}
