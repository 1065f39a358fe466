package reportqa.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.BgeSmallZhEmbedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.search.HybridOptions;
import reportqa.server.answer.LanguageModel;
import reportqa.server.config.ServerConfig;

/**
 * The real server on a random loopback port over a corpus, and an HTTP client for it, in the
 * manner of Javalin's {@code JavalinTest.test(app, (server, client) -> …)}.
 */
public final class TestServer {

    /** Loading the ONNX model once per test JVM is enough. */
    private static BgeSmallZhEmbedder embedder;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A test body, given the running server and a client. */
    @FunctionalInterface
    public interface Body {
        void run(ReportQa qa, Client client) throws Exception;
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
            if (Files.exists(p.resolve("corpus/questions.jsonl")) && Files.exists(p.resolve("pom.xml"))) {
                return p.resolve("corpus");
            }
        }
        throw new IllegalStateException("no corpus/ found");
    }

    /** Opens the system over {@code corpus} with {@code config}, starts it on port 0, runs {@code body}, stops. */
    public static void test(ServerConfig config, Path corpus, LanguageModel model, Body body) throws Exception {
        Path data = Files.createTempDirectory("reportqa-test");
        ServerConfig c = config.withDirs(data, corpus).withPort(0);
        ReportLibrary.Config lib = ReportLibrary.Config.under(data, corpus,
                new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, embedder().modelId()), HybridOptions.DEFAULT);
        try (ReportQa qa = ReportQa.open(c, lib, embedder(), model, IndexProgress.NONE)) {
            Javalin app = qa.app().create().start("127.0.0.1", 0);
            try {
                body.run(qa, new Client("http://127.0.0.1:" + app.port()));
            } finally {
                app.stop();
            }
        }
    }

    /** A small HTTP client speaking to the test server. */
    public static final class Client {

        private final String base;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Client(String base) {
            this.base = base;
        }

        public String base() {
            return base;
        }

        public Response get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
        }

        public Response post(String path, String body) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        public Response postAccepting(String path, String body, String accept) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        public static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }

        private Response send(HttpRequest r) {
            try {
                HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(res.statusCode(), res.headers().firstValue("Content-Type").orElse(""), res.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A response: status, content type, body. */
    public record Response(int status, String contentType, String body) {

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
    public record Event(String name, JsonNode data) {
    }

    private TestServer() {
    }
}
