package reportqa.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.TestServer;

/** The command line, run in-process. */
class CliTest {

    @TempDir
    Path data;

    /** What a command printed, run in-process expecting exit code {@code exit}. */
    private record Printed(String out, String err) {}

    private static Printed exec(int exit, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(exit, Main.run(args), () -> "exit code of " + String.join(" ", args));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Printed(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Stdout of a command that must succeed. */
    private static String run(String... args) {
        return exec(0, args).out();
    }

    /** Stderr of a command that must fail with {@code exit}. */
    private static String fails(int exit, String... args) {
        return exec(exit, args).err();
    }

    @Test
    void badArgumentsAndSettingsAreOneLineErrorsNotStackTraces() {
        String out = fails(Main.USAGE_ERROR, "search", "Sora", "-k", "0", "--data", data.toString())
                + fails(Main.USAGE_ERROR, "search", "Sora", "--mode", "fuzzy", "--data", data.toString())
                + fails(
                        Main.USAGE_ERROR,
                        "serve",
                        "--config",
                        data.resolve("missing.properties").toString())
                + fails(Main.USAGE_ERROR, "serve", "--llm-temperature", "hot", "--data", data.toString());
        assertTrue(
                out.contains("error: k must be between 1 and") && out.contains("error: unknown search mode 'fuzzy'"),
                out);
        assertTrue(out.contains("missing.properties: no such file") && out.contains("llm.temperature"), out);
        assertFalse(out.contains("\tat "), "no stack trace: " + out);
    }

    @Test
    void badFlagValuesAndQuestionFilesGetOneLineNamingTheValue() throws Exception {
        assertEquals(
                "error: Invalid value for option '--from': '2024-13-01' is not a date like 2024-03-19\n"
                        + "Try 'reportqa search --help'.\n",
                fails(Main.USAGE_ERROR, "search", "Sora", "--from", "2024-13-01", "--data", data.toString()));
        Path missing = data.resolve("missing.jsonl");
        assertEquals(
                "error: questions file not found: " + missing + "\n",
                fails(Main.USAGE_ERROR, "eval", missing.toString(), "--data", data.toString()));
        Path noId = data.resolve("no-id.jsonl");
        Files.writeString(noId, "{\"question\": \"Sora?\"}\n");
        assertEquals(
                "error: no-id.jsonl line 1: not a question: \"id\" is missing\n",
                fails(Main.USAGE_ERROR, "eval", noId.toString(), "--data", data.toString()));
        Path broken = data.resolve("broken.jsonl");
        Files.writeString(broken, "\n{\"id\": \"q1\", \"question\": \"Sora?\"\n");
        String brokenErr = fails(Main.USAGE_ERROR, "eval", broken.toString(), "--data", data.toString());
        assertTrue(brokenErr.startsWith("error: broken.jsonl line 2: not a question: invalid JSON"), brokenErr);
        assertFalse(brokenErr.contains("reportqa.retrieval") || brokenErr.contains("Exception"), brokenErr);
        String noQuestions = fails(Main.USAGE_ERROR, "bench");
        assertTrue(noQuestions.startsWith("error: Missing required parameter: 'QUESTIONS.jsonl'"), noQuestions);
        assertEquals(2, noQuestions.lines().count(), noQuestions);
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"serve", "ask", "index", "search", "eval", "bench"}) {
            assertTrue(run(c, "--help").contains("Usage: reportqa " + c), c);
        }
        String bench = run("bench", "--help");
        assertTrue(bench.contains("QUESTIONS.jsonl") && bench.contains("--rounds"), bench);
        assertTrue(
                bench.contains("--[no-]warmup") && bench.contains("Send every question once before measuring"), bench);
    }

    @Test
    void indexSearchEvalAndAskWorkOnACorpusFolder() throws Exception {
        String corpus = TestServer.seedCorpus().toString();
        String d = data.toString();
        String index = run("index", "--corpus", corpus, "--data", d);
        assertTrue(index.contains("5 added"), index);
        assertTrue(run("index", "--corpus", corpus, "--data", d).contains("5 unchanged"));

        String search = run("search", "Kimi 支持多少字", "--corpus", corpus, "--data", d, "-k", "2");
        assertTrue(search.contains("[1]") && search.contains("上海证券 · 2024-03-25"), search);

        JsonNode eval = new ObjectMapper()
                .readTree(run(
                        "eval",
                        TestServer.seedCorpus().resolve("questions.jsonl").toString(),
                        "--corpus",
                        corpus,
                        "--data",
                        d,
                        "--mode",
                        "all",
                        "--json"));
        for (String mode : new String[] {"bm25", "dense", "hybrid"}) {
            JsonNode m = eval.get(mode);
            for (String key : new String[] {"questions", "recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10"}) {
                assertTrue(m.has(key), mode + " lacks " + key);
            }
        }
        JsonNode hybrid = new ObjectMapper()
                .readTree(run(
                        "eval",
                        TestServer.seedCorpus().resolve("questions.jsonl").toString(),
                        "--corpus",
                        corpus,
                        "--data",
                        d,
                        "--json"));
        assertEquals("hybrid", hybrid.get("mode").asText());

        String ask = run("ask", "Open-Sora 1.0 的训练加速了多少倍？", "--corpus", corpus, "--data", d);
        assertTrue(ask.contains("1.55"), ask);
        assertTrue(ask.contains("[1] 上海证券 · 2024-03-25 · 《"), ask);
        JsonNode askJson = new ObjectMapper()
                .readTree(run("ask", "Open-Sora 1.0 的训练加速了多少倍？", "--corpus", corpus, "--data", d, "--json"));
        assertEquals("extractive", askJson.get("mode").asText());
    }
}
