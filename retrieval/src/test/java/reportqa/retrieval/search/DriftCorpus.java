package reportqa.retrieval.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import reportqa.retrieval.index.CorpusScan;

/**
 * A corpus folder before and after an incremental update, made from a source folder of reports:
 * of every 40 reports (sorted by file name), the 1st is removed by the update, the 14th added by
 * it and the 27th changed by it (before the update it holds only the first half of its text).
 */
final class DriftCorpus {

    private static final int EVERY = 40;
    private static final int REMOVED = 0;
    private static final int ADDED = 13;
    private static final int CHANGED = 27;

    private DriftCorpus() {}

    /** Fills {@code live} (emptied first) with the corpus as it was before the update. */
    static void writeBefore(Path source, Path live) throws IOException {
        Files.createDirectories(live);
        try (Stream<Path> s = Files.list(live)) {
            for (Path f : s.toList()) {
                Files.delete(f);
            }
        }
        List<Path> files = CorpusScan.reportFiles(source);
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            switch (i % EVERY) {
                case ADDED -> {}
                case CHANGED -> Files.writeString(live.resolve(f.getFileName()), firstHalf(f), StandardCharsets.UTF_8);
                default -> Files.copy(f, live.resolve(f.getFileName()));
            }
        }
    }

    /** Turns {@code live} (as {@link #writeBefore} left it) into the corpus after the update. */
    static void writeAfter(Path source, Path live) throws IOException {
        List<Path> files = CorpusScan.reportFiles(source);
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            Path there = live.resolve(f.getFileName());
            switch (i % EVERY) {
                case REMOVED -> Files.delete(there);
                case ADDED, CHANGED -> Files.copy(f, there, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                default -> {}
            }
        }
    }

    private static String firstHalf(Path f) throws IOException {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        return text.substring(0, text.length() / 2);
    }
}
