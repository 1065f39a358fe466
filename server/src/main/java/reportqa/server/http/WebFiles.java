package reportqa.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.regex.Pattern;
import reportqa.retrieval.text.Hashes;

/**
 * The files of a folder on the classpath, served by name: the page's own files (revalidated on
 * every load by their ETag) or the WebJars' (versioned paths, cached for a year).
 *
 * <p>Javalin's own static-file handler finds classpath files through Jetty, which mounts the jar
 * they are in as a zip file system and indexes all of its entries — 23,000 in this application's
 * jar: about 0.35 s of every start on an idle core, more on a busy one (measured; see BENCHMARKS.md).
 * These files are a handful and never change while the process runs, so each is read once from the
 * class loader, when first asked for, and kept with its ETag.
 *
 * <p>A name is a path of plain segments (letters, digits, {@code . _ -}, not starting with a dot):
 * nothing outside the folder can be named, and a folder is no file.
 */
final class WebFiles {

    /** A file as served: its bytes, its type and its entity tag. */
    record File(byte[] bytes, String contentType, String etag) {}

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    /** The largest file served: the page's and the WebJars' are tens of kilobytes. */
    static final int MAX_BYTES = 4 << 20;

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html;charset=utf-8"),
            Map.entry("css", "text/css;charset=utf-8"),
            Map.entry("js", "text/javascript;charset=utf-8"),
            Map.entry("mjs", "text/javascript;charset=utf-8"),
            Map.entry("map", "application/json;charset=utf-8"),
            Map.entry("json", "application/json;charset=utf-8"),
            Map.entry("txt", "text/plain;charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"));

    private final String folder;
    private final String cacheControl;
    private final ClassLoader loader;
    private final Map<String, File> read = new ConcurrentHashMap<>();

    /**
     * @param folder the classpath folder, without leading or trailing slash (e.g. {@code reportqa/web})
     * @param cacheControl the {@code Cache-Control} header every file is sent with
     */
    WebFiles(String folder, String cacheControl) {
        this.folder = folder;
        this.cacheControl = cacheControl;
        this.loader = WebFiles.class.getClassLoader();
    }

    /**
     * Answers {@code ctx} with the file at {@code name} (relative to the folder): 200 with the file,
     * 304 when the client's {@code If-None-Match} holds its ETag, or 404 (an empty body, which
     * the error mapping answers as any unknown path).
     */
    void serve(Context ctx, String name) {
        Optional<File> file = find(name);
        if (file.isEmpty()) {
            ctx.status(404);
            return;
        }
        File f = file.get();
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", f.etag());
        String asked = ctx.header("If-None-Match");
        if (asked != null && matches(asked, f.etag())) {
            ctx.status(304);
            return;
        }
        ctx.contentType(f.contentType());
        ctx.result(f.bytes());
    }

    /** The file at {@code name}, if it is a file of the folder. */
    Optional<File> find(String name) {
        if (!isPlainPath(name)) {
            return Optional.empty();
        }
        File known = read.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<File> file = readFile(folder + "/" + name);
        // Only files found are kept: names asked for in vain are as many as clients care to send.
        file.ifPresent(f -> read.putIfAbsent(name, f));
        return file;
    }

    static boolean isPlainPath(String name) {
        if (name == null || name.isEmpty() || name.length() > 512) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    private Optional<File> readFile(String resource) {
        URL url = loader.getResource(resource);
        if (url == null || !isRegularFile(url)) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IllegalStateException(resource + " is over " + MAX_BYTES + " bytes");
            }
            return Optional.of(new File(bytes, typeOf(resource), etagOf(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the classpath", e);
        }
    }

    /** Whether a classpath URL names a file, not a folder (a folder of a directory reads as its listing). */
    private static boolean isRegularFile(URL url) {
        try {
            return switch (url.getProtocol()) {
                case "file" -> Files.isRegularFile(Path.of(url.toURI()));
                case "jar" -> {
                    // Through the JDK's cache of opened jars (the class loader's jar), not a fresh
                    // open of the 182 MB jar for each look: a folder's name is never kept as a file.
                    JarEntry entry = ((JarURLConnection) url.openConnection()).getJarEntry();
                    yield entry != null && !entry.isDirectory();
                }
                default -> false;
            };
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot tell whether " + url + " is a file", e);
        }
    }

    /** A strong entity tag: the first 12 bytes of the content's SHA-256, in hex and quoted. */
    static String etagOf(byte[] bytes) {
        return "\"" + HexFormat.of().formatHex(Hashes.sha256().digest(bytes), 0, 12) + "\"";
    }

    static String typeOf(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /** Whether an {@code If-None-Match} value (a list of tags, or {@code *}) holds {@code etag}. */
    static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
