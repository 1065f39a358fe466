package reportqa.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the data files shipped on the classpath (word lists, registries, prompts). A missing or
 * unreadable resource is a packaging error: it fails at start with the resource's name.
 */
public final class Resources {

    private Resources() {}

    /** The JSON resource at {@code path} (absolute, e.g. {@code /reportqa/retrieval/brokers.json}). */
    public static JsonNode json(String path) {
        try (InputStream in = open(path)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }

    /** The UTF-8 text resource at {@code path}. */
    public static String text(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = Resources.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing resource " + path);
        }
        return in;
    }
}
