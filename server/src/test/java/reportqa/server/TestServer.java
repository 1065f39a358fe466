package reportqa.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.HttpHeaders;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestConfig;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.BgeSmallZhEmbedder;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.search.HybridOptions;
import reportqa.server.answer.generate.ChatModels;
import reportqa.server.config.ServerConfig;

/**
 * The real application over a corpus in a temporary data folder, served by javalin-testtools'
 * {@code JavalinTest.test(app, (server, client) -> …)} on a random loopback port, and a client that
 * reads JSON and Server-Sent Events.
 */
public final class TestServer {

    /** Loading the ONNX model once per test JVM is enough. */
    private static BgeSmallZhEmbedder embedder;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A test body, given the running application and a client. */
    @FunctionalInterface
    public interface Body {
        void run(Application app, Client client) throws Exception;
    }

    public static synchronized BgeSmallZhEmbedder embedder() {
        if (embedder == null) {
            embedder = new BgeSmallZhEmbedder();
        }
        return embedder;
    }

    /** The project's seed corpus folder. */
    public static Path seedCorpus() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("corpus/questions-test.jsonl")) && Files.exists(p.resolve("pom.xml"))) {
                return p.resolve("corpus");
            }
        }
        throw new IllegalStateException("no corpus/ found");
    }

    /** {@code dir} (created) holding a copy of every seed report's text file. */
    public static Path copySeedTexts(Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        try (java.util.stream.Stream<Path> s = Files.list(seedCorpus())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".txt")).toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        return dir;
    }

    /** Opens the application over {@code corpus} with {@code config}, serves it on a free loopback port, runs {@code body}, stops. */
    public static void test(ServerConfig config, Path corpus, ChatModels model, Body body) throws Exception {
        Path data = Files.createTempDirectory("reportqa-test");
        try {
            test(config, corpus, model, data, body);
        } finally {
            deleteTree(data);
        }
    }

    /** Deletes a folder and all it holds (a test's temporary one). */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** As {@link #test(ServerConfig, Path, ChatModels, Body)}, over a data folder the test prepared. */
    public static void test(ServerConfig config, Path corpus, ChatModels model, Path data, Body body) throws Exception {
        test(config, corpus, model, data, embedder(), body);
    }

    /** As {@link #test(ServerConfig, Path, ChatModels, Path, Body)}, with an embedding model of the test's. */
    public static void test(ServerConfig config, Path corpus, ChatModels model, Path data, Embedder embedder, Body body)
            throws Exception {
        ServerConfig c = config.withDirs(data, corpus).withPort(0);
        ReportLibrary.Config lib = ReportLibrary.Config.under(
                data,
                corpus,
                new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, embedder.modelId()),
                HybridOptions.DEFAULT);
        if (c.solrCloud() != null) {
            lib = lib.withSolrCloud(c.solrCloud());
        }
        try (Application app = Application.open(c, lib, embedder, model, IndexProgress.NONE)) {
            // Logs are not captured: a test's own figures (and any failure's log) stay visible. No
            // cookies to clear (a fresh client without a cookie store per test), and clearing them
            // is a request after the body, which a test that stopped the server would fail.
            JavalinTest.test(
                    app.server().create(),
                    new TestConfig(
                            false,
                            false,
                            java.net.http.HttpClient.newBuilder()
                                    .connectTimeout(Duration.ofSeconds(5))
                                    .build(),
                            Map.of()),
                    (server, client) -> body.run(app, new Client(client, server)));
        }
    }

    /** A client speaking to the test server (javalin-testtools' client, with JSON bodies). */
    public static final class Client {

        private final HttpClient http;
        private final Javalin server;

        Client(HttpClient http, Javalin server) {
            this.http = http;
            this.server = server;
        }

        /** The running server this client speaks to (to stop it in a test). */
        public Javalin server() {
            return server;
        }

        /** {@code http://127.0.0.1:PORT}. */
        public String base() {
            return http.getOrigin();
        }

        public Response get(String path) {
            return of(http.get(path));
        }

        public Response post(String path, String body) {
            return postAs(path, body, "application/json");
        }

        /** {@code PUT} of a JSON body. */
        public Response put(String path, String body) {
            return of(http.request(path, b -> b.put(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json")));
        }

        public Response postAs(String path, String body, String contentType) {
            return of(http.request(
                    path, b -> b.post(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType)));
        }

        /** {@code GET} with {@code Authorization: Bearer key}. */
        public Response getWithKey(String path, String key) {
            return getWith(path, "Authorization", "Bearer " + key);
        }

        /** {@code GET} with one header. */
        public Response getWith(String path, String header, String value) {
            return of(http.request(path, b -> b.get().header(header, value)));
        }

        /** {@code POST} of a JSON body with {@code Authorization: Bearer key}. */
        public Response postWithKey(String path, String body, String key) {
            return of(http.request(path, b -> b.post(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + key)));
        }

        public Response postAccepting(String path, String body, String accept) {
            return of(http.request(path, b -> b.post(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json")
                    .header("Accept", accept)));
        }

        public Response request(String method, String path) {
            return of(http.request(path, b -> {
                switch (method) {
                    case "PUT" -> b.put(HttpRequest.BodyPublishers.noBody());
                    case "DELETE" -> b.delete(HttpRequest.BodyPublishers.noBody());
                    case "PATCH" -> b.patch(HttpRequest.BodyPublishers.noBody());
                    default -> throw new IllegalArgumentException(method);
                }
            }));
        }

        public static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }

        private static Response of(io.javalin.testtools.Response r) {
            List<String> type = r.headers().get("Content-Type");
            return new Response(
                    r.code(),
                    type == null || type.isEmpty() ? "" : type.get(0),
                    r.body().string(),
                    r.headers());
        }
    }

    /** A response: status, content type, body, headers. */
    public record Response(int status, String contentType, String body, HttpHeaders headers) {

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The Server-Sent Events of the body, in order. */
        public List<Event> events() {
            List<Event> out = new ArrayList<>();
            for (String block : body.split("\n\n")) {
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line : block.split("\n")) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
                if (name != null) {
                    try {
                        out.add(new Event(name, JSON.readTree(data.toString())));
                    } catch (IOException e) {
                        throw new AssertionError("event data is not JSON: " + data, e);
                    }
                }
            }
            return out;
        }
    }

    /** One Server-Sent Event. */
    public record Event(String name, JsonNode data) {}

    private TestServer() {}
}
