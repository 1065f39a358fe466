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
import java.util.List;
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
    void theFileIsReadOnlyWhenTheCacheIsFirstUsedAndVectorsAreReadFromIt() throws Exception {
        EmbeddingCache cache = new EmbeddingCache(dir, "m", 3);
        cache.putAll(Map.of("甲", new float[] {0.6f, 0.8f, 0f}, "乙", new float[] {0f, 0.6f, 0.8f}));
        Path file = Files.list(dir).findFirst().orElseThrow();
        byte[] garbage = new byte[10 * (32 + 3 * Float.BYTES)];
        java.util.Arrays.fill(garbage, (byte) 0xFF);
        Files.write(file, garbage);
        // Opening does not read the file (a start on an unchanged library embeds nothing)…
        EmbeddingCache opened = new EmbeddingCache(dir, "m", 3);
        assertTrue(Files.exists(file), "not read yet, so not set aside yet");
        // …the first use does.
        assertNull(opened.get("甲"));
        assertFalse(Files.exists(file), "set aside at first use");

        EmbeddingCache fresh = new EmbeddingCache(dir, "m", 3);
        fresh.putAll(Map.of("丙", new float[] {0.8f, 0f, 0.6f}));
        fresh.putAll(Map.of("丁", new float[] {0f, 0.8f, 0.6f}));
        EmbeddingCache again = new EmbeddingCache(dir, "m", 3);
        assertArrayEquals(
                new float[] {0f, 0.8f, 0.6f}, again.get("丁"), "the second append's record, read from its place");
        assertArrayEquals(new float[] {0.8f, 0f, 0.6f}, again.get("丙"));
        assertArrayEquals(new float[] {0f, 0.8f, 0.6f}, fresh.get("丁"), "and from the cache that wrote it");
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

    @Test
    void recordsOfAnotherLengthAreDroppedWhenTheModelsVectorsHaveUnitLength() throws Exception {
        EmbeddingCache cache = new EmbeddingCache(dir, UNIT_MODEL);
        cache.putAll(Map.of("好的段落", new float[] {0.6f, 0.8f, 0f}));
        Path file = Files.list(dir).findFirst().orElseThrow();
        Files.write(file, record("长度为二", 1.2f, 1.6f, 0f), StandardOpenOption.APPEND);
        Files.write(file, record("长度为半", 0.3f, 0.4f, 0f), StandardOpenOption.APPEND);
        // Within the tolerance (length 1 + 1.25e-7): float arithmetic, not damage.
        Files.write(file, record("几乎为一", 0.6f, 0.8f, 0.0005f), StandardOpenOption.APPEND);
        // A flipped sign keeps the length: beyond what the check can see.
        Files.write(file, record("符号翻转", -0.6f, 0.8f, 0f), StandardOpenOption.APPEND);

        EmbeddingCache reopened = new EmbeddingCache(dir, UNIT_MODEL);
        assertEquals(3, reopened.size());
        assertNull(reopened.get("长度为二"));
        assertNull(reopened.get("长度为半"));
        assertArrayEquals(new float[] {0.6f, 0.8f, 0.0005f}, reopened.get("几乎为一"));
        assertArrayEquals(new float[] {-0.6f, 0.8f, 0f}, reopened.get("符号翻转"));
        // A model that does not promise unit vectors keeps them all (the same file: the same model id).
        assertEquals(5, new EmbeddingCache(dir, "m", 3).size());
    }

    @Test
    void aVectorOfAnotherLengthIsNeverWrittenForAModelWhoseVectorsHaveUnitLength() {
        EmbeddingCache cache = new EmbeddingCache(dir, UNIT_MODEL);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> cache.putAll(Map.of("a", new float[] {1.2f, 1.6f, 0f})));
        assertTrue(e.getMessage().contains("length 2.000"), e.getMessage());
        assertEquals(0, cache.size());
    }

    /** A three-dimensional model named "m" whose vectors have unit length; it embeds nothing itself. */
    private static final Embedder UNIT_MODEL = new Embedder() {
        @Override
        public String modelId() {
            return "m";
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public boolean unitLength() {
            return true;
        }

        @Override
        public List<float[]> embedPassages(List<String> texts) {
            throw new UnsupportedOperationException("only its vectors' shape is used");
        }

        @Override
        public float[] embedQuery(String query) {
            throw new UnsupportedOperationException("only its vectors' shape is used");
        }
    };

    private static byte[] record(String text, float... v) {
        ByteBuffer buf = ByteBuffer.allocate(32 + v.length * Float.BYTES);
        buf.put(java.util.HexFormat.of().parseHex(Hashes.sha256Hex(text)));
        for (float x : v) {
            buf.putFloat(x);
        }
        return buf.array();
    }
}
