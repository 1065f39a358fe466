package reportqa.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexCheck;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.search.HybridOptions;
import reportqa.server.TestServer;

/**
 * {@code kill -9} during indexing, in {@code mvn verify} (issue #9): {@code index} and {@code
 * serve} run as their own processes on a copy of the seed corpus and are stopped at 7 points of a
 * cold build and 3 points of an incremental update, each run starting from what the one before it
 * left. After every stop the index holds exactly its last commit — nothing of the stopped run, or
 * all of it, never a mix — and nothing in it is damaged; the run after the last stop ends with
 * exactly the passages (text, offsets, vectors) of a clean build, none twice, and {@code serve}
 * starts on it. One stop is a SIGTERM to {@code serve} while it indexes at start-up.
 */
class KillDuringIndexingTest {

    private static final Pattern UPDATE_STARTED = Pattern.compile("index update started: ");
    private static final Pattern UPDATE_DONE = Pattern.compile("index update: ");
    /** Only to catch a hang: a cold build of the seed corpus takes 10–15 s on two cores. */
    private static final Duration BOUND = Duration.ofMinutes(3);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a run is stopped. */
    enum Stop {
        /** SIGKILL, as {@code kill -9}. */
        KILL,
        /** SIGTERM, as a service manager stops a service. */
        TERM
    }

    /**
     * Where to stop a run.
     *
     * @param name what the run is doing then
     * @param command {@code index} or {@code serve}
     * @param line the line to wait for, or null for the start of the process
     * @param afterMillis how long after that line (or the start)
     * @param stop how
     */
    record Interruption(String name, String command, Pattern line, long afterMillis, Stop stop) {}

    /** "indexed … (n/5)" for the n-th report file, or for the report {@code id}. */
    private static Pattern indexed(String id, int n) {
        return Pattern.compile("^indexed " + Pattern.quote(id) + "\\S* \\(" + n + "/5\\)$");
    }

    private static final List<Interruption> COLD = List.of(
            new Interruption("the JVM starting", "index", null, 300, Stop.KILL),
            new Interruption("the index writer just opened", "index", UPDATE_STARTED, 0, Stop.KILL),
            new Interruption("embedding the first report", "index", UPDATE_STARTED, 1_000, Stop.KILL),
            new Interruption("1 report written, none committed", "index", indexed("", 1), 0, Stop.KILL),
            new Interruption("serve indexing at start-up, 3 reports written", "serve", indexed("", 3), 0, Stop.TERM),
            // The embedding model still loads then (1.2–1.3 s): ONNX Runtime's own shutdown hook released
            // its environment under the load and aborted the JVM (134) in 4 of 15 such stops before
            // StopSignals.
            new Interruption(
                    "serve as its start-up update begins, the model still loading",
                    "serve",
                    UPDATE_STARTED,
                    0,
                    Stop.TERM),
            new Interruption("committing: 5 reports written", "index", indexed("", 5), 0, Stop.KILL),
            new Interruption("just committed", "index", UPDATE_DONE, 0, Stop.KILL));

    private static final List<Interruption> INCREMENTAL = List.of(
            new Interruption("the changed report rewritten", "index", indexed("000_", 1), 0, Stop.KILL),
            new Interruption("embedding the added report", "index", indexed("000_", 1), 200, Stop.KILL),
            new Interruption(
                    "committing: the added report written, the removal and the commit under way",
                    "index",
                    indexed("005_", 5),
                    100,
                    Stop.KILL));

    @Test
    void killedBuildsAndUpdatesLeaveTheLastCommitAndTheNextRunEndsAsACleanBuild(@TempDir Path tmp) throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        try (Stream<Path> seed = Files.list(TestServer.seedCorpus())) {
            for (Path f : seed.filter(f -> f.toString().endsWith(".txt")).toList()) {
                Files.copy(f, corpus.resolve(f.getFileName()));
            }
        }
        Path data = tmp.resolve("data");
        Path index = layout(data, corpus).indexDir();

        IndexContents cold = cleanBuild(corpus, tmp.resolve("clean-cold"), null);
        assertEquals(5, cold.reports().size());
        assertTrue(cold.duplicates().isEmpty(), cold.duplicates().toString());
        List<String> figures = new ArrayList<>();
        for (int i = 0; i < COLD.size(); i++) {
            figures.add("cold " + (i + 1) + "/" + COLD.size() + ": "
                    + interrupt(COLD.get(i), data, corpus, index, Optional.empty(), cold, tmp));
        }
        figures.add("cold, then: " + serveAndCompare(data, corpus, index, cold, tmp));
        // Every stop of the update starts from this state (the cold commit, and an embedding cache
        // without the added report's vectors): a run that finishes before its stop (the model
        // embeds a report in a fraction of a second) would otherwise leave the next nothing to do.
        Path coldData = tmp.resolve("data-cold");
        copyTree(data, coldData);

        // An update: one report changed, one removed, one added (its passages new to the cache).
        Path changed = corpus.resolve("000_49d3edf45c38a390.txt");
        Files.writeString(
                changed,
                Files.readString(changed, StandardCharsets.UTF_8) + "\n补充说明：本次更新新增了对视频生成模型单次推理成本的测算，约为每分钟视频 0.5 元。\n",
                StandardCharsets.UTF_8);
        Files.delete(corpus.resolve("004_5d62042c63f084b6.txt"));
        Files.writeString(
                corpus.resolve("005_added.txt"),
                Files.readString(corpus.resolve("003_b9fc14e133e3b502.txt"), StandardCharsets.UTF_8)
                        .replace("的", "之"),
                StandardCharsets.UTF_8);
        IndexContents updated = cleanBuild(corpus, tmp.resolve("clean-updated"), tmp.resolve("clean-cold"));
        assertEquals(5, updated.reports().size());
        assertFalse(updated.reports().containsKey("004_5d62042c63f084b6"));
        for (int i = 0; i < INCREMENTAL.size(); i++) {
            deleteTree(data);
            copyTree(coldData, data);
            figures.add("update " + (i + 1) + "/" + INCREMENTAL.size() + ": "
                    + interrupt(INCREMENTAL.get(i), data, corpus, index, Optional.of(cold), updated, tmp));
        }
        figures.add("update, then: " + serveAndCompare(data, corpus, index, updated, tmp));
        figures.forEach(System.out::println);
    }

    /**
     * Runs {@code point.command()}, stops it at {@code point}, and checks the index holds the commit
     * before the run ({@code before}; empty: none) or the one it was making ({@code after}).
     *
     * @return what happened, for the figures
     */
    private static String interrupt(
            Interruption point,
            Path data,
            Path corpus,
            Path index,
            Optional<IndexContents> before,
            IndexContents after,
            Path workDir)
            throws Exception {
        // -v: the info lines the stops wait for ("index update started: …", "index update: …").
        String[] args = point.command().equals("serve")
                ? new String[] {"serve", "-v", "--port", "0"}
                : new String[] {point.command(), "-v"};
        ProcessBuilder command = quiet(ReportqaProcess.command(data, corpus, args), workDir);
        long stoppedAt;
        int exit;
        boolean endedFirst;
        try (ReportqaProcess p = ReportqaProcess.start(command)) {
            if (point.line() != null) {
                p.await(s -> point.line().matcher(s).find(), point.line().pattern(), BOUND);
            }
            Thread.sleep(point.afterMillis());
            endedFirst = !p.isAlive();
            stoppedAt = p.millis();
            if (point.stop() == Stop.KILL) {
                p.kill();
            } else {
                p.terminate();
            }
            exit = p.awaitExit(Duration.ofSeconds(30));
            long exitedAfter = p.millis() - stoppedAt;
            if (point.stop() == Stop.TERM && !endedFirst) {
                assertEquals(143, exit, "SIGTERM during indexing: " + p.output());
                assertTrue(exitedAfter < 10_000, "SIGTERM took " + exitedAfter + " ms to end it");
            }
            String damage = IndexCheck.check(index, "index")
                    .map(IndexCheck.IndexDamage::reason)
                    .orElse(null);
            assertEquals(null, damage, point.name() + ": the index was damaged");
            Optional<IndexContents> now = IndexContents.of(index);
            String landed;
            if (now.isEmpty() || now.get().reports().isEmpty()) {
                assertTrue(before.isEmpty(), point.name() + ": the last commit is gone");
                landed = now.isEmpty() ? "no commit point, as before" : "an empty commit, nothing of the build";
            } else if (now.get().differencesFrom(after).isEmpty()) {
                landed = "the new commit, whole";
            } else {
                assertTrue(
                        before.isPresent(),
                        point.name() + ": a commit that is not the clean build: "
                                + now.get().differencesFrom(after));
                List<String> fromBefore = now.get().differencesFrom(before.get());
                assertTrue(fromBefore.isEmpty(), point.name() + ": neither commit: " + fromBefore);
                landed = "the previous commit, unchanged";
            }
            return String.format(
                    "%s (%s, %s %d ms after start%s): exit %d %d ms later; the index then: %s; not damaged",
                    point.name(),
                    point.command(),
                    point.stop() == Stop.KILL ? "SIGKILL" : "SIGTERM",
                    stoppedAt,
                    endedFirst ? ", after it had ended" : "",
                    exit,
                    exitedAfter,
                    landed);
        }
    }

    /**
     * Starts {@code serve} on what the stops left: it brings the index up to date, serves health and
     * search, stops on SIGTERM, and leaves exactly the passages of {@code clean}.
     */
    private static String serveAndCompare(Path data, Path corpus, Path index, IndexContents clean, Path workDir)
            throws Exception {
        String summary;
        long listeningAt;
        int exit;
        try (ReportqaProcess p =
                ReportqaProcess.start(quiet(ReportqaProcess.command(data, corpus, "serve", "--port", "0"), workDir))) {
            String base = p.awaitListening(BOUND);
            listeningAt = p.millis();
            summary = p.lines().stream()
                    .map(ReportqaProcess.Line::text)
                    .filter(l -> l.startsWith("index: "))
                    .findFirst()
                    .orElse("");
            HttpClient http = HttpClient.newHttpClient();
            JsonNode health = JSON.readTree(get(http, base + "/api/health"));
            assertEquals("ok", health.get("status").asText(), health.toString());
            assertEquals(5, health.at("/corpus/reports").asInt(), health.toString());
            JsonNode search = JSON.readTree(get(http, base + "/api/search?q=Sora"));
            assertTrue(search.get("passages").size() > 0, search.toString());
            p.terminate();
            exit = p.awaitExit(Duration.ofSeconds(30));
        }
        IndexContents now = IndexContents.of(index).orElseThrow();
        List<String> differences = now.differencesFrom(clean);
        assertTrue(differences.isEmpty(), "not the clean build's passages: " + differences);
        return String.format(
                "serve listening %d ms after start (%s), health ok, %d passages as in a clean build, none"
                        + " twice; exit %d on SIGTERM",
                listeningAt, summary, now.passages().size(), exit);
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The process in its own folder, with no REPORTQA_ setting from the environment. */
    private static ProcessBuilder quiet(ProcessBuilder command, Path workDir) {
        command.environment().keySet().removeIf(k -> k.startsWith("REPORTQA_"));
        return command.directory(workDir.toFile());
    }

    /** Where the command line keeps the index of {@code corpus} under {@code data}. */
    private static ReportLibrary.Config layout(Path data, Path corpus) {
        return ReportLibrary.Config.under(
                data,
                corpus,
                new IndexSettings(
                        Analysis.DEFAULT,
                        ChunkingOptions.DEFAULT,
                        TestServer.embedder().modelId()),
                HybridOptions.DEFAULT);
    }

    /**
     * A clean build of {@code corpus} in this JVM, in a data folder of its own; with the embedding
     * cache of {@code cacheFrom}'s data folder, when given, so only new passages are embedded.
     */
    private static IndexContents cleanBuild(Path corpus, Path data, Path cacheFrom) throws IOException {
        if (cacheFrom != null) {
            Path cache = Files.createDirectories(data.resolve("cache"));
            try (Stream<Path> files = Files.list(cacheFrom.resolve("cache"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, cache.resolve(f.getFileName()));
                }
            }
        }
        ReportLibrary.Config config = layout(data, corpus);
        ReportLibrary.open(config, TestServer.embedder(), IndexProgress.NONE)
                .library()
                .close();
        return IndexContents.of(config.indexDir()).orElseThrow();
    }
}
