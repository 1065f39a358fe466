package reportqa.server.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reportqa.retrieval.Json;

/**
 * A closed-loop load generator over real HTTP: {@code connections} clients, each sending its next
 * request as soon as the previous one is answered, for a fixed time, cycling through the requests
 * given. Counts what was answered 200 and what was not (another status, or no answer), and the
 * latency of the answered ones.
 *
 * <p>The suite runs it as it runs wrk: in a small process of its own ({@link #inProcessOfItsOwn},
 * {@link InProcess}), on the same cores as the server it loads, so that its own cost is part of the
 * figures but the suite's process (which holds every library size it built) is not. {@link #main}
 * is that process. Its cost is about 2 ms of CPU a request (see {@link LoadClient}).
 */
final class HttpLoad {

    /** One request as the client process reads it: method, address, and a JSON body for a POST. */
    record Request(String method, String uri, String body) {

        static Request get(String uri) {
            return new Request("GET", uri, null);
        }

        static Request postJson(String uri, String body) {
            return new Request("POST", uri, body);
        }

        HttpRequest toHttp() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri));
            return body == null
                    ? b.GET().build()
                    : b.header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
        }
    }

    /** How the results name this client. */
    static final String NAME = "Java (java.net.http)";

    /** The Java client as the suite runs it: in a process of its own, from {@code classPath}. */
    record InProcess(String classPath) implements LoadClient {

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Result run(
                String name, List<Request> requests, int connections, Duration warmup, Duration duration, Path work)
                throws IOException, InterruptedException {
            return inProcessOfItsOwn(classPath, name, requests, connections, warmup, duration, work);
        }
    }

    /** The heap of the client process: it keeps the latencies of one run and little else. */
    static final String CLIENT_HEAP = "-Xmx256m";

    /**
     * The client process: {@code REQUESTS-FILE CONNECTIONS WARM-UP-SECONDS SECONDS NAME}; the file
     * holds a {@link Request} per line as JSON. Prints the {@link Result} as one line of JSON.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: HttpLoad REQUESTS-FILE CONNECTIONS WARM-UP-SECONDS SECONDS NAME");
            System.exit(2);
        }
        List<HttpRequest> requests = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.isBlank()) {
                requests.add(Json.mapper().readValue(line, Request.class).toHttp());
            }
        }
        Result r = run(
                args[4],
                requests,
                Integer.parseInt(args[1]),
                Duration.ofSeconds(Long.parseLong(args[2])),
                Duration.ofSeconds(Long.parseLong(args[3])));
        System.out.println(Json.mapper().writeValueAsString(r));
        // The client's pool threads are not daemons; the run is over.
        System.exit(0);
    }

    /**
     * Runs the load in a process of its own ({@link #main}, started with {@code java} and
     * {@code classPath}), and returns what it measured.
     */
    static Result inProcessOfItsOwn(
            String classPath,
            String name,
            List<Request> requests,
            int connections,
            Duration warmup,
            Duration duration,
            Path work)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path file = Files.createTempFile(work, "load", ".jsonl");
        Path out = Files.createTempFile(work, "load", ".out");
        try {
            StringBuilder lines = new StringBuilder();
            for (Request r : requests) {
                lines.append(Json.mapper().writeValueAsString(r)).append('\n');
            }
            Files.writeString(file, lines);
            Process p = new ProcessBuilder(
                            ServeProbe.jdkTool("java"),
                            CLIENT_HEAP,
                            "-cp",
                            classPath,
                            HttpLoad.class.getName(),
                            file.toString(),
                            Integer.toString(connections),
                            Long.toString(warmup.toSeconds()),
                            Long.toString(duration.toSeconds()),
                            name)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            long allowed = warmup.plus(duration).plusMinutes(2).toSeconds();
            if (!p.waitFor(allowed, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the load client did not finish within " + allowed + " s");
            }
            List<String> said = Files.readAllLines(out);
            String last = said.isEmpty() ? "" : said.get(said.size() - 1);
            if (p.exitValue() != 0 || !last.startsWith("{")) {
                throw new IllegalStateException(
                        "the load client failed (exit " + p.exitValue() + "): " + String.join("\n", said));
            }
            return Json.mapper().readValue(last, Result.class);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(out);
        }
    }

    /**
     * What one run measured.
     *
     * @param client the client that measured it ({@link LoadClient#name()})
     */
    record Result(
            String name,
            int connections,
            double seconds,
            long answered,
            long errors,
            Latency latency,
            String firstError,
            String client) {

        @JsonIgnore
        double requestsPerSecond() {
            return answered / seconds;
        }
    }

    private HttpLoad() {}

    static Result run(String name, List<HttpRequest> requests, int connections, Duration warmup, Duration duration)
            throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(2))
                .build();
        drive(http, requests, connections, warmup, null);
        List<List<Long>> nanos = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        StringBuilder firstError = new StringBuilder();
        long t0 = System.nanoTime();
        drive(http, requests, connections, duration, new Sink(nanos, errors, firstError));
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Long> all = new ArrayList<>();
        nanos.forEach(all::addAll);
        return new Result(
                name,
                connections,
                seconds,
                all.size(),
                errors.get(),
                Latency.ofNanos(all),
                firstError.toString(),
                NAME);
    }

    /** Where the measured run's outcomes go. */
    private record Sink(List<List<Long>> nanos, AtomicLong errors, StringBuilder firstError) {

        synchronized List<Long> forClient() {
            List<Long> mine = new ArrayList<>();
            nanos.add(mine);
            return mine;
        }

        void error(String what) {
            errors.incrementAndGet();
            synchronized (firstError) {
                if (firstError.length() == 0) {
                    firstError.append(what);
                }
            }
        }
    }

    private static void drive(
            HttpClient http, List<HttpRequest> requests, int connections, Duration duration, Sink sink)
            throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int first = c;
                running.add(clients.submit(() -> {
                    List<Long> mine = sink == null ? null : sink.forClient();
                    for (int i = first; System.nanoTime() < end; i += connections) {
                        HttpRequest r = requests.get(i % requests.size());
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> res = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
                            long took = System.nanoTime() - t0;
                            if (sink == null) {
                                continue;
                            }
                            if (res.statusCode() == 200) {
                                mine.add(took);
                            } else {
                                sink.error(r.uri().getPath() + " answered " + res.statusCode());
                            }
                        } catch (Exception e) {
                            if (sink != null) {
                                sink.error(r.uri().getPath() + ": " + e);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
