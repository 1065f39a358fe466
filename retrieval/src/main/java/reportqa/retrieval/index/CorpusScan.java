package reportqa.retrieval.index;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import reportqa.retrieval.report.ReportParser;
import reportqa.retrieval.text.Hashes;

/**
 * What a corpus folder holds, as the indexer sees it: its report files and a content hash of each.
 * The hash is stored with the indexed report, so an update re-reads only the files whose content
 * (or sidecar) changed since the last commit; file times are not trusted, a copy or checkout
 * changes them without changing the report.
 *
 * <p>A file named like a report that cannot be one (a link, a folder, a named pipe, a name with
 * no id) is not silently passed over: it is listed with the reason, as a broken report is.
 */
public final class CorpusScan {

    /**
     * The report files of a folder, and the report-named entries that were skipped.
     *
     * @param names the name of every entry of the folder as listed, lower-cased (a file system may
     *     ignore case)
     */
    public record Scan(List<Path> reports, List<IndexResult.Failure> skipped, Set<String> names) {
        public Scan {
            reports = List.copyOf(reports);
            skipped = List.copyOf(skipped);
            names = Set.copyOf(names);
        }

        /**
         * Whether the folder listed an entry by {@code file}'s name, case aside: when not, there was
         * none when it was read (a report's sidecar is looked for only when listed).
         */
        public boolean listed(Path file) {
            return names.contains(lowerCase(file.getFileName().toString()));
        }
    }

    private CorpusScan() {}

    /** Reads a corpus folder (not recursive); entries sorted by name. */
    public static Scan scan(Path corpusDir) throws IOException {
        List<Path> reports = new ArrayList<>();
        List<IndexResult.Failure> skipped = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (Path p : entries(corpusDir)) {
            String name = p.getFileName().toString();
            names.add(lowerCase(name));
            if (!ReportParser.isReportName(name)) {
                continue;
            }
            String id = ReportParser.idOf(p);
            String problem = problem(p, id);
            // 'a.txt' and 'a.pdf' would be one report twice: the first by name is read, the other says why not.
            String other = problem == null ? ids.putIfAbsent(id, name) : null;
            if (other != null) {
                problem = "another report file has the same id: " + other;
            }
            if (problem == null) {
                reports.add(p);
            } else {
                skipped.add(new IndexResult.Failure(id.isEmpty() ? name : id, problem));
            }
        }
        return new Scan(reports, skipped, names);
    }

    private static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The report files of a corpus folder ({@code *.txt}, {@code *.pdf}; not recursive), sorted by name. */
    public static List<Path> reportFiles(Path corpusDir) throws IOException {
        return scan(corpusDir).reports();
    }

    /**
     * The files of a corpus folder named as reports of {@code id}, case aside (x.txt, X.pdf: on a
     * case-insensitive file system they are one file), by the folder's own names, whether or not
     * they can be read.
     */
    public static List<Path> filesOf(Path corpusDir, String id) throws IOException {
        return entries(corpusDir).stream()
                .filter(p -> ReportParser.isReportName(p.getFileName().toString())
                        && ReportParser.idOf(p).equalsIgnoreCase(id))
                .toList();
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Why a report-named entry is not read, or null when it is a report file. */
    private static String problem(Path p, String id) {
        // One read of the entry's own attributes (at 10,000 reports, three were a tenth of a start's
        // update). Links are not followed, not even inside the folder: whether a link stays inside is
        // a question an attacker who can write the folder gets to answer.
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return "cannot read: " + ReportParser.readFailure(e);
        }
        if (a.isSymbolicLink()) {
            return ReportParser.NOT_FOLLOWED;
        }
        if (!a.isRegularFile()) {
            return "not a regular file";
        }
        if (id.isBlank()) {
            return "the file name has no report id before its extension";
        }
        // Checked here as well as by the parser: a file too large to read is not hashed on every update either.
        return ReportParser.tooLarge(a.size());
    }

    /** Hash of the report file and its sidecar: a change to either re-indexes the report. */
    static String sourceHash(Path file) throws IOException {
        MessageDigest md = Hashes.sha256();
        digest(file, md);
        Path sidecar = ReportParser.sidecarOf(file);
        if (Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            md.update((byte) 0);
            digest(sidecar, md);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Streams a file into the digest, a block at a time. */
    private static void digest(Path file, MessageDigest md) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
    }
}
