package reportqa.retrieval.index;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
 * <p>Only damage is reported: an index that cannot be opened for another reason (a lock held by
 * another process, a folder that cannot be read) is thrown as it is, since rebuilding would not help.
 */
public final class IndexCheck {

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
            reason = damage(d, files);
        }
        if (reason == null) {
            return Optional.empty();
        }
        return Optional.of(new IndexDamage(name, scrub(reason, dir, name), (System.nanoTime() - t0) / 1_000_000));
    }

    /** Why the index in {@code d} is damaged, or null when it is whole. */
    private static String damage(Directory d, List<String> files) throws IOException {
        if (!DirectoryReader.indexExists(d)) {
            // Segment files with no commit point naming them: whatever they hold cannot be opened.
            return "no commit point (segments_N file) among its " + files.size() + " files";
        }
        try {
            SegmentInfos commit = SegmentInfos.readLatestCommit(d);
            // The first problem is enough to decide on a rebuild; its exception names the file.
            for (String file : commit.files(true)) {
                try (IndexInput in = d.openInput(file, IOContext.READONCE)) {
                    CodecUtil.checksumEntireFile(in);
                }
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
