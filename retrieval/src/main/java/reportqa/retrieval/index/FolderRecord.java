package reportqa.retrieval.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A small text file kept beside the index folder ({@code index/corpus-1a2b.verified}, {@code
 * .sources}): named after the folder as configured, and replaced whole, never half-written (a reader
 * sees the old record or the new one).
 */
final class FolderRecord {

    private FolderRecord() {}

    /** The record named {@code <folder><suffix>} beside index folder {@code indexDir}. */
    static Path beside(Path indexDir, String suffix) {
        return indexDir.resolveSibling(indexDir.getFileName() + suffix);
    }

    /** Replaces the record's content: written to a temporary file, then moved over it atomically. */
    static void replace(Path record, CharSequence content) throws IOException {
        Path tmp = record.resolveSibling(record.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
