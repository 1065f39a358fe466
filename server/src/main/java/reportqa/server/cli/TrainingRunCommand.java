package reportqa.server.cli;

import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reportqa.retrieval.embed.BackgroundEmbedder;
import reportqa.retrieval.index.IndexProgress;
import reportqa.server.Application;
import reportqa.server.config.Access;
import reportqa.server.config.ServerConfig;
import reportqa.server.http.ApiServer;
import reportqa.server.pipeline.WarmUp;

/**
 * The run a class-data archive is recorded from ({@code java -XX:ArchiveClassesAtExit=reportqa.jsa
 * -jar reportqa.jar training-run}; the build does it, see the README): the classes a server loads
 * to start and answer, so that a start with {@code -XX:SharedArchiveFile=reportqa.jsa} maps them
 * instead of reading, parsing and verifying them from the jar (7,300 classes: a second of CPU of
 * every start on this two-core machine; see BENCHMARKS.md). It opens a library (indexing it if
 * needed), warms it up as {@code serve} does, starts the HTTP server on a free loopback port, asks
 * it for the page and each API endpoint once, and stops. Settings from the environment or a
 * properties file are not read: a key or another host set there would only make the run fail.
 */
@Command(
        name = "training-run",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = "Start a server on a free loopback port, call each endpoint once, stop: what a"
                + " class-data archive is recorded from.")
final class TrainingRunCommand implements Callable<Integer> {

    @Option(names = "--corpus", paramLabel = "DIR", required = true, description = "Folder of report files.")
    Path corpus;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Data folder for the run.")
    Path data;

    @Override
    public Integer call() throws Exception {
        // The command line of a start of serve, as it is built then (this run's own holds only
        // itself): its option classes belong in the archive too.
        Main.commandLine("serve");
        ServerConfig config =
                ServerConfig.defaults().withDirs(data, corpus).withPort(0).withAccess(Access.UNLIMITED);
        TuningOptions tuning = new TuningOptions();
        // Quiet: it runs inside a build (the library's progress lines would be noise there).
        try (BackgroundEmbedder embedder = tuning.index.embedderInBackground(data);
                Application qa = new CommonOptions().openApplication(config, tuning, embedder, IndexProgress.NONE)) {
            // Every warm-up question, each before serving: the archive holds the classes of every path.
            WarmUp.run(qa.answers());
            Javalin http = ApiServer.starting(
                            config, CompletableFuture.completedFuture(qa.server()), ApiServer.STARTUP_WAIT)
                    .start();
            try {
                int answered = callEach(
                        "http://127.0.0.1:" + http.port(), WarmUp.questions().get(0));
                System.out.println("training run: " + answered + " requests answered");
            } finally {
                ApiServer.stop(http, Duration.ofSeconds(5));
            }
        }
        return 0;
    }

    /** Calls the page and each endpoint once; any answer but 200 fails the run. */
    private static int callEach(String base, String question) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String ask = "{\"question\":\"" + question.replace("\"", "\\\"") + "\"}";
        String q = URLEncoder.encode(question, StandardCharsets.UTF_8);
        List<HttpRequest> requests = List.of(
                HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpRequest.newBuilder(URI.create(base + "/app.js")).build(),
                HttpRequest.newBuilder(URI.create(base + "/api/health")).build(),
                HttpRequest.newBuilder(URI.create(base + "/api/reports")).build(),
                HttpRequest.newBuilder(URI.create(base + "/api/search?q=" + q)).build(),
                post(base + "/api/ask", ask),
                post(base + "/api/ask/stream", ask));
        for (HttpRequest r : requests) {
            HttpResponse<String> res = client.send(r, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new IllegalStateException(r.method() + " " + r.uri() + " answered " + res.statusCode());
            }
        }
        return requests.size();
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
    }
}
