package reportqa.retrieval.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import reportqa.retrieval.report.ReportParser;
import reportqa.retrieval.text.Hashes;

/**
 * What a corpus folder holds, as the indexer sees it: its report files and a content hash of each.
 * The hash is stored with the indexed report, so an update re-reads only the files whose content
 * (or sidecar) changed since the last commit; file times are not trusted, a copy or checkout
 * changes them without changing the report.
 */
public final class CorpusScan {

    private CorpusScan() {}

    /** The report files of a corpus folder ({@code *.txt}, not recursive), sorted by name. */
    public static List<Path> reportFiles(Path corpusDir) throws IOException {
        try (Stream<Path> files = Files.list(corpusDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(ReportParser.REPORT_SUFFIX))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }

    /** Hash of the report file and its sidecar: a change to either re-indexes the report. */
    static String sourceHash(Path file) throws IOException {
        MessageDigest md = Hashes.sha256();
        md.update(Files.readAllBytes(file));
        Path sidecar = ReportParser.sidecarOf(file);
        if (Files.exists(sidecar)) {
            md.update((byte) 0);
            md.update(Files.readAllBytes(sidecar));
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
