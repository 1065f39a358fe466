package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.report.ReportParser;

/**
 * A report file whose stamp is unchanged is not read to be hashed; any change to it, even one that
 * puts its size and modification time back, is.
 */
class SourceStampsTest {

    /** Stamps recorded at once (the file times below are set, not waited for). */
    private static final Duration AT_ONCE = Duration.ZERO;

    /** A hash no content has: the record's word is taken only when the file is not read. */
    private static final String PLANTED = "0".repeat(64);

    /** Waits past the file system's clock tick, so that a write gets a change time of its own. */
    private static void nextTick() throws InterruptedException {
        Thread.sleep(50);
    }

    /** Hashes the report once (past the tick it was written in) and records its stamp; its hash. */
    private static String recordOnce(Path index, Path report) throws Exception {
        nextTick();
        SourceStamps stamps = SourceStamps.of(index, index.getParent(), AT_ONCE);
        String hash = stamps.hash(report, true);
        stamps.save();
        return hash;
    }

    /** Replaces every hash of the record with {@link #PLANTED}: a file not read again gets it back. */
    private static void plant(Path index) throws Exception {
        Path record = SourceStamps.recordOf(index);
        Files.writeString(record, Files.readString(record).replaceAll("[0-9a-f]{64}", PLANTED));
    }

    @Test
    void anUnchangedFileIsNotReadAgain(@TempDir Path dir) throws Exception {
        Path index = dir.resolve("index");
        Path report = Files.writeString(dir.resolve("r1.txt"), "德邦证券 报告正文", StandardCharsets.UTF_8);
        String hash = recordOnce(index, report);
        assertEquals(CorpusScan.sourceHash(report), hash);
        Path record = SourceStamps.recordOf(index);
        assertEquals(dir.resolve("index.sources"), record);
        String line = Files.readString(record);
        assertTrue(line.startsWith("r1.txt\t") && line.endsWith("\t" + hash + "\n"), line);

        Files.writeString(record, line.replace(hash, PLANTED));
        assertEquals(
                PLANTED,
                SourceStamps.of(index, index.getParent(), AT_ONCE).hash(report, true),
                "the hash recorded with the stamp");
    }

    @Test
    void aChangeThatKeepsSizeAndModificationTimeIsStillSeen(@TempDir Path dir) throws Exception {
        Path index = dir.resolve("index");
        Path report = Files.writeString(dir.resolve("r1.txt"), "AAAA", StandardCharsets.UTF_8);
        FileTime written = Files.getLastModifiedTime(report);
        recordOnce(index, report);
        plant(index);
        nextTick();

        // Same size, the modification time put back (touch -d, rsync -t): only the change time differs.
        Files.writeString(report, "BBBB", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(report, written);
        String hash = SourceStamps.of(index, index.getParent(), AT_ONCE).hash(report, true);
        assertNotEquals(PLANTED, hash, "the file is read again");
        assertEquals(CorpusScan.sourceHash(report), hash);
    }

    @Test
    void aFileReplacedByAnotherWithTheSameSizeAndTimesIsReadAgain(@TempDir Path dir) throws Exception {
        Path index = dir.resolve("index");
        Path report = Files.writeString(dir.resolve("r1.txt"), "AAAA", StandardCharsets.UTF_8);
        FileTime written = Files.getLastModifiedTime(report);
        recordOnce(index, report);
        plant(index);
        // cp -p, then mv over it: the same size and modification time, another inode.
        Path copy = Files.writeString(dir.resolve("r1.tmp"), "BBBB", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(copy, written);
        Files.move(copy, report, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(
                CorpusScan.sourceHash(report),
                SourceStamps.of(index, dir, AT_ONCE).hash(report, true));
    }

    @Test
    void aSidecarAddedOrChangedMakesTheReportReadAgain(@TempDir Path dir) throws Exception {
        Path index = dir.resolve("index");
        Path report = Files.writeString(dir.resolve("r1.txt"), "正文", StandardCharsets.UTF_8);
        String bare = recordOnce(index, report);
        nextTick();
        Path sidecar = ReportParser.sidecarOf(report);
        Files.writeString(sidecar, "{\"broker\":\"德邦证券\"}", StandardCharsets.UTF_8);
        String withSidecar = SourceStamps.of(index, index.getParent(), AT_ONCE).hash(report, true);
        assertNotEquals(bare, withSidecar);
        assertEquals(CorpusScan.sourceHash(report), withSidecar);
    }

    @Test
    void aFileChangedJustNowIsNotRecordedAndARecordGoneWrongIsIgnored(@TempDir Path dir) throws Exception {
        Path index = dir.resolve("index");
        Path report = Files.writeString(dir.resolve("r1.txt"), "正文", StandardCharsets.UTF_8);
        // Settled only after a day: a file written during the test is never old enough.
        SourceStamps recent = SourceStamps.of(index, dir, Duration.ofDays(1));
        recent.hash(report, true);
        recent.save();
        // Written within the settling time: a second write in the same clock tick would keep its stamp.
        assertEquals("", Files.readString(SourceStamps.recordOf(index)));

        Files.write(SourceStamps.recordOf(index), List.of("r1.txt\tnot a stamp", "\t\t", "r1.txt\tx\tnot-a-hash"));
        assertEquals(
                CorpusScan.sourceHash(report),
                SourceStamps.of(index, index.getParent(), AT_ONCE).hash(report, true));
        assertFalse(Files.exists(dir.resolve("index.sources.tmp")));
    }
}
