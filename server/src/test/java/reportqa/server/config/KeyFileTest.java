package reportqa.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** API keys from a file, read again when it changes, never weakened by a broken edit. */
class KeyFileTest {

    private static final String A = "key-a-0123456789abcdef";
    private static final String B = "key-b-fedcba9876543210";

    /** A monotonic clock the test moves, in milliseconds (read as nanoseconds). */
    private static final class Hand {
        long millis = 1_000_000;

        long nanos() {
            return millis * 1_000_000;
        }
    }

    @Test
    void changesAreReadAfterTheCheckIntervalAndBrokenEditsKeepThePreviousKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.txt");
        Files.writeString(file, "# the desk's key\n" + A + "\n\n");
        Hand clock = new Hand();
        ListAppender<ILoggingEvent> log = capture();
        KeyFile keys = KeyFile.open(file, clock::nanos, Duration.ofSeconds(1));
        assertEquals(0, keys.keys().match(A));
        assertEquals(-1, keys.keys().match(B));

        // A new key beside the old one: read once the interval has passed, not before.
        Files.writeString(file, A + "\n" + B + "\n");
        clock.millis += 999;
        assertEquals(-1, keys.keys().match(B), "not looked at again within the interval");
        clock.millis += 1;
        assertEquals(1, keys.keys().match(B));
        assertEquals(0, keys.keys().match(A));

        // The old key removed.
        Files.writeString(file, B + "\r\n");
        clock.millis += 1000;
        assertEquals(-1, keys.keys().match(A));
        assertEquals(0, keys.keys().match(B));

        // A broken edit (a key too short, not UTF-8), a deleted file, a folder: the keys in force stay.
        for (byte[] broken :
                new byte[][] {"short\n".getBytes(StandardCharsets.UTF_8), {(byte) 0xC3, (byte) 0x28, '\n'}}) {
            Files.write(file, broken);
            clock.millis += 1000;
            assertEquals(0, keys.keys().match(B));
        }
        Files.delete(file);
        clock.millis += 1000;
        assertEquals(0, keys.keys().match(B));
        clock.millis += 1000;
        assertEquals(0, keys.keys().match(B));
        Files.createDirectory(file);
        clock.millis += 1000;
        assertEquals(0, keys.keys().match(B));
        Files.delete(file);

        // A file with no key is taken at its word: no key is valid.
        Files.writeString(file, "# every key withdrawn\n");
        clock.millis += 1000;
        assertTrue(keys.keys().isEmpty());

        String logged =
                log.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
        assertTrue(
                logged.contains("the API key file " + file + " changed but " + file + ", line 1 is 5 characters"),
                logged);
        assertTrue(logged.contains(file + " is not UTF-8 text"), logged);
        assertTrue(logged.contains("cannot read the API key file " + file + " (it does not exist)"), logged);
        assertEquals(
                1,
                log.list.stream()
                        .filter(e -> e.getFormattedMessage().contains("it does not exist"))
                        .count(),
                "a file that stays missing is reported once: " + logged);
        assertTrue(logged.contains(file + " holds no key: every API request but health is refused"), logged);
        assertFalse(logged.contains(A) || logged.contains(B), "a key in the log: " + logged);
    }

    @Test
    void aFileThatCannotBeReadOrHoldsABadKeyStopsTheStartNamingIt(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.txt");
        assertEquals(
                "api.keysFile: cannot read " + missing + ": it does not exist",
                assertThrows(ConfigException.class, () -> KeyFile.open(missing)).getMessage());
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, A + "\nwith space in it 0123456789\n");
        String message =
                assertThrows(ConfigException.class, () -> KeyFile.open(bad)).getMessage();
        assertEquals(bad + ", line 2 may hold visible ASCII characters only (no spaces)", message);
        Path big = dir.resolve("big.txt");
        Files.write(big, new byte[KeyFile.MAX_BYTES + 1]);
        assertTrue(assertThrows(ConfigException.class, () -> KeyFile.open(big))
                .getMessage()
                .endsWith("over 64 KB, too large for a key file"));
        // Through the settings: the file's keys open the API beside api.keys's.
        Path good = dir.resolve("keys.txt");
        Files.writeString(good, B + "\n");
        ServerConfig c = ServerConfig.load(
                java.util.Map.of(ConfigKey.API_KEYS, A, ConfigKey.API_KEYS_FILE, good.toString()),
                java.util.Map.of(),
                null);
        assertTrue(c.access().keyed());
        assertEquals(0, c.access().currentKeys().match(A));
        assertEquals(1, c.access().currentKeys().match(B));
        assertFalse(c.toString().contains(B) || c.toString().contains(A), c.toString());
    }

    private static ListAppender<ILoggingEvent> capture() {
        Logger logger = (Logger) LoggerFactory.getLogger(KeyFile.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }
}
