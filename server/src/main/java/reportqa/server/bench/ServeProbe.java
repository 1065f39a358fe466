package reportqa.server.bench;

import java.io.File;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;

/**
 * Start-up time and memory of a server in a process of its own: from the process start to the first
 * question answered over HTTP, then its resident memory (VmRSS) and its heap in use after a full
 * collection, once it has answered a few questions. A server started this way is what a user starts;
 * the benchmark's own process, which holds every size at once, would say nothing about either.
 */
final class ServeProbe {

    /**
     * What the starts of one server measured: the median time to the first answer, each start's in
     * the order they ran ({@link #STARTS} of them: on this machine one start's figure moved by half a
     * second from run to run), and the memory of the last one.
     */
    record Started(List<Double> starts, long rssBytes, long rssFileBytes, long heapUsedBytes, String heapFlag) {

        Started {
            starts = List.copyOf(starts);
        }

        /** The median of the starts' times to the first answer, in seconds. */
        double secondsToFirstAnswer() {
            List<Double> sorted = starts.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        /** These figures with {@code earlier} starts' times before this one's. */
        Started after(List<Double> earlier) {
            List<Double> all = new ArrayList<>(earlier);
            all.addAll(starts);
            return new Started(all, rssBytes, rssFileBytes, heapUsedBytes, heapFlag);
        }
    }

    /** How many times each server is started to time its first answer. */
    static final int STARTS = 3;

    private ServeProbe() {}

    /** A server process that has answered its first question. */
    record Running(Process process, double secondsToFirstAnswer, String heapFlag) implements AutoCloseable {

        long pid() {
            return process.pid();
        }

        /** Asks each question once, in turn (on {@code port}, where it serves). */
        void ask(int port, List<String> questions) throws IOException, InterruptedException {
            HttpClient http = client();
            for (String q : questions) {
                ServeProbe.ask(http, "http://127.0.0.1:" + port, q);
            }
        }

        /** Its resident memory and, after a full collection, its heap in use. */
        Started memory() throws IOException, InterruptedException {
            String pid = Long.toString(process.pid());
            run(List.of(jdkTool("jcmd"), pid, "GC.run"));
            long heap = heapUsed(run(List.of(jdkTool("jcmd"), pid, "GC.heap_info")));
            return new Started(
                    List.of(secondsToFirstAnswer),
                    rss(process.pid(), "VmRSS:"),
                    rss(process.pid(), "RssFile:"),
                    heap,
                    heapFlag);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Starts {@code command} (which serves on {@code port}), times it to the first answer of
     * {@code question}, asks {@code more} further questions, reads its memory and stops it.
     */
    static Started probe(List<String> command, int port, String question, List<String> more, Path log)
            throws Exception {
        List<Double> earlier = earlierStarts(command, port, question, log);
        try (Running r = start(command, port, question, log)) {
            r.ask(port, more);
            return r.memory().after(earlier);
        }
    }

    /**
     * The times to the first answer of all but the last of {@link #STARTS} starts of {@code command},
     * each stopped once it answered (the last is the caller's, measured further).
     */
    static List<Double> earlierStarts(List<String> command, int port, String question, Path log) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < STARTS; i++) {
            try (Running r = start(command, port, question, log)) {
                out.add(r.secondsToFirstAnswer());
            }
        }
        return out;
    }

    /**
     * Starts {@code command} (which serves on {@code port}) and waits for its first answer of
     * {@code question}; the caller stops it.
     */
    static Running start(List<String> command, int port, String question, Path log) throws Exception {
        HttpClient http = client();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        String flag =
                command.stream().filter(a -> a.startsWith("-Xmx")).findFirst().orElse("default heap");
        Running running = new Running(p, -1, flag);
        try {
            String base = "http://127.0.0.1:" + port;
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the server stopped before answering; see " + log);
                }
                if (System.nanoTime() - t0 > Duration.ofMinutes(15).toNanos()) {
                    throw new IllegalStateException("no answer within 15 minutes; see " + log);
                }
                try {
                    if (ask(http, base, question) == 200) {
                        return new Running(p, (System.nanoTime() - t0) / 1e9, flag);
                    }
                } catch (IOException notYet) {
                    // Not listening yet: the probe is polling.
                }
                Thread.sleep(20);
            }
        } catch (Exception | Error e) {
            running.close();
            throw e;
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static int ask(HttpClient http, String base, String question) throws IOException, InterruptedException {
        String body = "{\"question\":\"" + question.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        HttpResponse<String> res = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/ask"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return res.statusCode();
    }

    /**
     * A resident-memory figure of a process from /proc/PID/status, in bytes (Linux): VmRSS, all of
     * it; RssFile, the pages of mapped files (the index, the JDK's libraries).
     */
    static long rss(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    /** The heap in use from {@code jcmd GC.heap_info} (G1: "garbage-first heap total …K, used …K"). */
    static long heapUsed(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit + ": " + out.strip());
        }
        return out;
    }

    /** A tool of the JDK this runs on ({@code java}, {@code jcmd}), not whichever the path finds first. */
    static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /**
     * The initial heap of the servers started. The JVM's default is 1/64 of the machine's memory
     * (384 MB on this 24 GB machine), and G1 keeps what it committed: the server on 333,920
     * passages held 355 MB of heap for 110 MB in use (RSS 904 MB after 21 questions; 854 MB started
     * with this).
     */
    static final String INITIAL_HEAP = "64m";

    /** The heap flags of a server started with the most heap {@code max}. */
    static List<String> heapFlags(String max) {
        return List.of("-Xms" + INITIAL_HEAP, "-Xmx" + max);
    }

    /** The class-data archive the build records beside the jar (README, "Run"). */
    static final String CLASS_ARCHIVE = "reportqa.jsa";

    /**
     * The flags a server is started with: the heap, the jar's class-data archive when this runs
     * from a jar with one beside it, and {@code server/jvm.options} — as the README's run command
     * starts it.
     */
    static List<String> serverFlags(String max) {
        List<String> flags = new ArrayList<>(heapFlags(max));
        classArchive().ifPresent(a -> flags.add("-XX:SharedArchiveFile=" + a));
        flags.addAll(jvmOptions());
        return flags;
    }

    /** Where {@code server/jvm.options} is on the classpath (the build copies it into the jar). */
    static final String JVM_OPTIONS = "/reportqa/jvm.options";

    /**
     * The options of {@code server/jvm.options}, as the {@code java} launcher reads an argument file
     * that quotes and escapes nothing: options are separated by white space, and a word beginning
     * with {@code #} begins a comment to the end of its line.
     *
     * @throws IllegalStateException for a quote, a backslash or a {@code #} inside an option: the
     *     launcher reads those by rules this reading does not follow
     */
    static List<String> jvmOptions() {
        return jvmOptions(Resources.text(JVM_OPTIONS));
    }

    /** The options of an argument file's text (see {@link #jvmOptions()}). */
    static List<String> jvmOptions(String file) {
        List<String> out = new ArrayList<>();
        for (String line : file.lines().toList()) {
            for (String word : line.strip().split("\\s+")) {
                if (word.startsWith("#")) {
                    break;
                }
                if (word.matches(".*[\"'\\\\#].*")) {
                    throw new IllegalStateException(
                            JVM_OPTIONS + ": a quote, backslash or # inside an option, which the java launcher reads"
                                    + " by rules of its own: " + word);
                }
                if (!word.isEmpty()) {
                    out.add(word);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The archive beside the jar this runs from, if any. */
    static Optional<Path> classArchive() {
        String cp = System.getProperty("java.class.path");
        if (cp.contains(File.pathSeparator) || !cp.endsWith(".jar")) {
            return Optional.empty();
        }
        Path archive = Path.of(cp).resolveSibling(CLASS_ARCHIVE);
        return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
    }

    /** The command that runs {@link BenchServer} from this jar with the given heap. */
    static List<String> scaleServer(
            String heap, Path corpus, Path data, Path indexDir, Path cacheDir, boolean realModel, int port) {
        List<String> c = new ArrayList<>();
        c.add(jdkTool("java"));
        c.addAll(serverFlags(heap));
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add(BenchServer.class.getName());
        c.add(corpus.toString());
        c.add(data.toString());
        c.add(indexDir.toString());
        c.add(Integer.toString(port));
        c.add(cacheDir.toString());
        c.add(realModel ? BenchServer.REAL_MODEL : BenchServer.SENTENCE_MEANS);
        return c;
    }
}
