package reportqa.retrieval.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.report.ReportParser;

/**
 * The content hash of each report file as last read, with the file's stamp: its size, inode,
 * modification time and change time (and its sidecar's). A file whose stamp is unchanged is not read
 * again to be hashed: a restart on an unchanged library reads no report (at 10,000 reports, hashing
 * them all was about 0.3 s of a 2.9 s start).
 *
 * <p>The change time is what makes this safe where a modification time alone would not be (as
 * {@link CorpusScan} says, file times are not trusted): on a POSIX file system the system sets it on
 * every write, rename and attribute change, and no program can set it back ({@code touch -d} and
 * {@code rsync -t} set the modification time only); a file replaced by another (copied, then moved
 * over it) has another inode. A stamp that differs only means the file is hashed, and an unchanged
 * hash still means no re-indexing: a copy or checkout costs a read, never a wrong index. On a file
 * system not known to keep change times so (FAT, exFAT and network shares derive or let clients set
 * them), every file is hashed, as before.
 *
 * <p>Kept beside the index folder ({@code <folder>.sources}, a {@link FolderRecord}); read at the
 * start of each update and written whole at its end. A record that cannot be read only means every
 * file is hashed.
 */
final class SourceStamps {

    private static final Logger LOG = LoggerFactory.getLogger(SourceStamps.class);

    /** A record larger than this is not read (it would hold far more reports than any library). */
    static final long MAX_RECORD_BYTES = 64L << 20;

    /** A hash as recorded: SHA-256 in lower-case hex. */
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** A report file's stamp and the hash its content had then. */
    private record Known(String stamp, String hash) {}

    /**
     * File systems whose change time the system alone sets, on every change (as {@code FileStore.type()}
     * names them on Linux and macOS).
     */
    static final Set<String> POSIX_STORES =
            Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "tmpfs", "overlay", "f2fs", "apfs", "hfs");

    /**
     * How old a change time must be for its stamp to be recorded. File systems keep times at the
     * resolution of a clock tick (ext4: a few milliseconds), so a file written again within the tick
     * of its stamp keeps that stamp; a file changed that recently is hashed again at the next update.
     */
    static final Duration SETTLED = Duration.ofSeconds(2);

    private final Path record;
    private final Map<String, Known> known;
    /** What this update will record: the files changed at least {@link #settled} before they were read. */
    private final Map<String, Known> now = new HashMap<>();

    private final boolean trusted;
    private final Duration settled;

    private SourceStamps(Path record, Map<String, Known> known, boolean trusted, Duration settled) {
        this.record = record;
        this.known = known;
        this.trusted = trusted;
        this.settled = settled;
    }

    /** The record beside index folder {@code indexDir} (as configured, not as links resolve it). */
    static Path recordOf(Path indexDir) {
        return FolderRecord.beside(indexDir, ".sources");
    }

    /**
     * The record of index folder {@code indexDir} for the reports of {@code corpusDir} (none yet:
     * every file is hashed), recording stamps changed at least {@code settled} before they were read.
     */
    static SourceStamps of(Path indexDir, Path corpusDir, Duration settled) {
        Path record = recordOf(indexDir);
        boolean trusted = keepsChangeTimes(corpusDir);
        return new SourceStamps(record, trusted ? read(record) : Map.of(), trusted, settled);
    }

    /** Stamps that are never trusted: every file is hashed (an index in memory, in tests). */
    static SourceStamps none() {
        return new SourceStamps(null, Map.of(), false, SETTLED);
    }

    /** Whether the folder's file system keeps change times as the stamps need (see the class comment). */
    private static boolean keepsChangeTimes(Path dir) {
        try {
            return dir.getFileSystem().supportedFileAttributeViews().contains("unix")
                    && POSIX_STORES.contains(Files.getFileStore(dir).type());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The hash of {@link CorpusScan#sourceHash}, read from the record when the file's stamp is the
     * one recorded with it; else computed (and recorded). The stamp is read before the content, so a
     * file written while it is hashed has another stamp at the next update.
     *
     * @param sidecarListed whether the folder's listing held a sidecar of the file: when it did not,
     *     its stamp is that of no sidecar without asking the file system (at 10,000 reports without
     *     sidecars, asking meant 10,000 exceptions, a quarter of a start's update); one made since
     *     the listing is found by the next update, as any file changed after this one read it
     */
    String hash(Path file, boolean sidecarListed) throws IOException {
        String name = file.getFileName().toString();
        if (!trusted) {
            return CorpusScan.sourceHash(file);
        }
        long readAt = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        Map<String, Object> own = attributes(file);
        Map<String, Object> sidecar = sidecarListed ? attributes(ReportParser.sidecarOf(file)) : Map.of();
        String stamp = stamp(own) + "|" + stamp(sidecar);
        Known k = known.get(name);
        String hash = k != null && k.stamp().equals(stamp) ? k.hash() : CorpusScan.sourceHash(file);
        // A file changed within a clock tick of this read may change again within the tick, keeping
        // this stamp: it is hashed again next time rather than recorded. A name with a tab or line
        // break would not read back as written: its file is hashed too.
        boolean settledBefore = Math.max(changeTime(own), changeTime(sidecar)) < readAt - settled.toNanos();
        if (settledBefore && name.indexOf('\t') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
            now.put(name, new Known(stamp, hash));
        }
        return hash;
    }

    /**
     * Writes the stamps recorded in this update (the files gone are left out). A record
     * that cannot be written only means the next update hashes every file.
     */
    void save() {
        if (record == null || !trusted) {
            return;
        }
        StringBuilder out = new StringBuilder();
        now.forEach((name, k) -> out.append(name)
                .append('\t')
                .append(k.stamp())
                .append('\t')
                .append(k.hash())
                .append('\n'));
        try {
            FolderRecord.replace(record, out);
        } catch (IOException e) {
            LOG.warn(
                    "the record of report file stamps could not be written ({}); the next update hashes every file",
                    e.toString());
        }
    }

    private static Map<String, Known> read(Path record) {
        try {
            if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
                return Map.of();
            }
            if (Files.size(record) > MAX_RECORD_BYTES) {
                LOG.warn(
                        "the record of report file stamps is larger than {} bytes; hashing every file",
                        MAX_RECORD_BYTES);
                return Map.of();
            }
            Map<String, Known> out = new HashMap<>();
            List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
            for (String line : lines) {
                String[] f = line.split("\t", -1);
                // A line not as written (cut short, edited) is left out: its file is hashed.
                if (f.length == 3 && !f[0].isEmpty() && HASH.matcher(f[2]).matches()) {
                    out.put(f[0], new Known(f[1], f[2]));
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            LOG.warn("the record of report file stamps could not be read ({}); hashing every file", e.toString());
            return Map.of();
        }
    }

    /** Size, inode, modification and change time of a file; empty when there is none. */
    private static Map<String, Object> attributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, "unix:size,ino,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
    }

    private static String stamp(Map<String, Object> a) {
        return a.isEmpty()
                ? "-"
                : a.get("size") + ":" + a.get("ino") + ":" + nanos(a.get("lastModifiedTime")) + ":"
                        + nanos(a.get("ctime"));
    }

    private static long changeTime(Map<String, Object> a) {
        return a.isEmpty() ? Long.MIN_VALUE : nanos(a.get("ctime"));
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }
}
