package reportqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexCheck;
import reportqa.retrieval.index.IndexCheck.IndexDamage;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.search.HybridOptions;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.SearchRequest;

/**
 * A damaged index is found when the library opens and rebuilt from the corpus: the same passages
 * are found as in a clean build, and the damage is reported with the file's name, not its path.
 */
class IndexIntegrityTest {

    private static final List<String> QUERIES = List.of("Sora 能生成多长的视频", "德邦证券 传媒 评级", "Kimi 支持多少字", "量子计算", "算力 需求");

    @TempDir
    Path tmp;

    ReportLibrary.Config config;
    HashingEmbedder embedder;

    @BeforeEach
    void config() {
        embedder = new HashingEmbedder();
        config = ReportLibrary.Config.under(
                tmp.resolve("data"),
                TestCorpus.dir(),
                new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, embedder.modelId()),
                HybridOptions.DEFAULT);
    }

    @Test
    void aCleanIndexIsNotReportedAsDamaged() throws Exception {
        build().close();
        ReportLibrary.Opened again = ReportLibrary.open(config, embedder, IndexProgress.NONE);
        try (ReportLibrary library = again.library()) {
            assertTrue(again.repaired().isEmpty(), again.repaired().toString());
            assertFalse(again.update().modified());
        }
        long t0 = System.nanoTime();
        assertTrue(reportqa.retrieval.index.IndexCheck.check(config.indexDir(), "index")
                .isEmpty());
        System.out.printf("checking the clean seed index took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void aTruncatedSegmentFileIsRebuiltFromTheCorpus() throws Exception {
        List<List<String>> clean = searchesOf(build());
        Path segment = largestSegmentFile();
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        assertRebuiltAs(clean, segment.getFileName().toString());
    }

    @Test
    void garbageInASegmentFileIsRebuiltFromTheCorpus() throws Exception {
        List<List<String>> clean = searchesOf(build());
        Path segment = largestSegmentFile();
        garbleTheMiddleOf(segment);
        assertRebuiltAs(clean, segment.getFileName().toString());
    }

    @Test
    void aFileChangedAfterItWasVerifiedIsCheckedWholeAgain() throws Exception {
        List<List<String>> clean = searchesOf(build());
        // The second start verifies every file whole and records them.
        ReportLibrary.open(config, embedder, IndexProgress.NONE).library().close();
        Path record = IndexCheck.verifiedRecord(config.indexDir());
        long segmentFiles = filesOf(config.indexDir())
                .filter(p -> !p.getFileName().toString().equals("write.lock"))
                .count();
        assertEquals(segmentFiles, Files.readAllLines(record).size(), Files.readString(record));
        Path segment = largestSegmentFile();
        garbleTheMiddleOf(segment);
        // Written again, so no longer the file that was verified: read whole, and the damage found.
        assertRebuiltAs(clean, segment.getFileName().toString());
    }

    @Test
    void damageThatKeepsLengthAndTimeIsFoundByTheFullCheckTheRecordSkips() throws Exception {
        build().close();
        ReportLibrary.open(config, embedder, IndexProgress.NONE).library().close();
        Path segment = largestSegmentFile();
        FileTime written = Files.getLastModifiedTime(segment);
        garbleTheMiddleOf(segment);
        Files.setLastModifiedTime(segment, written);
        // Bits flipped in place, as a failing disk would: a verified file only has its footer read …
        assertTrue(IndexCheck.check(config.indexDir(), "index").isEmpty());
        // … and the full check, which a missing record asks for, finds it.
        Files.delete(IndexCheck.verifiedRecord(config.indexDir()));
        IndexDamage damage = IndexCheck.check(config.indexDir(), "index").orElseThrow();
        assertTrue(damage.reason().contains(segment.getFileName().toString()), damage.reason());
    }

    @Test
    void aMissingCommitPointIsRebuiltFromTheCorpus() throws Exception {
        List<List<String>> clean = searchesOf(build());
        List<Path> commits = filesOf(config.indexDir())
                .filter(p -> p.getFileName().toString().startsWith("segments_"))
                .toList();
        assertEquals(1, commits.size(), commits.toString());
        Files.delete(commits.get(0));
        assertRebuiltAs(clean, "segments_N");
    }

    /** The same length, other bytes in the middle: only checksums can tell. */
    private static void garbleTheMiddleOf(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("garbage garbage garbage".getBytes()), ch.size() / 2);
        }
    }

    private ReportLibrary build() throws IOException {
        ReportLibrary.Opened opened = ReportLibrary.open(config, embedder, IndexProgress.NONE);
        assertTrue(opened.repaired().isEmpty());
        return opened.library();
    }

    private void assertRebuiltAs(List<List<String>> clean, String namedFile) throws IOException {
        long t0 = System.nanoTime();
        ReportLibrary.Opened opened = ReportLibrary.open(config, embedder, IndexProgress.NONE);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        IndexDamage damage = opened.repaired().orElseThrow(() -> new AssertionError("the damage was not reported"));
        System.out.printf(
                "damaged index (%s) found in %d ms, rebuilt and opened in %d ms: %s%n",
                namedFile, damage.checkMillis(), millis, damage.reason());
        assertTrue(damage.reason().contains(namedFile), damage.reason());
        assertFalse(damage.summary().contains(tmp.toString()), "an absolute path in " + damage.summary());
        assertFalse(damage.summary().contains(tmp.toRealPath().toString()), "an absolute path in " + damage.summary());
        assertTrue(damage.folder().startsWith("index/"), damage.folder());
        assertEquals(5, opened.update().added().size(), opened.update().summary());
        assertEquals(clean, searchesOf(opened.library()));
        // Repaired for good: the next start finds nothing wrong.
        ReportLibrary.Opened again = ReportLibrary.open(config, embedder, IndexProgress.NONE);
        again.library().close();
        assertTrue(again.repaired().isEmpty(), again.repaired().toString());
    }

    /** The passages each query finds (BM25 and hybrid), then closes the library. */
    private static List<List<String>> searchesOf(ReportLibrary library) throws IOException {
        try (library) {
            List<List<String>> out = new ArrayList<>();
            out.add(List.of("passages: " + library.backend().passageCount()));
            for (String q : QUERIES) {
                for (var mode : List.of(
                        reportqa.retrieval.search.SearchMode.BM25, reportqa.retrieval.search.SearchMode.HYBRID)) {
                    SearchRequest r = SearchRequest.question(q, 5, mode, reportqa.retrieval.search.SearchFilters.NONE);
                    out.add(library.retriever().search(r).passages().stream()
                            .map(Passage::passageId)
                            .toList());
                }
            }
            return out;
        }
    }

    private Path largestSegmentFile() throws IOException {
        return filesOf(config.indexDir())
                .filter(p -> p.getFileName().toString().startsWith("_"))
                .max(Comparator.comparingLong(IndexIntegrityTest::size))
                .orElseThrow();
    }

    private static Stream<Path> filesOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList().stream();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
