package reportqa.retrieval.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * A model file shipped inside a jar, copied once into a folder of its own so that a start hands
 * ONNX Runtime a file to read instead of the bytes inflated from the jar. The bundled embedding
 * model is 24 MB deflated in a 182 MB jar: reading it from the jar and handing over the bytes took
 * 0.52–0.55 s of every start, reading it from a file 0.22–0.25 s (a fresh JVM each, idle machine),
 * and the model's loading is what a start's first answer waits for.
 *
 * <p>The copy is checked against the jar entry's size and CRC-32 (read from the jar's directory:
 * nothing inflated) at every start: a jar of another version, or a copy damaged or half written,
 * is replaced by a fresh copy (written beside it, then moved in place). A model not in a jar (an
 * exploded class folder) is read where it is.
 */
public final class ModelFile {

    private ModelFile() {}

    /**
     * The file of {@code resource} (as {@link Class#getResource} names it, relative to {@code owner})
     * in {@code folder}, copied there first if it is missing or differs from the jar's.
     *
     * @throws IOException if the resource is missing, or the folder cannot be written when a copy is
     *     needed
     */
    public static Path in(Path folder, Class<?> owner, String resource) throws IOException {
        URL url = owner.getResource(resource);
        if (url == null) {
            throw new IOException(resource + " is not on the classpath");
        }
        return in(folder, url);
    }

    /** The file at {@code url} ({@code jar:} or {@code file:}) in {@code folder}, as {@link #in(Path, Class, String)}. */
    static Path in(Path folder, URL url) throws IOException {
        if (url.getProtocol().equals("file")) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("not a file: " + url, e);
            }
        }
        if (!(url.openConnection() instanceof JarURLConnection jar)) {
            throw new IOException("neither in a jar nor a file: " + url);
        }
        JarEntry entry = jar.getJarEntry();
        String name = Path.of(entry.getName()).getFileName().toString();
        Path file = folder.resolve(name);
        if (Files.isRegularFile(file) && Files.size(file) == entry.getSize() && crcOf(file) == entry.getCrc()) {
            return file;
        }
        Files.createDirectories(folder);
        Path part = Files.createTempFile(folder, name, ".part");
        try {
            CRC32 crc = new CRC32();
            long size;
            try (InputStream in = new CheckedInputStream(jar.getInputStream(), crc);
                    OutputStream out = Files.newOutputStream(part)) {
                size = in.transferTo(out);
            }
            if (size != entry.getSize() || crc.getValue() != entry.getCrc()) {
                throw new IOException(url + " read from the jar does not match the jar's own size and CRC");
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static long crcOf(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(Files.newInputStream(file), crc)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return crc.getValue();
    }
}
