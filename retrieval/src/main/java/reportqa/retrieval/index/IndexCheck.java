package reportqa.retrieval.index;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an index folder before it is updated or searched: its commit point can be read, names
 * only files that are there, and every one of them has its footer and the checksum its footer
 * records, so a damaged index (a file cut short, garbage in the middle of one, a lost commit point)
 * is found at start instead of on some later search.
 *
 * <p>Checksums, not Lucene's {@code CheckIndex}: {@code CheckIndex} also decodes every posting,
 * stored document and vector, which costs seconds a start cannot spend on a large library (the
 * benchmark's start-up); a file's bytes are what goes bad on disk, and its checksum covers every one
 * of them.
 *
 * <p>A file whose whole checksum was verified once is not read whole again while it is unchanged:
 * Lucene never rewrites a file it has written, so a file with the name, length and modification
 * time recorded when it was verified ({@code <folder>.verified}, beside the index folder) only has
 * its footer checked. A start then reads the bytes of the files written since (an added report's
 * segment), not the whole index (1.4 GB at 333,920 passages). Damage that leaves a file's length and
 * modification time as they were (a disk flipping bits in place) is found by a full check only: one
 * runs whenever the record is missing, and deleting it asks for one.
 *
 * <p>Only damage is reported: an index that cannot be opened for another reason (a lock held by
 * another process, a folder that cannot be read) is thrown as it is, since rebuilding would not help.
 */
public final class IndexCheck {

    private static final Logger LOG = LoggerFactory.getLogger(IndexCheck.class);

    private IndexCheck() {}

    /**
     * The damage found in the index in {@code dir}, if any; an empty or missing folder is no damage
     * (nothing was built yet).
     *
     * @param name how the folder is named in the reason (a relative name: reasons reach logs and the API)
     */
    public static Optional<IndexDamage> check(Path dir, String name) throws IOException {
        long t0 = System.nanoTime();
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        String reason;
        try (Directory d = FSDirectory.open(dir)) {
            List<String> files = Arrays.stream(d.listAll())
                    .filter(f -> !f.equals(IndexWriter.WRITE_LOCK_NAME))
                    .toList();
            if (files.isEmpty()) {
                return Optional.empty();
            }
            Path record = verifiedRecord(dir);
            Set<String> verified = readRecord(record);
            List<String> checked = new ArrayList<>();
            reason = damage(d, dir, files, verified, checked);
            if (reason == null) {
                writeRecord(record, checked);
            } else {
                Files.deleteIfExists(record);
            }
        }
        if (reason == null) {
            return Optional.empty();
        }
        return Optional.of(new IndexDamage(name, scrub(reason, dir, name), (System.nanoTime() - t0) / 1_000_000));
    }

    /**
     * Why the index in {@code d} is damaged, or null when it is whole.
     *
     * @param verified the files (as {@link #identity}) whose whole checksum was verified before
     * @param checked where the identities of the files found whole are put
     */
    private static String damage(Directory d, Path dir, List<String> files, Set<String> verified, List<String> checked)
            throws IOException {
        if (!DirectoryReader.indexExists(d)) {
            // Segment files with no commit point naming them: whatever they hold cannot be opened.
            return "no commit point (segments_N file) among its " + files.size() + " files";
        }
        try {
            SegmentInfos commit = SegmentInfos.readLatestCommit(d);
            // The first problem is enough to decide on a rebuild; its exception names the file.
            for (String file : commit.files(true)) {
                String identity = identity(dir, file);
                try (IndexInput in = d.openInput(file, IOContext.READONCE)) {
                    if (verified.contains(identity)) {
                        // The footer is where a file cut short shows; its length was recorded whole.
                        CodecUtil.retrieveChecksum(in);
                    } else {
                        CodecUtil.checksumEntireFile(in);
                    }
                }
                checked.add(identity);
            }
            return null;
        } catch (CorruptIndexException
                | IndexFormatTooOldException
                | IndexFormatTooNewException
                | NoSuchFileException
                | FileNotFoundException
                | EOFException e) {
            return describe(e);
        } catch (RuntimeException e) {
            // With fail-fast, CheckIndex rethrows a segment's first problem as it caught it,
            // wrapped when it was not an IOException.
            Throwable cause = e.getCause() instanceof IOException ? e.getCause() : e;
            return describe(cause);
        }
    }

    /** Where the files verified whole are recorded: beside the index folder, not in it (Lucene's own). */
    public static Path verifiedRecord(Path dir) {
        return FolderRecord.beside(dir, ".verified");
    }

    /** A file as the record knows it: name, length and modification time. */
    private static String identity(Path dir, String file) throws IOException {
        Path p = dir.resolve(file);
        return file + "\t" + Files.size(p) + "\t" + Files.getLastModifiedTime(p).toMillis();
    }

    private static Set<String> readRecord(Path record) {
        try {
            return Files.isRegularFile(record)
                    ? Set.copyOf(Files.readAllLines(record, StandardCharsets.UTF_8))
                    : Set.of();
        } catch (IOException e) {
            // An unreadable record only means the full check runs, which is always safe.
            LOG.warn(
                    "the record of verified index files could not be read ({}); checking every file whole",
                    e.toString());
            return Set.of();
        }
    }

    private static void writeRecord(Path record, List<String> checked) {
        try {
            FolderRecord.replace(record, checked.isEmpty() ? "" : String.join("\n", checked) + "\n");
        } catch (IOException e) {
            // Without a record the next start checks every file whole: slower, never wrong.
            LOG.warn("the record of verified index files could not be written: {}", e.toString());
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }

    /** The reason with the folder's absolute path replaced by its relative name. */
    static String scrub(String reason, Path dir, String name) {
        String out = reason;
        for (String abs : absoluteForms(dir)) {
            out = out.replace(abs, name);
        }
        return out;
    }

    private static List<String> absoluteForms(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Stream<Path> forms = Stream.of(abs);
        try {
            forms = Stream.of(abs.toRealPath(), abs);
        } catch (IOException e) {
            // The folder is gone: only its absolute form can appear in a message.
        }
        return forms.map(Path::toString).distinct().toList();
    }

    /**
     * Damage found in an index folder.
     *
     * @param folder the folder's relative name, e.g. {@code index/corpus-1a2b}
     * @param reason what is wrong, in words, naming the file when Lucene does (no absolute path)
     * @param checkMillis how long finding it took
     */
    public record IndexDamage(String folder, String reason, long checkMillis) {

        /** One line for logs and {@code /api/health}. */
        public String summary() {
            return "the index folder " + folder + " was damaged (" + reason
                    + ") and was rebuilt from the corpus at start";
        }
    }
}
