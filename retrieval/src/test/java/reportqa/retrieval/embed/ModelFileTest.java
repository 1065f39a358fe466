package reportqa.retrieval.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model file copied out of its jar once, and copied again only when it differs from the jar's. */
class ModelFileTest {

    @TempDir
    Path dir;

    @Test
    void aFileInAJarIsCopiedOnceAndThenReadWhereItWasCopied() throws Exception {
        byte[] model = bytes(1, 300_000);
        URL url = jar("v1.jar", model);
        Path folder = dir.resolve("cache/model");

        Path file = ModelFile.in(folder, url);
        assertEquals(folder.resolve("model.onnx"), file);
        assertArrayEquals(model, Files.readAllBytes(file));
        try (var left = Files.list(folder)) {
            assertEquals(1, left.count(), "no part file left behind");
        }

        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(file, old);
        assertEquals(file, ModelFile.in(folder, url));
        assertEquals(old, Files.getLastModifiedTime(file), "an intact copy is not written again");
    }

    @Test
    void aDamagedCopyOrAnotherVersionsIsReplaced() throws Exception {
        byte[] model = bytes(2, 100_000);
        URL url = jar("v1.jar", model);
        Path folder = dir.resolve("model");
        Path file = ModelFile.in(folder, url);

        byte[] damaged = model.clone();
        damaged[50_000] ^= 1; // same size, one bit flipped
        Files.write(file, damaged);
        assertArrayEquals(model, Files.readAllBytes(ModelFile.in(folder, url)));

        Files.write(file, new byte[10]); // half written
        assertArrayEquals(model, Files.readAllBytes(ModelFile.in(folder, url)));

        byte[] next = bytes(3, 120_000);
        assertArrayEquals(next, Files.readAllBytes(ModelFile.in(folder, jar("v2.jar", next))));
    }

    @Test
    void aFolderThatCannotBeWrittenIsAnErrorAndAFileOutsideAJarIsReadWhereItIs() throws Exception {
        URL url = jar("v1.jar", bytes(4, 1_000));
        Path notAFolder = Files.writeString(dir.resolve("taken"), "a file, not a folder");
        assertThrows(IOException.class, () -> ModelFile.in(notAFolder.resolve("model"), url));

        Path plain = Files.write(dir.resolve("plain.onnx"), bytes(5, 1_000));
        assertEquals(plain, ModelFile.in(dir.resolve("unused"), plain.toUri().toURL()));
        assertEquals(false, Files.exists(dir.resolve("unused")));
    }

    /**
     * A model made from the jar's is made once, checked against its own CRC at every start, made again
     * when damaged, and when the jar's file changes made anew with the old one deleted.
     */
    @Test
    void aModelMadeFromTheJarsIsMadeOnceAndAgainOnlyWhenDamagedOrTheJarsChanged() throws Exception {
        byte[] model = bytes(6, 50_000);
        URL url = jar("v1.jar", model);
        Path folder = dir.resolve("model");
        AtomicInteger made = new AtomicInteger();
        UnaryOperator<byte[]> reverse = b -> {
            made.incrementAndGet();
            byte[] r = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                r[i] = b[b.length - 1 - i];
            }
            return r;
        };
        Path file = ModelFile.made(folder, url, "reversed", reverse);
        assertTrue(
                file.getFileName().toString().matches("model\\.reversed\\.[0-9a-f]{8}\\.[0-9a-f]{8}\\.onnx"),
                file.toString());
        assertArrayEquals(reverse.apply(model), Files.readAllBytes(file));
        made.set(0);

        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(file, old);
        assertEquals(file, ModelFile.made(folder, url, "reversed", reverse));
        assertEquals(0, made.get(), "an intact file is not made again");
        assertEquals(old, Files.getLastModifiedTime(file));

        byte[] damaged = Files.readAllBytes(file);
        damaged[20_000] ^= 1;
        Files.write(file, damaged);
        assertEquals(file, ModelFile.made(folder, url, "reversed", reverse));
        assertEquals(1, made.get(), "a damaged file is made again");
        assertArrayEquals(reverse.apply(model), Files.readAllBytes(file));

        byte[] next = bytes(7, 60_000);
        Path nextFile = ModelFile.made(folder, jar("v2.jar", next), "reversed", reverse);
        assertArrayEquals(reverse.apply(next), Files.readAllBytes(nextFile));
        try (var left = Files.list(folder)) {
            assertEquals(List.of(nextFile), left.toList(), "the old version's file deleted, no part file left");
        }
        assertThrows(
                IllegalArgumentException.class, () -> ModelFile.made(folder, ModelFileTest.class, "x", "a/b", reverse));
    }

    private URL jar(String name, byte[] model) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("models/model.onnx"));
            j.write(model);
            j.closeEntry();
        }
        return new URL("jar:" + jar.toUri() + "!/models/model.onnx");
    }

    private static byte[] bytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
