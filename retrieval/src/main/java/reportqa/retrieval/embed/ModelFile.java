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
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.stream.Stream;
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
 *
 * <p>A model made from the shipped one ({@link #made}: the shipped graph edited, say) is kept the same
 * way, under a name that carries the shipped file's CRC-32 and its own: made once for a jar, checked
 * against its own CRC at every start, made again when damaged or when the jar's file changes.
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
        return in(folder, urlOf(owner, resource));
    }

    /** The file at {@code url} ({@code jar:} or {@code file:}) in {@code folder}, as {@link #in(Path, Class, String)}. */
    static Path in(Path folder, URL url) throws IOException {
        if (url.getProtocol().equals("file")) {
            return fileOf(url);
        }
        JarURLConnection jar = jarOf(url);
        JarEntry entry = jar.getJarEntry();
        String name = Path.of(entry.getName()).getFileName().toString();
        Path file = folder.resolve(name);
        if (Files.isRegularFile(file) && Files.size(file) == entry.getSize() && crcOf(file) == entry.getCrc()) {
            return file;
        }
        return written(file, part -> {
            CRC32 crc = new CRC32();
            long size;
            try (InputStream in = new CheckedInputStream(jar.getInputStream(), crc);
                    OutputStream out = Files.newOutputStream(part)) {
                size = in.transferTo(out);
            }
            if (size != entry.getSize() || crc.getValue() != entry.getCrc()) {
                throw new IOException(url + " read from the jar does not match the jar's own size and CRC");
            }
        });
    }

    /** What writes a file's content, to a part file that is then moved in place. */
    private interface Content {
        void writeTo(Path part) throws IOException;
    }

    /**
     * {@code file} with {@code content}, written beside it and then moved in place, so that no reader
     * ever sees it half written.
     */
    private static Path written(Path file, Content content) throws IOException {
        Files.createDirectories(file.getParent());
        Path part = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
        try {
            content.writeTo(part);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static URL urlOf(Class<?> owner, String resource) throws IOException {
        URL url = owner.getResource(resource);
        if (url == null) {
            throw new IOException(resource + " is not on the classpath");
        }
        return url;
    }

    private static Path fileOf(URL url) throws IOException {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("not a file: " + url, e);
        }
    }

    private static JarURLConnection jarOf(URL url) throws IOException {
        if (!(url.openConnection() instanceof JarURLConnection jar)) {
            throw new IOException("neither in a jar nor a file: " + url);
        }
        return jar;
    }

    /**
     * The file of {@code resource} (as {@link #in(Path, Class, String)}) made over by {@code make}, in
     * {@code folder}: made and written there first if it is missing, damaged, or made from another
     * version of the resource. Files of the same variant made from other versions are deleted.
     *
     * @param variant what {@code make} makes, a name for the file: letters, digits and hyphens
     * @throws IOException if the resource is missing or unreadable, or the folder cannot be written
     *     when the file is to be made
     */
    public static Path made(Path folder, Class<?> owner, String resource, String variant, UnaryOperator<byte[]> make)
            throws IOException {
        if (!variant.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("a variant's name is letters, digits and hyphens: " + variant);
        }
        return made(folder, urlOf(owner, resource), variant, make);
    }

    /** As {@link #made(Path, Class, String, String, UnaryOperator)}, for the file at {@code url}. */
    static Path made(Path folder, URL url, String variant, UnaryOperator<byte[]> make) throws IOException {
        Source source = Source.of(url);
        String prefix = source.stem() + "." + variant + ".";
        String ours = prefix + hex(source.crc()) + ".";
        List<Path> kept = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().startsWith(prefix))
                        .filter(f -> f.getFileName().toString().endsWith(source.extension()))
                        .forEach(kept::add);
            }
        }
        for (Path file : kept) {
            String name = file.getFileName().toString();
            if (name.startsWith(ours) && name.substring(ours.length()).equals(hex(crcOf(file)) + source.extension())) {
                return file;
            }
        }
        byte[] made = make.apply(source.bytes());
        CRC32 crc = new CRC32();
        crc.update(made);
        Path file = written(
                folder.resolve(ours + hex(crc.getValue()) + source.extension()), part -> Files.write(part, made));
        for (Path stale : kept) {
            if (!stale.equals(file)) {
                Files.deleteIfExists(stale);
            }
        }
        return file;
    }

    private static String hex(long crc) {
        return String.format("%08x", crc);
    }

    /** The shipped file: its name's two parts, CRC-32 (from a jar's directory: nothing inflated) and bytes. */
    private record Source(URL url, String stem, String extension, long size, long crc) {

        static Source of(URL url) throws IOException {
            String name;
            long size;
            long crc;
            if (url.getProtocol().equals("file")) {
                Path file = fileOf(url);
                name = file.getFileName().toString();
                size = Files.size(file);
                crc = crcOf(file);
            } else {
                JarEntry entry = jarOf(url).getJarEntry();
                name = Path.of(entry.getName()).getFileName().toString();
                size = entry.getSize();
                crc = entry.getCrc();
            }
            int dot = name.lastIndexOf('.');
            return dot > 0
                    ? new Source(url, name.substring(0, dot), name.substring(dot), size, crc)
                    : new Source(url, name, "", size, crc);
        }

        /** The file's bytes, checked against the size and CRC-32 read before. */
        byte[] bytes() throws IOException {
            CRC32 check = new CRC32();
            byte[] bytes;
            try (InputStream in = new CheckedInputStream(url.openStream(), check)) {
                bytes = in.readAllBytes();
            }
            if (bytes.length != size || check.getValue() != crc) {
                throw new IOException(url + " read does not match its size and CRC read before");
            }
            return bytes;
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
