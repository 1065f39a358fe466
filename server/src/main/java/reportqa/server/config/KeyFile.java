package reportqa.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys kept in a file ({@code api.keysFile}), read again when it changes, so a key is added or
 * replaced without a restart: write the new key beside the old, give it out, then delete the old one.
 *
 * <p>The file is looked at on use, at most once per {@link #CHECK_EVERY}; when its bytes differ it is
 * read again. A file that can no longer be read, or now holds a bad key, leaves the keys it held
 * before in force (a warning says why, once per change): a broken edit never opens the API, and
 * never locks everyone out either; deleting the file therefore withdraws no key (empty it instead).
 * A file with no key at all is taken at its word: no key opens the API then. Write a new file and
 * rename it over the old one: an editor saving in place may be read half-written (its bad line then
 * keeps the old keys until the next look). The keys themselves appear in no message.
 */
public final class KeyFile {

    /** How often the file is looked at, at most. */
    public static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    /** The largest key file read: a few hundred keys. */
    static final int MAX_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);

    private final Path file;
    private final LongSupplier nanoTime;
    private final long checkEveryNanos;
    private volatile ApiKeys keys;
    private volatile long nextCheck;
    private byte[] lastBytes;

    private KeyFile(Path file, LongSupplier nanoTime, Duration checkEvery, byte[] bytes, ApiKeys keys) {
        this.file = file;
        this.nanoTime = nanoTime;
        this.checkEveryNanos = checkEvery.toNanos();
        this.lastBytes = bytes;
        this.keys = keys;
        this.nextCheck = nanoTime.getAsLong() + checkEveryNanos;
    }

    /** The key file, read now: a file that cannot be read or holds a bad key stops the start, naming it. */
    public static KeyFile open(Path file) {
        return open(file, System::nanoTime, CHECK_EVERY);
    }

    /**
     * As {@link #open(Path)}, looking at the file at most every {@code checkEvery} of {@code nanoTime}
     * (a monotonic clock: a wall clock set back would keep a withdrawn key valid until it caught up).
     */
    public static KeyFile open(Path file, LongSupplier nanoTime, Duration checkEvery) {
        byte[] bytes;
        try {
            bytes = read(file);
        } catch (IOException e) {
            throw new ConfigException(ConfigKey.API_KEYS_FILE.key() + ": cannot read " + file + ": " + reason(e));
        }
        ApiKeys keys = parse(bytes, file);
        warnIfOthersCanRead(file);
        if (keys.isEmpty()) {
            LOG.warn("{} holds no key: every API request but health is refused until one is added", file);
        }
        return new KeyFile(file, nanoTime, checkEvery, bytes, keys);
    }

    /** The keys in force now (the file looked at again if it is time). */
    public ApiKeys keys() {
        long now = nanoTime.getAsLong();
        if (now - nextCheck >= 0) {
            reread(now);
        }
        return keys;
    }

    public Path file() {
        return file;
    }

    private synchronized void reread(long now) {
        if (now - nextCheck < 0) {
            return; // another request looked meanwhile
        }
        nextCheck = now + checkEveryNanos;
        byte[] bytes;
        try {
            bytes = read(file);
        } catch (IOException e) {
            byte[] marker = ("unreadable: " + reason(e)).getBytes(StandardCharsets.UTF_8);
            if (!Arrays.equals(marker, lastBytes)) {
                lastBytes = marker;
                LOG.warn(
                        "cannot read the API key file {} ({}); its {} key(s) keep working",
                        file,
                        reason(e),
                        keys.size());
            }
            return;
        }
        if (Arrays.equals(bytes, lastBytes)) {
            return;
        }
        lastBytes = bytes;
        try {
            ApiKeys read = parse(bytes, file);
            keys = read;
            LOG.info("API keys read again from {}: {}", file, read);
            if (read.isEmpty()) {
                LOG.warn("{} holds no key: every API request but health is refused until one is added", file);
            }
        } catch (ConfigException e) {
            LOG.warn(
                    "the API key file {} changed but {}; its previous {} key(s) keep working",
                    file,
                    e.getMessage(),
                    keys.size());
        }
    }

    private static ApiKeys parse(byte[] bytes, Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + " is not UTF-8 text");
        }
        return ApiKeys.ofLines(List.of(text.split("\r?\n", -1)), file.toString());
    }

    private static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw Files.exists(file) ? new IOException("not a regular file") : new NoSuchFileException(file.toString());
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(MAX_BYTES + 1);
            if (b.length > MAX_BYTES) {
                throw new IOException("over " + MAX_BYTES / 1024 + " KB, too large for a key file");
            }
            return b;
        }
    }

    private static String reason(IOException e) {
        return e instanceof NoSuchFileException ? "it does not exist" : e.getMessage();
    }

    /** A key file others may read is a key anyone on this machine has. */
    private static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("{} can be read by every user of this machine (chmod 600 it)", file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system (or the file just went): nothing to say about who may read it.
            LOG.debug("cannot tell who may read {}: {}", file, e.toString());
        }
    }

    @Override
    public String toString() {
        return file + " " + keys;
    }
}
