package reportqa.server.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.TestServer;
import reportqa.server.config.Access;
import reportqa.server.config.ApiKeys;
import reportqa.server.config.ServerConfig;

/**
 * The MCP server as an agent meets it: the SDK's own client, over streamable HTTP at {@code /mcp} of
 * a running server and over stdio to a {@code reportqa mcp} process it starts.
 */
class McpServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JacksonMcpJsonMapper MCP_JSON = new JacksonMcpJsonMapper(new ObjectMapper());
    private static final List<String> TOOLS = List.of("search_reports", "ask", "get_report", "list_reports");

    private static McpSyncClient client(McpClientTransport transport, Duration timeout) {
        return McpClient.sync(transport)
                .requestTimeout(timeout)
                .initializationTimeout(timeout)
                .build();
    }

    private static HttpClientStreamableHttpTransport http(TestServer.Client client, String key) {
        HttpClientStreamableHttpTransport.Builder b = HttpClientStreamableHttpTransport.builder(client.base())
                .endpoint("/mcp")
                .jsonMapper(MCP_JSON);
        if (key != null) {
            b.addHttpRequestCustomizer(
                    (request, method, uri, body, context) -> request.header("Authorization", "Bearer " + key));
        }
        return b.build();
    }

    private static CallToolResult call(McpSyncClient mcp, String tool, Map<String, Object> args) {
        return mcp.callTool(CallToolRequest.builder(tool).arguments(args).build());
    }

    private static String text(CallToolResult r, int i) {
        return ((TextContent) r.content().get(i)).text();
    }

    private static JsonNode json(CallToolResult r, int i) throws Exception {
        assertFalse(Boolean.TRUE.equals(r.isError()), "an error: " + r);
        return JSON.readTree(text(r, i));
    }

    /** Every tool called as an agent would, its results checked for broker and date; then bad calls. */
    private static void exercise(McpSyncClient mcp) throws Exception {
        mcp.initialize();
        List<Tool> tools = mcp.listTools().tools();
        assertEquals(TOOLS, tools.stream().map(Tool::name).toList());
        for (Tool t : tools) {
            assertTrue(t.description().length() > 100, t.name() + ": " + t.description());
            assertEquals("object", t.inputSchema().get("type"));
        }

        JsonNode found = json(call(mcp, "search_reports", Map.of("query", "Sora 视频生成时长", "k", 5)), 0);
        JsonNode passages = found.path("passages");
        assertEquals(5, passages.size());
        for (JsonNode p : passages) {
            assertFalse(p.path("broker").asText().isEmpty(), p.toString());
            assertFalse(p.path("date").asText().isEmpty(), p.toString());
            assertFalse(p.path("reportId").asText().isEmpty(), p.toString());
            assertFalse(p.path("passage").asText().isEmpty(), p.toString());
        }

        CallToolResult asked = call(mcp, "ask", Map.of("question", "Sora 能生成多长的视频？"));
        assertFalse(Boolean.TRUE.equals(asked.isError()), asked.toString());
        String answer = text(asked, 0);
        JsonNode cited = json(asked, 1).path("citations");
        assertTrue(cited.size() >= 1, cited.toString());
        assertTrue(answer.contains("[1]"), answer);
        JsonNode first = cited.get(0);
        assertTrue(
                answer.contains("\n\n[1] " + first.path("broker").asText() + " · "
                        + first.path("date").asText() + " · 《"),
                answer);
        assertFalse(first.path("passage").asText().isEmpty());

        JsonNode all = json(call(mcp, "list_reports", Map.of()), 0);
        assertEquals(5, all.path("total").asInt());
        for (JsonNode r : all.path("reports")) {
            assertFalse(r.path("broker").asText().isEmpty(), r.toString());
            assertFalse(r.path("date").asText().isEmpty(), r.toString());
        }
        JsonNode debon = json(call(mcp, "list_reports", Map.of("brokers", List.of("德邦证券"))), 0);
        assertTrue(debon.path("total").asInt() >= 1 && debon.path("total").asInt() < 5, debon.toString());
        debon.path("reports").forEach(r -> assertEquals("德邦证券", r.path("broker").asText()));

        String id = first.path("reportId").asText();
        JsonNode part = json(call(mcp, "get_report", Map.of("id", id, "max_chars", 200)), 0);
        assertEquals(id, part.path("report").path("id").asText());
        assertFalse(part.path("report").path("broker").asText().isEmpty());
        assertFalse(part.path("report").path("date").asText().isEmpty());
        assertEquals(200, part.path("text").asText().length());
        assertEquals(200, part.path("nextOffset").asInt());
        JsonNode next = json(call(mcp, "get_report", Map.of("id", id, "offset", 200, "max_chars", 100)), 0);
        assertEquals(200, next.path("offset").asInt());
        assertEquals(part.path("totalChars"), next.path("totalChars"));

        TextResourceContents resource =
                (TextResourceContents) mcp.readResource(new ReadResourceRequest("report://" + id))
                        .contents()
                        .get(0);
        assertTrue(
                resource.text().startsWith(first.path("broker").asText() + " · "),
                resource.text().substring(0, 80));

        // Bad calls: a result the agent can read, never a crash.
        record Bad(String tool, Map<String, Object> args, String says) {}
        List<Bad> bad = List.of(
                new Bad("search_reports", Map.of(), "query"),
                new Bad("search_reports", Map.of("query", "Sora", "k", "five"), "k"),
                new Bad("search_reports", Map.of("query", "Sora", "k", 500), "k"),
                new Bad("search_reports", Map.of("query", "Sora", "brokers", List.of("无此证券")), "无此证券"),
                new Bad("ask", Map.of("question", "Sora？", "from", "2024-13-01"), "from"),
                new Bad("ask", Map.of("question", "Sora？", "extra", true), "extra"),
                new Bad("get_report", Map.of("id", "no-such-report"), "no-such-report"),
                new Bad("get_report", Map.of("id", id, "from_page", 1), "no pages"),
                new Bad("list_reports", Map.of("from", "2024-05-01", "to", "2024-01-01"), "before"));
        for (Bad b : bad) {
            CallToolResult r = call(mcp, b.tool(), b.args());
            assertTrue(Boolean.TRUE.equals(r.isError()), b + " → " + r);
            assertTrue(text(r, 0).contains(b.says()), b + " → " + text(r, 0));
        }
        assertThrows(McpError.class, () -> call(mcp, "delete_everything", Map.of()));
        assertThrows(McpError.class, () -> mcp.readResource(new ReadResourceRequest("report://no-such-report")));
    }

    @Test
    void overStreamableHttpTheToolsAnswerWithBrokerAndDateAndBadCallsAreToldWhy() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            try (McpSyncClient mcp = client(http(client, null), Duration.ofSeconds(60))) {
                exercise(mcp);
            }
        });
    }

    @Test
    void whatTheSdkRefusesOverHttpIsAJsonRpcErrorNotAJavaException() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            String call =
                    "{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": \"tools/call\", \"params\": {\"name\": \"ask\"}}";
            for (TestServer.Response r : List.of(
                    client.post("/mcp", call),
                    client.postAccepting("/mcp", call, "application/json, text/event-stream"),
                    client.postAccepting("/mcp", "{\"not\": \"a message\"}", "application/json, text/event-stream"))) {
                assertTrue(r.status() >= 400 && r.status() < 500, r.status() + " " + r.body());
                JsonNode body = JSON.readTree(r.body());
                assertEquals("2.0", body.path("jsonrpc").asText(), r.body());
                assertTrue(body.path("error").path("code").isInt(), r.body());
                assertFalse(body.path("error").path("message").asText().isEmpty(), r.body());
                assertFalse(r.body().contains("stackTrace") || r.body().contains("java."), r.body());
            }
        });
    }

    @Test
    void aServerStoppingAnswersTheToolCallUnderWayBeforeItEndsTheSessions() throws Exception {
        try (reportqa.server.FakeOpenAi fake = new reportqa.server.FakeOpenAi()) {
            fake.slow(2000, "Sora 可以生成一分钟的视频[1]。");
            ServerConfig config = ServerConfig.defaults()
                    .withLlm(
                            reportqa.server.config.LlmProvider.OPENAI,
                            fake.baseUrl(),
                            "test-model",
                            "sk-test",
                            Duration.ofSeconds(10));
            TestServer.test(
                    config,
                    TestServer.seedCorpus(),
                    reportqa.server.answer.generate.ModelFactory.create(config),
                    (qa, client) -> {
                        try (McpSyncClient mcp = client(http(client, null), Duration.ofSeconds(60))) {
                            mcp.initialize();
                            var asking = java.util.concurrent.CompletableFuture.supplyAsync(
                                    () -> call(mcp, "ask", Map.of("question", "Sora 能生成多长的视频？")));
                            while (fake.requests().isEmpty()) {
                                Thread.sleep(20);
                            }
                            boolean drained =
                                    reportqa.server.http.ApiServer.stop(client.server(), Duration.ofSeconds(20));
                            CallToolResult answered = asking.get(30, java.util.concurrent.TimeUnit.SECONDS);
                            assertFalse(Boolean.TRUE.equals(answered.isError()), answered.toString());
                            assertTrue(text(answered, 0).startsWith("Sora 可以生成一分钟的视频[1]"), text(answered, 0));
                            assertTrue(drained, "the stop waited for the session's stream rather than ending it");
                        }
                    });
        }
    }

    @Test
    void aStoppedServerLeavesNoSessionSweeperThreadBehind() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            try (McpSyncClient mcp = client(http(client, null), Duration.ofSeconds(60))) {
                mcp.initialize();
                assertTrue(sweepers().stream().allMatch(Thread::isDaemon), "a sweeper thread that is no daemon");
            }
        });
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!sweepers().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), sweepers().stream().map(Thread::getName).toList());
    }

    private static List<Thread> sweepers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains("session-sweeper"))
                .toList();
    }

    @Test
    void overHttpAKeyedServerRefusesAnAgentWithoutItsKeyAndCountsItsQuestions() throws Exception {
        String key = "rq-mcp-key-0123456789abcdef";
        Access keyed = new Access(ApiKeys.parse(key), false, 2, 600);
        TestServer.test(ServerConfig.defaults().withAccess(keyed), TestServer.seedCorpus(), null, (qa, client) -> {
            try (McpSyncClient stranger = client(http(client, null), Duration.ofSeconds(10))) {
                assertThrows(RuntimeException.class, stranger::initialize);
            }
            TestServer.Response refused =
                    client.post("/mcp", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\"}");
            assertEquals(401, refused.status());
            assertEquals(
                    "unauthorized", refused.json().path("error").path("code").asText());
            try (McpSyncClient agent = client(http(client, key), Duration.ofSeconds(60))) {
                agent.initialize();
                assertEquals(
                        TOOLS,
                        agent.listTools().tools().stream().map(Tool::name).toList());
                // Two questions a minute: the third is refused, with when to ask again.
                for (int i = 0; i < 2; i++) {
                    CallToolResult r = call(agent, "ask", Map.of("question", "Sora 能生成多长的视频？"));
                    assertFalse(Boolean.TRUE.equals(r.isError()), r.toString());
                }
                CallToolResult third = call(agent, "ask", Map.of("question", "Sora 能生成多长的视频？"));
                assertTrue(Boolean.TRUE.equals(third.isError()), third.toString());
                assertTrue(text(third, 0).startsWith("too many questions"), text(third, 0));
                // A search is no question.
                assertFalse(Boolean.TRUE.equals(
                        call(agent, "search_reports", Map.of("query", "Sora")).isError()));
            }
        });
    }

    @Test
    void anAgentsQuestionsTakeTheServersAnswerSlotsAndOneBeyondThemIsToldToTryAgain() throws Exception {
        try (reportqa.server.FakeOpenAi fake = new reportqa.server.FakeOpenAi()) {
            // Each answer holds its one slot for 4 s (WorkSlots waits 2 s for a slot before refusing).
            fake.slow(4000, "Sora 可以生成一分钟的视频[1]。");
            ServerConfig config = ServerConfig.defaults()
                    .withCapacity(new reportqa.server.config.Capacity(1, 4))
                    .withLlm(
                            reportqa.server.config.LlmProvider.OPENAI,
                            fake.baseUrl(),
                            "test-model",
                            "sk-test",
                            Duration.ofSeconds(10));
            TestServer.test(
                    config,
                    TestServer.seedCorpus(),
                    reportqa.server.answer.generate.ModelFactory.create(config),
                    (qa, client) -> {
                        try (McpSyncClient first = client(http(client, null), Duration.ofSeconds(60));
                                McpSyncClient second = client(http(client, null), Duration.ofSeconds(60))) {
                            first.initialize();
                            second.initialize();
                            var asking = java.util.concurrent.CompletableFuture.supplyAsync(
                                    () -> call(first, "ask", Map.of("question", "Sora 能生成多长的视频？")));
                            while (fake.requests().isEmpty()) {
                                Thread.sleep(20);
                            }
                            CallToolResult refused = call(second, "ask", Map.of("question", "Sora 能生成多长的视频？"));
                            assertTrue(Boolean.TRUE.equals(refused.isError()), refused.toString());
                            assertTrue(
                                    text(refused, 0).startsWith("too many questions at once; try again in"),
                                    text(refused, 0));
                            CallToolResult answered = asking.get(60, java.util.concurrent.TimeUnit.SECONDS);
                            assertFalse(Boolean.TRUE.equals(answered.isError()), answered.toString());
                            assertEquals(1, fake.mostAtOnce());
                        }
                    });
        }
    }

    @Test
    void overStdioAReportqaMcpProcessServesTheSameToolsAndPrintsNothingElseOnItsOutput(@TempDir Path data)
            throws Exception {
        List<String> command = mcpCommand(data);
        ServerParameters process = ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size()))
                .build();
        StdioClientTransport transport = new StdioClientTransport(process, MCP_JSON);
        List<String> stderr = new CopyOnWriteArrayList<>();
        transport.setStdErrorHandler(stderr::add);
        try (McpSyncClient mcp = client(transport, Duration.ofSeconds(120))) {
            exercise(mcp);
        }
        assertTrue(
                stderr.stream().anyMatch(l -> l.startsWith("reportqa mcp: serving 5 reports over stdio")),
                "stderr: " + stderr);
        assertTrue(hasIndex(data), "the index was built in the data folder");
    }

    @Test
    void aScriptThatPipesItsRequestsAndStrayLinesInAndClosesStdinAtOnceGetsEveryAnswerAndTheProcessEnds(
            @TempDir Path data) throws Exception {
        Process p = new ProcessBuilder(mcpCommand(data))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = p.getOutputStream()) {
            String requests = String.join(
                    "\n",
                    "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": {\"protocolVersion\": \"2025-06-18\", \"capabilities\": {}, \"clientInfo\": {\"name\": \"script\", \"version\": \"1\"}}}",
                    "",
                    "not json: the SDK would stop reading here for good",
                    "{\"jsonrpc\": \"2.0\", \"id\": 7}",
                    "{\"jsonrpc\": \"2.0\", \"id\": null, \"method\": \"ping\"}",
                    "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}",
                    "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/call\", \"params\": {\"name\": \"ask\", \"arguments\": {\"question\": \"Sora 能生成多长的视频？\"}}}",
                    "");
            in.write(requests.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        List<String> lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the process ended");
        assertEquals(0, p.exitValue());
        // Standard output is the protocol's alone: every line a JSON-RPC message.
        assertEquals(2, lines.size(), String.join("\n", lines));
        for (String line : lines) {
            assertEquals("2.0", JSON.readTree(line).path("jsonrpc").asText(), line);
        }
        JsonNode answer = JSON.readTree(lines.get(1));
        assertEquals(2, answer.path("id").asInt());
        assertTrue(
                answer.path("result")
                        .path("content")
                        .path(0)
                        .path("text")
                        .asText()
                        .contains("[1]"),
                lines.get(1));
    }

    /**
     * {@code reportqa mcp} over the seed reports with {@code data} as its data folder: the jar's main
     * class on the classpath the tests run with (the jar itself is built after them).
     */
    private static List<String> mcpCommand(Path data) {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "reportqa.server.cli.Main",
                "mcp",
                "--data",
                data.toString(),
                "--corpus",
                TestServer.seedCorpus().toString());
    }

    private static boolean hasIndex(Path data) throws Exception {
        try (var files = Files.walk(data)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("segments"));
        }
    }
}
