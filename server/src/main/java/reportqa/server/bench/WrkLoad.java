package reportqa.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import reportqa.retrieval.Json;
import reportqa.retrieval.Resources;

/**
 * The load driven by wrk ({@code wrk-load.lua} beside this class): a thread per core, the
 * connections shared among them, every response timed. An answer with a status of 400 or more is an
 * error, as are connections refused, cut or timed out (after {@link #TIMEOUT}: a slow answer is
 * still an answer, as it is to the Java client).
 *
 * @param wrk the wrk executable
 * @param version what {@code wrk --version} says it is
 * @param threads wrk's threads (at most one per connection)
 */
record WrkLoad(Path wrk, String version, int threads) implements LoadClient {

    /** What the script prints before its line of results. */
    static final String MARKER = "reportqa-load ";

    /** How long a request may take before wrk counts it as timed out. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final String SCRIPT = "/reportqa/server/bench/wrk-load.lua";

    /** wrk as the path finds it, a thread per core; empty when there is none. */
    static Optional<WrkLoad> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path wrk = Path.of(dir, "wrk");
            if (Files.isRegularFile(wrk) && Files.isExecutable(wrk)) {
                return Optional.of(
                        new WrkLoad(wrk, versionOf(wrk), Runtime.getRuntime().availableProcessors()));
            }
        }
        return Optional.empty();
    }

    /** The version wrk gives on its first line ({@code wrk debian/4.1.0-3+b2 [epoll] …}), or "". */
    private static String versionOf(Path wrk) {
        try {
            Process p = new ProcessBuilder(wrk.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            String[] first = out.lines().findFirst().orElse("").split(" ");
            return first.length > 1 && first[0].equals("wrk") ? first[1] : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public String name() {
        return version.isEmpty() ? "wrk" : "wrk " + version;
    }

    @Override
    public HttpLoad.Result run(
            String name,
            List<HttpLoad.Request> requests,
            int connections,
            Duration warmup,
            Duration duration,
            Path work)
            throws IOException, InterruptedException {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("no requests to send");
        }
        URI base = base(requests);
        Files.createDirectories(work);
        Path lines = Files.createTempFile(work, "wrk", ".tsv");
        Path script = Files.createTempFile(work, "wrk", ".lua");
        Path out = Files.createTempFile(work, "wrk", ".out");
        try {
            Files.writeString(lines, requestLines(requests));
            Files.writeString(script, Resources.text(SCRIPT));
            if (!warmup.isZero()) {
                run(base, script, lines, connections, warmup, out);
            }
            JsonNode r = run(base, script, lines, connections, duration, out);
            return result(name, connections, r);
        } finally {
            Files.deleteIfExists(lines);
            Files.deleteIfExists(script);
            Files.deleteIfExists(out);
        }
    }

    /** The scheme, host and port every request goes to: wrk connects to one. */
    private static URI base(List<HttpLoad.Request> requests) {
        URI first = URI.create(requests.get(0).uri());
        for (HttpLoad.Request r : requests) {
            URI u = URI.create(r.uri());
            if (!u.getScheme().equals(first.getScheme())
                    || !u.getHost().equals(first.getHost())
                    || u.getPort() != first.getPort()) {
                throw new IllegalArgumentException("wrk loads one server; " + r.uri() + " is not on " + first);
            }
        }
        return URI.create(first.getScheme() + "://" + first.getRawAuthority());
    }

    /** The script's request file: method, path and query, body (or nothing), tab-separated. */
    static String requestLines(List<HttpLoad.Request> requests) {
        StringBuilder b = new StringBuilder();
        for (HttpLoad.Request r : requests) {
            URI u = URI.create(r.uri());
            String target = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            String body = r.body() == null ? "" : r.body();
            if (target.isEmpty() || (target + body).chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) {
                throw new IllegalArgumentException("a request wrk cannot send on one line: " + r);
            }
            b.append(r.method())
                    .append('\t')
                    .append(target)
                    .append('\t')
                    .append(body)
                    .append('\n');
        }
        return b.toString();
    }

    /** One run of wrk; what its script printed after {@link #MARKER}. */
    private JsonNode run(URI base, Path script, Path lines, int connections, Duration duration, Path out)
            throws IOException, InterruptedException {
        int t = Math.max(1, Math.min(threads, connections));
        List<String> command = new ArrayList<>(List.of(
                wrk.toString(),
                "--threads",
                Integer.toString(t),
                "--connections",
                Integer.toString(connections),
                "--duration",
                Math.max(1, duration.toSeconds()) + "s",
                "--timeout",
                TIMEOUT.toSeconds() + "s",
                "--script",
                script.toString(),
                base.toString(),
                "--",
                lines.toString(),
                Integer.toString(t)));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        long allowed = duration.plusMinutes(2).toSeconds();
        if (!p.waitFor(allowed, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk did not finish within " + allowed + " s");
        }
        List<String> said = Files.readAllLines(out);
        Optional<String> line = said.stream().filter(l -> l.startsWith(MARKER)).reduce((a, b) -> b);
        if (p.exitValue() != 0 || line.isEmpty()) {
            throw new IllegalStateException("wrk failed (exit " + p.exitValue() + "): " + String.join("\n", said));
        }
        return Json.mapper().readTree(line.get().substring(MARKER.length()));
    }

    /**
     * What the script measured, as the Java client reports it: answered are the responses below
     * status 400; every response is timed. wrk does not say which error came first: the result's
     * {@code firstError} counts each kind instead.
     */
    private HttpLoad.Result result(String name, int connections, JsonNode r) {
        long requests = r.path("requests").asLong();
        long status = r.path("status").asLong();
        long socket = r.path("connect").asLong()
                + r.path("read").asLong()
                + r.path("write").asLong()
                + r.path("timeout").asLong();
        String firstError = status + socket == 0
                ? ""
                : String.format(
                        "%d answered with a status of 400 or more; %d connect, %d read, %d write errors, %d timed out",
                        status,
                        r.path("connect").asLong(),
                        r.path("read").asLong(),
                        r.path("write").asLong(),
                        r.path("timeout").asLong());
        Latency latency = requests == 0
                ? Latency.NONE
                : new Latency(
                        (int) Math.min(Integer.MAX_VALUE, requests),
                        r.path("p50").asDouble() / 1000,
                        r.path("p99").asDouble() / 1000,
                        r.path("mean").asDouble() / 1000);
        return new HttpLoad.Result(
                name,
                connections,
                r.path("microseconds").asLong() / 1e6,
                requests - status,
                status + socket,
                latency,
                firstError,
                name());
    }
}
