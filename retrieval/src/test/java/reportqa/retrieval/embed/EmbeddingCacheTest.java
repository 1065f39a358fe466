package reportqa.retrieval.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.text.Hashes;

class EmbeddingCacheTest {

    @TempDir
    Path dir;

    @Test
    void damagedRecordsAreDroppedOnLoadSoTheirPassagesAreEmbeddedAgain() throws Exception {
        EmbeddingCache cache = new EmbeddingCache(dir, "m", 3);
        cache.putAll(Map.of("好的段落", new float[] {0.6f, 0.8f, 0f}));
        Path file = Files.list(dir).findFirst().orElseThrow();
        Files.write(file, record("零向量", 0f, 0f, 0f), StandardOpenOption.APPEND);
        Files.write(file, record("非数", Float.NaN, 1f, 0f), StandardOpenOption.APPEND);
        Files.write(file, record("无穷", Float.POSITIVE_INFINITY, 0f, 0f), StandardOpenOption.APPEND);

        EmbeddingCache reopened = new EmbeddingCache(dir, "m", 3);
        assertEquals(1, reopened.size());
        assertArrayEquals(new float[] {0.6f, 0.8f, 0f}, reopened.get("好的段落"));
        assertNull(reopened.get("零向量"));
        assertNull(reopened.get("非数"));
    }

    @Test
    void aFileWithNoUsableRecordIsSetAsideAndTheCacheStartsEmpty() throws Exception {
        EmbeddingCache cache = new EmbeddingCache(dir, "m", 3);
        cache.putAll(Map.of("好的段落", new float[] {0.6f, 0.8f, 0f}));
        Path file = Files.list(dir).findFirst().orElseThrow();
        // Ten records' worth of 0xFF: every float is NaN, so no record is a vector of this model.
        byte[] garbage = new byte[10 * (32 + 3 * Float.BYTES)];
        java.util.Arrays.fill(garbage, (byte) 0xFF);
        Files.write(file, garbage);

        EmbeddingCache reopened = new EmbeddingCache(dir, "m", 3);
        assertEquals(0, reopened.size());
        assertTrue(Files.exists(file.resolveSibling(file.getFileName() + ".damaged")), "set aside for a look");
        assertFalse(Files.exists(file), "the garbage is not appended to");
        reopened.putAll(Map.of("好的段落", new float[] {0.6f, 0.8f, 0f}));
        assertEquals(32 + 3 * Float.BYTES, Files.size(file), "only the vector embedded again is in the file");
        assertEquals(1, new EmbeddingCache(dir, "m", 3).size());
    }

    @Test
    void aCacheFileThatCannotBeReadIsSetAsideInsteadOfStoppingTheStart() throws Exception {
        EmbeddingCache cache = new EmbeddingCache(dir, "m", 3);
        cache.putAll(Map.of("好的段落", new float[] {0.6f, 0.8f, 0f}));
        Path file = Files.list(dir).findFirst().orElseThrow();
        Files.delete(file);
        // A folder where the file should be: reading it fails outright.
        Files.createDirectories(file.resolve("not-a-cache"));

        EmbeddingCache reopened = new EmbeddingCache(dir, "m", 3);
        assertEquals(0, reopened.size());
        assertTrue(Files.isDirectory(file.resolveSibling(file.getFileName() + ".damaged")));
        reopened.putAll(Map.of("好的段落", new float[] {0.6f, 0.8f, 0f}));
        assertEquals(1, new EmbeddingCache(dir, "m", 3).size());
    }

    @Test
    void unusableVectorsAreNeverWritten() {
        EmbeddingCache cache = new EmbeddingCache(dir, "m", 3);
        assertThrows(IllegalArgumentException.class, () -> cache.putAll(Map.of("a", new float[] {0f, 0f, 0f})));
        assertThrows(IllegalArgumentException.class, () -> cache.putAll(Map.of("a", new float[] {1f, 0f})));
        assertEquals(0, cache.size());
    }

    private static byte[] record(String text, float... v) {
        ByteBuffer buf = ByteBuffer.allocate(32 + v.length * Float.BYTES);
        buf.put(java.util.HexFormat.of().parseHex(Hashes.sha256Hex(text)));
        for (float x : v) {
            buf.putFloat(x);
        }
        return buf.array();
    }
}
