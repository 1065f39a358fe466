package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusScanTest {

    @TempDir
    Path dir;

    /**
     * The scan keeps the folder's listing: whether a report has a sidecar is answered from it,
     * case aside (a file system that ignores case finds {@code A.META.JSON} for {@code a.meta.json}).
     */
    @Test
    void theListingIsKeptAndAskedCaseAside() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "正文。");
        Files.writeString(dir.resolve("A.META.JSON"), "{}");
        Files.writeString(dir.resolve("b.txt"), "正文。");
        Files.createDirectory(dir.resolve("c.txt"));
        CorpusScan.Scan scan = CorpusScan.scan(dir);
        assertEquals(List.of(dir.resolve("a.txt"), dir.resolve("b.txt")), scan.reports());
        assertEquals(List.of(new IndexResult.Failure("c", "not a regular file")), scan.skipped());
        assertTrue(scan.listed(dir.resolve("a.meta.json")));
        assertTrue(scan.listed(dir.resolve("c.txt")), "an entry skipped is still listed");
        assertFalse(scan.listed(dir.resolve("b.meta.json")));
    }
}
