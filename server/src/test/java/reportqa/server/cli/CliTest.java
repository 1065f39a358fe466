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
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.TestServer;
import reportqa.server.config.ConfigKey;
import reportqa.server.config.ServerConfig;

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

    /**
     * Stderr of a command that must fail with {@code exit}, without the log lines of the test's own
     * logging configuration (info, for the build log; a user's default is warn).
     */
    private static String fails(int exit, String... args) {
        return exec(exit, args)
                .err()
                .lines()
                .filter(l -> !TEST_LOG_LINE.matcher(l).find())
                .map(l -> l + "\n")
                .collect(Collectors.joining());
    }

    private static final Pattern TEST_LOG_LINE = Pattern.compile("^\\[[^\\]]+\\] (TRACE|DEBUG|INFO|WARN|ERROR) ");

    @Test
    void aNamedCommandIsBuiltAloneWithTheUsageAndSettingsItHasAmongAll() {
        picocli.CommandLine all = Main.commandLine();
        assertEquals(
                List.copyOf(Main.SUBCOMMANDS.keySet()),
                List.copyOf(all.getSubcommands().keySet()));
        for (String name : Main.SUBCOMMANDS.keySet()) {
            picocli.CommandLine alone = Main.commandLine(name, "--help");
            if (name.equals("help") || name.equals("completion")) {
                assertEquals(Main.SUBCOMMANDS.size(), alone.getSubcommands().size(), name + " reads the whole tree");
                continue;
            }
            assertEquals(List.of(name), List.copyOf(alone.getSubcommands().keySet()));
            picocli.CommandLine sub = alone.getSubcommands().get(name);
            assertEquals(all.getSubcommands().get(name).getUsageMessage(), sub.getUsageMessage(), name);
            assertTrue(sub.isCaseInsensitiveEnumValuesAllowed(), name);
            assertEquals(
                    all.getSubcommands().get(name).getExecutionExceptionHandler(),
                    sub.getExecutionExceptionHandler(),
                    name);
        }
        assertEquals(
                Main.SUBCOMMANDS.size(),
                Main.commandLine("nonsense").getSubcommands().size());
    }

    @Test
    void listeningBeyondThisMachineWithoutAKeyIsRefusedUnlessAllowed() throws Exception {
        String refused = fails(
                Main.USAGE_ERROR,
                "serve",
                "--host",
                "0.0.0.0",
                "--port",
                "0",
                "--corpus",
                TestServer.seedCorpus().toString(),
                "--data",
                data.toString());
        assertEquals(
                "error: listening on 0.0.0.0, which other machines can reach, needs an API key: set"
                        + " REPORTQA_API_KEYS (api.keys), or pass --allow-open (server.allowOpen=true) to serve"
                        + " without access control\n",
                refused);
        try (var made = Files.list(data)) {
            assertEquals(0, made.count(), "refused before indexing anything");
        }
        // Loopback needs nothing; beyond it, a key or an explicit allowance (which still warns).
        for (String host : List.of("127.0.0.1", "localhost", "::1")) {
            assertTrue(
                    ServeCommand.refusal(config(Map.of(ConfigKey.HOST, host))).isEmpty(), host);
            assertTrue(
                    ServeCommand.exposureWarning(config(Map.of(ConfigKey.HOST, host)))
                            .isEmpty(),
                    host);
        }
        for (String host : List.of("0.0.0.0", "192.168.1.20", "::")) {
            assertTrue(
                    ServeCommand.refusal(config(Map.of(ConfigKey.HOST, host))).isPresent(), host);
            ServerConfig keyed = config(Map.of(ConfigKey.HOST, host, ConfigKey.API_KEYS, "a-key-of-24-characters-0"));
            assertTrue(ServeCommand.refusal(keyed).isEmpty(), host);
            // A key over plain HTTP crosses the network readable: said, not refused.
            assertTrue(
                    ServeCommand.exposureWarning(keyed)
                            .orElseThrow()
                            .startsWith("warning: listening on " + host + " over plain HTTP: API keys and answers"),
                    host);
            ServerConfig open = config(Map.of(ConfigKey.HOST, host, ConfigKey.ALLOW_OPEN, "true"));
            assertTrue(ServeCommand.refusal(open).isEmpty(), host);
            String w = ServeCommand.exposureWarning(open).orElseThrow();
            assertTrue(
                    w.startsWith("warning: listening on " + host + ", which other machines can reach, with no API key"),
                    w);
        }
    }

    private static ServerConfig config(Map<ConfigKey, String> settings) {
        return ServerConfig.load(settings, Map.of(), null);
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
                + fails(Main.USAGE_ERROR, "serve", "--llm-temperature", "hot", "--data", data.toString())
                + fails(
                        Main.USAGE_ERROR,
                        "serve",
                        "--tls-keystore",
                        data.resolve("none.p12").toString(),
                        "--data",
                        data.toString())
                + fails(Main.USAGE_ERROR, "serve", "--trusted-proxies", "proxy.example", "--data", data.toString())
                + fails(
                        Main.USAGE_ERROR,
                        "serve",
                        "--api-keys-file",
                        data.resolve("keys.txt").toString(),
                        "--data",
                        data.toString());
        assertTrue(
                out.contains("error: server.tlsKeystore: " + data.resolve("none.p12")
                                + " is not a file this process can read")
                        && out.contains("error: server.trustedProxies (REPORTQA_TRUSTED_PROXIES): 'proxy.example'")
                        && out.contains(
                                "error: api.keysFile: cannot read " + data.resolve("keys.txt") + ": it does not exist"),
                out);
        assertTrue(
                out.contains("error: k must be between 1 and") && out.contains("error: unknown search mode 'fuzzy'"),
                out);
        assertTrue(out.contains("missing.properties: no such file") && out.contains("llm.temperature"), out);
        assertFalse(out.contains("\tat "), "no stack trace: " + out);
    }

    @Test
    void aSearchBackendNamedBadlyOrOutOfReachIsOneLine() {
        assertEquals(
                "error: search.backend (REPORTQA_SEARCH_BACKEND) must be lucene or solrcloud, not 'elastic'\n",
                fails(Main.USAGE_ERROR, "search", "Sora", "--search-backend", "elastic", "--data", data.toString()));
        assertEquals(
                "error: with search.backend=solrcloud set exactly one of solr.zkHost (REPORTQA_SOLR_ZK_HOST) and"
                        + " solr.urls (REPORTQA_SOLR_URLS)\n",
                fails(Main.USAGE_ERROR, "index", "--search-backend", "solrcloud", "--data", data.toString()));
        assertEquals(
                "error: solr.collection must be letters, digits, '.', '_' or '-', not \"my desk\"\n",
                fails(
                        Main.USAGE_ERROR,
                        "search",
                        "Sora",
                        "--search-backend",
                        "solrcloud",
                        "--solr-zk-host",
                        "zk1:2181/solr",
                        "--solr-collection",
                        "my desk",
                        "--data",
                        data.toString()));
        String unreachable = fails(
                Main.UNAVAILABLE,
                "search",
                "Sora",
                "--search-backend",
                "solrcloud",
                "--solr-urls",
                "http://127.0.0.1:9/solr",
                "--corpus",
                TestServer.seedCorpus().toString(),
                "--data",
                data.toString());
        assertTrue(
                unreachable.startsWith("error: cannot reach the Solr cluster at http://127.0.0.1:9/solr"), unreachable);
        assertFalse(unreachable.contains("\tat "), "no stack trace: " + unreachable);
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
        // One broken line among good ones is skipped and named; the rest is evaluated.
        Path mixed = data.resolve("mixed.jsonl");
        Files.writeString(
                mixed,
                "{\"id\": \"q1\", \"question\": \"Sora 能生成多长的视频？\", \"relevant\": [{\"doc\": \"001_e256dbcac6dad0ec\"}]}\n"
                        + "{\"id\": \"q2\", \"question\": \" \"}\n");
        Printed evaluated = exec(
                0, "eval", mixed.toString(), "--corpus", TestServer.seedCorpus().toString(), "--data", data.toString());
        assertTrue(evaluated.err().contains("skipped mixed.jsonl line 2: not a question"), evaluated.err());
        assertTrue(evaluated.out().contains("hybrid"), evaluated.out());
        // A follow-up is searched with its conversation unless --as-written; --show prints what was searched.
        Path followUp = data.resolve("follow-up.jsonl");
        Files.writeString(
                followUp,
                "{\"id\": \"f1\", \"question\": \"它能生成多长的视频？\", \"history\": [\"Sora 是哪家公司发布的？\"],"
                        + " \"relevant\": [{\"doc\": \"no-such-report\"}]}\n");
        String corpus = TestServer.seedCorpus().toString();
        Printed asAnswered =
                exec(0, "eval", followUp.toString(), "--show", "--corpus", corpus, "--data", data.toString());
        Printed asWritten = exec(
                0,
                "eval",
                followUp.toString(),
                "--show",
                "--as-written",
                "--corpus",
                corpus,
                "--data",
                data.toString());
        String searched = asAnswered
                .out()
                .lines()
                .filter(l -> l.startsWith("  searched "))
                .findFirst()
                .orElseThrow();
        assertTrue(searched.contains("Sora") && searched.contains("多长"), asAnswered.out());
        assertTrue(asAnswered.out().startsWith("hybrid f1 first relevant none\n"), asAnswered.out());
        assertTrue(asAnswered.out().contains("1 follow-ups searched with their conversation"), asAnswered.out());
        assertTrue(asWritten.out().contains("  searched 它能生成多长的视频？\n"), asWritten.out());
        assertTrue(asWritten.out().contains("1 follow-ups searched without their conversation"), asWritten.out());
        String noQuestions = fails(Main.USAGE_ERROR, "bench");
        assertTrue(noQuestions.startsWith("error: Missing required parameter: 'QUESTIONS.jsonl'"), noQuestions);
        assertEquals(2, noQuestions.lines().count(), noQuestions);
    }

    @Test
    void everyCommandsHelpListsOnlyWhatItUsesWithTuningUnderItsOwnHeading() {
        Map<String, List<String>> has = Map.of(
                "serve",
                        List.of(
                                "--port",
                                "--host",
                                "--allow-open",
                                "--answers-per-minute",
                                "--llm-provider",
                                "--passages",
                                "--chunk-size",
                                "--lexical-weight",
                                "--search-backend",
                                "--solr-zk-host"),
                "ask",
                        List.of(
                                "--broker",
                                "--from",
                                "--to",
                                "--report",
                                "--history",
                                "--llm-model",
                                "--json",
                                "--search-backend"),
                "search",
                        List.of(
                                "--broker",
                                "--report",
                                "--top",
                                "--mode",
                                "--boilerplate",
                                "--title-boost",
                                "--solr-collection"),
                "index", List.of("--corpus", "--index", "--chunk-size", "--analysis", "--solr-urls", "--solr-shards"),
                "eval",
                        List.of(
                                "QUESTIONS.jsonl",
                                "--mode",
                                "--as-written",
                                "--show",
                                "--lexical-weight",
                                "--chunk-size",
                                "--search-backend"),
                "bench", List.of("QUESTIONS.jsonl", "--rounds", "--[no-]warmup", "--llm-model"),
                "eval-answers", List.of("QUESTIONS.jsonl", "--show", "--llm-model", "--chunk-size"),
                "completion", List.of("--help"));
        Map<String, List<String>> lacks = Map.of(
                "serve", List.of("--broker", "--history", "--json"),
                "ask", List.of("--port", "--host", "--rounds"),
                "search", List.of("--port", "--host", "--llm-", "--passages", "--history"),
                "index", List.of("--port", "--llm-", "--lexical-weight", "--broker", "--json"),
                "eval", List.of("--port", "--llm-", "--broker"),
                "bench", List.of("--port", "--host", "--broker", "--allow-open", "--answers-per-minute", "--solr-"),
                "eval-answers", List.of("--port", "--broker", "--mode"),
                "completion", List.of("--data", "--llm-", "--search-backend"));
        for (String c : has.keySet()) {
            String help = run(c, "--help");
            assertTrue(help.startsWith("Usage: reportqa " + c + " [OPTIONS]"), help);
            for (String flag : has.get(c)) {
                assertTrue(help.contains(flag), c + " --help lacks " + flag + ":\n" + help);
            }
            for (String flag : lacks.get(c)) {
                assertFalse(help.contains(flag), c + " --help shows " + flag + ":\n" + help);
            }
            int advanced = help.indexOf("Advanced retrieval tuning");
            if (help.contains("--chunk-size")) {
                assertTrue(advanced > 0 && help.indexOf("--chunk-size") > advanced, help);
                assertTrue(help.indexOf("--data") < advanced, help);
            }
        }
        String bench = run("bench", "--help");
        assertTrue(bench.contains("Send every question once before measuring"), bench);
    }

    @Test
    void completionScriptIsOneBashCanSource() throws Exception {
        String script = run("completion");
        assertTrue(
                script.startsWith("#!/usr/bin/env bash"),
                script.lines().findFirst().orElse(""));
        assertTrue(script.contains("--broker") && script.contains("--history") && script.contains("serve"));
        Path file = data.resolve("reportqa-completion.bash");
        Files.writeString(file, script);
        Process bash = new ProcessBuilder("bash", "-c", "source \"$0\" && complete -p reportqa", file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), out);
        assertTrue(out.startsWith("complete ") && out.strip().endsWith(" reportqa"), out);
    }

    @Test
    void filtersNamingWhatTheLibraryLacksAreOneLineAndExitOne() {
        String corpus = TestServer.seedCorpus().toString();
        String d = data.toString();
        run("index", "--corpus", corpus, "--data", d); // no progress lines below
        assertEquals(
                "error: no report from 中信证券 in the library; its brokers: 上海证券, 华金证券, 德邦证券\n",
                fails(Main.NOT_FOUND, "search", "Sora", "--broker", "中信证券", "--corpus", corpus, "--data", d));
        assertEquals(
                "error: no report with id 'nope'\n",
                fails(Main.NOT_FOUND, "ask", "Sora 能生成多长的视频？", "--report", "nope", "--corpus", corpus, "--data", d));
        assertEquals(
                "error: no report from 上海证券 dated on or after 2030-01-01;"
                        + " those reports are dated 2024-03-19 … 2024-03-25\n",
                fails(
                        Main.NOT_FOUND,
                        "search",
                        "Sora",
                        "--broker",
                        "上海证券",
                        "--from",
                        "2030-01-01",
                        "--corpus",
                        corpus,
                        "--data",
                        d));
        // A short name is the broker it names.
        String short_ = run("search", "Sora", "--broker", "德邦", "-k", "3", "--corpus", corpus, "--data", d);
        assertEquals(3, short_.lines().filter(l -> l.startsWith("[")).count(), short_);
        assertTrue(short_.lines().filter(l -> l.startsWith("[")).allMatch(l -> l.contains(" 德邦证券 · ")), short_);
        assertEquals(
                "error: date range ends (2024-03-01) before it starts (2024-03-20)\n",
                fails(Main.USAGE_ERROR, "search", "Sora", "--from", "2024-03-20", "--to", "2024-03-01", "--data", d));
        String level = fails(Main.USAGE_ERROR, "search", "Sora", "--log-level", "loud");
        assertEquals(
                "error: Invalid value for option '--log-level': expected one of [TRACE, DEBUG, INFO, WARN, ERROR, OFF]"
                        + " (case-insensitive) but was 'loud'\nTry 'reportqa search --help'.\n",
                level);
    }

    @Test
    void askWithHistoryContinuesTheConversationInTheFile() throws Exception {
        String corpus = TestServer.seedCorpus().toString();
        String d = data.toString();
        run("index", "--corpus", corpus, "--data", d);
        Path conversation = data.resolve("conversation.json");
        String first =
                run("ask", "Kimi 支持多少字的上下文？", "--history", conversation.toString(), "--corpus", corpus, "--data", d);
        JsonNode turns = new ObjectMapper().readTree(conversation.toFile());
        assertEquals(2, turns.size(), turns.toString());
        assertEquals("user", turns.get(0).get("role").asText());
        assertEquals("Kimi 支持多少字的上下文？", turns.get(0).get("content").asText());
        assertEquals("assistant", turns.get(1).get("role").asText());
        assertEquals(
                first.substring(0, first.indexOf("\n\n[1]")),
                turns.get(1).get("content").asText());

        JsonNode followUp = new ObjectMapper()
                .readTree(run(
                        "ask",
                        "那德邦呢？",
                        "--history",
                        conversation.toString(),
                        "--corpus",
                        corpus,
                        "--data",
                        d,
                        "--json"));
        // The follow-up was read with the conversation: its standalone query carries the first question.
        assertTrue(
                followUp.get("query").asText().contains("Kimi"),
                followUp.get("query").asText());
        assertEquals(4, new ObjectMapper().readTree(conversation.toFile()).size());

        Path broken = data.resolve("broken.json");
        Files.writeString(broken, "{\"role\": \"user\"}");
        assertEquals(
                "error: --history " + broken + ": not a conversation: expected an array of {\"role\", \"content\"}\n",
                fails(Main.USAGE_ERROR, "ask", "Sora?", "--history", broken.toString(), "--data", d));
        assertEquals(
                "{\"role\": \"user\"}", Files.readString(broken), "a file that is not a conversation is left alone");
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
                        TestServer.seedCorpus().resolve("questions-test.jsonl").toString(),
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
                        TestServer.seedCorpus().resolve("questions-test.jsonl").toString(),
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
