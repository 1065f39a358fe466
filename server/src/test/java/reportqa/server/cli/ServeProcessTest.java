package reportqa.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.TestServer;

/** {@code serve --port 0} in its own process: indexes, prints the real address, answers HTTP. */
class ServeProcessTest {

    private static final Pattern LISTENING = Pattern.compile("Listening on (http://127\\.0\\.0\\.1:(\\d+))");

    /** {@code reportqa ARGS --data DATA --corpus <seed corpus>} as its own process, not yet started. */
    private static ProcessBuilder reportqa(Path data, String... args) {
        return ReportqaProcess.command(data, TestServer.seedCorpus(), args);
    }

    @Test
    void servePrintsTheRealPortOnceReadyAndServesThePage(@TempDir Path data) throws Exception {
        Process p = reportqa(data, "serve", "--port", "0")
                .redirectError(data.resolve("stderr.txt").toFile())
                .start();
        List<String> stdout = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String base = null;
            while ((line = out.readLine()) != null) {
                stdout.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    base = m.group(1);
                    assertTrue(Integer.parseInt(m.group(2)) > 0);
                    break;
                }
            }
            assertNotNull(base, "the server never said it was listening");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"reports\":5"), health.body());
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("ReportQA"));
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        // Quiet by default: the index summary and the address on stdout; on stderr one line per
        // report indexed (a fresh index of the 5 seed reports), and no third-party chatter.
        assertEquals(2, stdout.size(), stdout.toString());
        assertTrue(
                stdout.get(0).startsWith("index: 5 added, 0 changed, 0 removed, 0 unchanged, 0 failed"), stdout.get(0));
        List<String> stderr = Files.readAllLines(data.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertEquals(5, stderr.size(), String.join("\n", stderr));
        for (String l : stderr) {
            assertTrue(l.matches("indexed \\S+ \\([1-5]/5\\)"), l);
        }
    }

    /**
     * {@code serve} beyond this machine: with {@code --allow-open} it listens (and warns); with API
     * keys over plain HTTP it listens, warns that the keys cross the network readable, and every API
     * request but health needs one.
     */
    @Test
    void beyondThisMachineServeListensWithAllowOpenOrWithKeys(@TempDir Path data) throws Exception {
        String key = "process-key-5f1c9a7e3b";
        Process open = reportqa(data, "serve", "--host", "0.0.0.0", "--port", "0", "--allow-open")
                .redirectError(data.resolve("open-stderr.txt").toFile())
                .start();
        try {
            String base = listening(open);
            HttpResponse<String> reports = get(base + "/api/reports", null);
            assertEquals(200, reports.statusCode(), reports.body());
        } finally {
            stop(open);
        }
        List<String> warned = Files.readAllLines(data.resolve("open-stderr.txt"), StandardCharsets.UTF_8);
        assertTrue(
                warned.get(0)
                        .startsWith("warning: listening on 0.0.0.0, which other machines can reach, with no API key"),
                String.join("\n", warned));

        // Logging everything there is: still no key in any line.
        ProcessBuilder keyedCommand = reportqa(
                        data, "serve", "--host", "0.0.0.0", "--port", "0", "--log-level", "trace")
                .redirectError(data.resolve("keyed-stderr.txt").toFile());
        keyedCommand.environment().put("REPORTQA_API_KEYS", key);
        Process keyed = keyedCommand.start();
        try {
            String base = listening(keyed);
            assertEquals(401, get(base + "/api/reports", null).statusCode());
            assertEquals(200, get(base + "/api/reports", key).statusCode());
            assertEquals(200, get(base + "/api/search?q=Sora", key).statusCode());
            assertEquals(
                    401,
                    get(base + "/api/reports", key.toUpperCase(Locale.ROOT)).statusCode());
            assertEquals("{\"status\":\"ok\"}", get(base + "/api/health", null).body());
        } finally {
            stop(keyed);
        }
        String stderr = Files.readString(data.resolve("keyed-stderr.txt"), StandardCharsets.UTF_8);
        assertTrue(stderr.contains("[DEBUG] "), "logging at trace: " + stderr);
        assertTrue(
                stderr.startsWith("warning: listening on 0.0.0.0 over plain HTTP: API keys and answers cross the"
                        + " network readable"),
                stderr);
        assertFalse(stderr.contains("with no API key"), "a key is set");
        assertFalse(stderr.toLowerCase(Locale.ROOT).contains(key.substring(8)), "the key is logged");
    }

    /**
     * A restart over an index already built serves its last commit while the folder is checked, and
     * says what the check found before it says it listens: a report added while the server was down
     * is searchable once "Listening on" is printed, and the index line counts it.
     */
    @Test
    void aRestartPrintsWhatItsUpdateFoundAndServesTheAddedReport(@TempDir Path tmp) throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        for (Path p : reportqa.retrieval.index.CorpusScan.reportFiles(TestServer.seedCorpus())) {
            Files.copy(p, corpus.resolve(p.getFileName()));
        }
        Path data = tmp.resolve("data");
        Process first = ReportqaProcess.command(data, corpus, "serve", "--port", "0")
                .redirectError(tmp.resolve("first-stderr.txt").toFile())
                .start();
        try {
            listening(first);
        } finally {
            stop(first);
        }
        String seed = Files.readString(corpus.resolve("000_49d3edf45c38a390.txt"), StandardCharsets.UTF_8);
        assertTrue(seed.contains("超讯通信"));
        Files.writeString(corpus.resolve("added_report.txt"), seed.replace("超讯通信", "银河鲸鱼"));

        Process again = ReportqaProcess.command(data, corpus, "serve", "--port", "0")
                .redirectError(tmp.resolve("again-stderr.txt").toFile())
                .start();
        try {
            List<String> stdout = new ArrayList<>();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(again.getInputStream(), StandardCharsets.UTF_8));
            String base = null;
            String line;
            while (base == null && (line = out.readLine()) != null) {
                stdout.add(line);
                Matcher m = ANY_LISTENING.matcher(line);
                if (m.find()) {
                    base = "http://127.0.0.1:" + m.group(1);
                }
            }
            assertNotNull(base, stdout.toString());
            assertEquals(2, stdout.size(), stdout.toString());
            assertTrue(
                    stdout.get(0).startsWith("index: 1 added, 0 changed, 0 removed, 5 unchanged, 0 failed"),
                    stdout.get(0));
            HttpResponse<String> search = get(
                    base + "/api/search?q=" + java.net.URLEncoder.encode("银河鲸鱼", StandardCharsets.UTF_8) + "&mode=bm25",
                    null);
            assertEquals(200, search.statusCode(), search.body());
            assertTrue(search.body().contains("\"added_report\""), search.body());
            JsonNode health =
                    new ObjectMapper().readTree(get(base + "/api/health", null).body());
            assertEquals(6, health.at("/corpus/reports").asInt(), health.toString());
        } finally {
            stop(again);
        }
    }

    /** Reads stdout up to the "Listening on" line; the base URL to reach it from this machine. */
    private static String listening(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = ANY_LISTENING.matcher(line);
            if (m.find()) {
                return "http://127.0.0.1:" + m.group(1);
            }
        }
        throw new AssertionError("the server never said it was listening");
    }

    private static final Pattern ANY_LISTENING = Pattern.compile("Listening on http://\\S+:(\\d+)$");

    private static HttpResponse<String> get(String url, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    @Test
    void jsonLogsAreOneJsonObjectPerLineOnStderr(@TempDir Path data) throws Exception {
        List<String> stderr = stderrOfIndex(reportqa(data, "index", "--log-format", "json", "-v"), data, "");
        ObjectMapper json = new ObjectMapper();
        List<String> messages = new ArrayList<>();
        for (String line : stderr) {
            JsonNode event = json.readTree(line); // every line, not just some, is a JSON object
            assertTrue(event.isObject() && event.has("level") && event.has("loggerName"), line);
            messages.add(event.get("formattedMessage").asText());
        }
        // Progress goes out as log events too, so nothing on stderr is plain text.
        assertEquals(
                5,
                messages.stream()
                        .filter(m -> m.matches("indexed \\S+ \\([1-5]/5\\)"))
                        .count(),
                messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("index update: 5 added")), messages.toString());
        String stdout = Files.readString(data.resolve("stdout.txt"), StandardCharsets.UTF_8);
        assertTrue(stdout.startsWith("5 added, 0 changed, 0 removed, 0 unchanged, 0 failed"), stdout);
    }

    /**
     * The shipped configuration ({@link LogConfigurator}): one {@code [LEVEL] Logger - message} line an
     * event, at the level asked for; a user's own logback file given by {@code
     * -Dlogback.configurationFile} replaces it.
     */
    @Test
    void textLogsAreOneLineAnEventAndAUsersOwnConfigurationWins(@TempDir Path data) throws Exception {
        List<String> stderr = stderrOfIndex(reportqa(data, "index", "-v"), data, "");
        assertTrue(
                stderr.contains(
                        "[INFO] CorpusIndexer - index update started: 5 report files, 0 reports in the last commit (rebuilding it whole)"),
                stderr.toString());
        for (String line : stderr) {
            // Progress lines (no terminal) are the progress bar's, not log events.
            assertTrue(line.matches("\\[(INFO|WARN|ERROR)\\] \\w+ - .*|indexed \\S+ \\([1-5]/5\\)"), line);
        }

        Path own = Files.writeString(
                data.resolve("own-logback.xml"),
                "<configuration><appender name=\"e\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                        + "<target>System.err</target><encoder><pattern>OWN %level %msg%n</pattern></encoder>"
                        + "</appender><root level=\"DEBUG\"><appender-ref ref=\"e\"/></root></configuration>");
        ProcessBuilder withOwn = reportqa(data, "index");
        withOwn.command().add(1, "-Dlogback.configurationFile=" + own);
        List<String> ownLines = stderrOfIndex(withOwn, data, "2");
        assertTrue(
                ownLines.stream()
                        .anyMatch(
                                l -> l.startsWith("OWN INFO index update: 0 added, 0 changed, 0 removed, 5 unchanged")),
                ownLines.toString());
        assertTrue(ownLines.stream().anyMatch(l -> l.startsWith("OWN DEBUG ")), "the file's own level, not warn");
        assertTrue(ownLines.stream().noneMatch(l -> l.startsWith("[")), ownLines.toString());
    }

    /**
     * Runs an {@code index} command to its end (stdout and stderr to {@code stdoutNAME.txt} and
     * {@code stderrNAME.txt} in {@code data}); checks it succeeded and gives its stderr lines.
     */
    private static List<String> stderrOfIndex(ProcessBuilder index, Path data, String name) throws Exception {
        Process p = index.redirectOutput(data.resolve("stdout" + name + ".txt").toFile())
                .redirectError(data.resolve("stderr" + name + ".txt").toFile())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "index did not finish");
        assertEquals(0, p.exitValue());
        return Files.readAllLines(data.resolve("stderr" + name + ".txt"), StandardCharsets.UTF_8);
    }
}
