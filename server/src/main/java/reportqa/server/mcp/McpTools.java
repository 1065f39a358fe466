package reportqa.server.mcp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.Json;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.search.SearchUnavailableException;
import reportqa.server.answer.Answer;
import reportqa.server.answer.Markdown;
import reportqa.server.answer.Source;

/**
 * The library as an MCP server's tools ({@code search_reports}, {@code ask}, {@code get_report},
 * {@code list_reports}) and resources ({@code report://{id}}), on whatever transport is given (stdio
 * for {@code reportqa mcp}, streamable HTTP at {@code /mcp} of the running server). Names,
 * descriptions and input schemas are in {@code tools.json} beside this class, written for a model to
 * use well; the work is {@link LibraryTools}'.
 *
 * <p>A tool never fails as a protocol error: a bad argument, a library still opening, a question over
 * its client's limit or a failure inside are each a result with {@code isError} and a message the
 * agent can act on (internals only in the server's log).
 */
public final class McpTools {

    private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);

    /** Where the HTTP transport puts the client a request was checked as ({@code key 1}, an address). */
    public static final String CLIENT = "reportqa.client";

    /** The scheme of a report's resource: {@code report://ID}. */
    static final String REPORT_URI = "report://";

    private static final String SERVER_NAME = "reportqa";

    /** A library that cannot be used yet (still opening) or any more (stopping); the message says which. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }

    /** How long a client must wait before it may ask again (0: now); counts the question when it may. */
    @FunctionalInterface
    public interface QuestionLimit {
        long secondsToWait(McpTransportContext context);

        /** No limit (stdio: the one client is the user who started it). */
        QuestionLimit NONE = context -> 0;
    }

    private final Supplier<LibraryTools> library;
    private final QuestionLimit limit;
    private final McpJsonMapper mcpJson;
    private final ObjectMapper json = Json.mapper();
    private final JsonNode definitions;
    private final String instructions;

    /**
     * @param library the tools of the open library, or an {@link Unavailable} while there is none
     * @param limit the question limit of the client a call comes from
     * @param mcpJson the SDK's JSON mapper (the protocol's messages)
     */
    public McpTools(Supplier<LibraryTools> library, QuestionLimit limit, McpJsonMapper mcpJson) {
        this.library = library;
        this.limit = limit;
        this.mcpJson = mcpJson;
        try {
            this.definitions = json.readTree(resource("tools.json"));
            this.instructions = resource("instructions.txt").strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the MCP tool definitions cannot be read", e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = McpTools.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The SDK's JSON mapper for the protocol's messages, writing an error the SDK answers over HTTP
     * (no session, a bad {@code Accept}, a body that is no message) as a JSON-RPC error: left to
     * Jackson, it wrote the exception whole, stack trace, class names and Java version included.
     */
    public static JacksonMcpJsonMapper jsonMapper() {
        SimpleModule errors = new SimpleModule("mcp-errors")
                .addSerializer(McpError.class, new StdSerializer<>(McpError.class) {
                    @Override
                    public void serialize(McpError e, JsonGenerator out, SerializerProvider provider)
                            throws IOException {
                        var error = e.getJsonRpcError();
                        out.writeStartObject();
                        out.writeStringField("jsonrpc", "2.0");
                        out.writeNullField("id");
                        out.writeObjectFieldStart("error");
                        out.writeNumberField(
                                "code", error == null || error.code() == null ? INTERNAL_ERROR : error.code());
                        out.writeStringField("message", error == null ? "internal error" : error.message());
                        out.writeEndObject();
                        out.writeEndObject();
                    }
                });
        return new JacksonMcpJsonMapper(new ObjectMapper().registerModule(errors));
    }

    /** JSON-RPC's code for an error inside the server. */
    private static final int INTERNAL_ERROR = -32603;

    /** The server on {@code spec}'s transport, with the tools, the report resources and the instructions. */
    public <S extends McpServer.SyncSpecification<S>> McpSyncServer build(McpServer.SyncSpecification<S> spec) {
        return spec.serverInfo(SERVER_NAME, version())
                .instructions(instructions)
                .capabilities(ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .build())
                .tools(tools())
                .resourceTemplates(reports())
                .build();
    }

    private static String version() {
        String v = McpTools.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The tools as {@code tools.json} describes them, each served by {@link LibraryTools}. */
    List<SyncToolSpecification> tools() {
        List<SyncToolSpecification> out = new ArrayList<>();
        for (JsonNode d : definitions) {
            String name = d.path("name").asText();
            Tool tool;
            try {
                tool = Tool.builder(name, mcpJson, json.writeValueAsString(d.get("inputSchema")))
                        .description(d.path("description").asText())
                        .build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("tool " + name + " has no usable schema", e);
            }
            out.add(SyncToolSpecification.builder()
                    .tool(tool)
                    .callHandler((exchange, request) ->
                            call(name, new ToolArguments(request.arguments()), exchange.transportContext()))
                    .build());
        }
        return out;
    }

    /** One call of tool {@code name}, as a result: what it found, or why it could not. */
    CallToolResult call(String name, ToolArguments args, McpTransportContext context) {
        try {
            LibraryTools tools = library.get();
            return switch (name) {
                case "search_reports" -> text(json(tools.search(args)));
                case "list_reports" -> text(json(tools.list(args)));
                case "get_report" -> text(json(tools.report(args)));
                case "ask" -> {
                    long wait = limit.secondsToWait(context);
                    if (wait > 0) {
                        yield error("too many questions from this client; try again in " + wait + " s");
                    }
                    LibraryTools.Answered a = tools.ask(args);
                    yield CallToolResult.builder()
                            .addTextContent(a.text())
                            .addTextContent(json(cited(a.answer())))
                            .build();
                }
                default -> error("no tool named " + name);
            };
        } catch (ToolArgumentException e) {
            return error("invalid arguments: " + e.getMessage());
        } catch (Unavailable | WorkGate.Busy e) {
            return error(e.getMessage());
        } catch (SearchUnavailableException e) {
            LOG.warn("MCP tool {}: {}", name, e.getMessage());
            return error(SearchUnavailableException.FOR_CLIENTS);
        } catch (Exception e) {
            LOG.error("MCP tool {} failed", name, e);
            return error("internal error: " + name + " failed (the server's log says why)");
        }
    }

    /** What of an answer an agent needs besides its text: the cited passages and why it abstained, if it did. */
    private static Map<String, Object> cited(Answer a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("citations", a.citations());
        out.put("abstained", a.abstained());
        out.put("abstainReason", a.abstainReason());
        out.put("mode", a.mode());
        out.put("degraded", a.degraded());
        out.put("query", a.query());
        out.put("filterNote", a.filterNote());
        return out;
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tool result cannot be written as JSON", e);
        }
    }

    private static CallToolResult text(String text) {
        return CallToolResult.builder().addTextContent(text).build();
    }

    private static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    /** {@code report://ID}: a report's text, after a line with its broker, date and title. */
    SyncResourceTemplateSpecification reports() {
        ResourceTemplate template = ResourceTemplate.builder(REPORT_URI + "{id}", "report")
                .description("A research report's whole text, after a line naming its broker, date and title.")
                .mimeType("text/plain")
                .build();
        return new SyncResourceTemplateSpecification(template, (exchange, request) -> {
            String uri = request.uri();
            String id = uri.startsWith(REPORT_URI) ? uri.substring(REPORT_URI.length()) : "";
            Report r;
            try {
                r = id.isEmpty() ? null : library.get().reportById(id);
            } catch (IOException e) {
                LOG.error("MCP resource {} could not be read", uri, e);
                throw McpError.builder(io.modelcontextprotocol.spec.McpSchema.ErrorCodes.INTERNAL_ERROR)
                        .message("the report could not be read")
                        .build();
            }
            if (r == null) {
                throw McpError.RESOURCE_NOT_FOUND.apply(uri);
            }
            String header = String.join(
                    " · ",
                    r.metadata().broker().isEmpty()
                            ? Source.UNKNOWN_BROKER
                            : Markdown.inline(r.metadata().broker()),
                    r.metadata().date().display(),
                    "《" + Markdown.inline(r.metadata().title()) + "》");
            return ReadResourceResult.builder(List.of(TextResourceContents.builder(uri, header + "\n\n" + r.text())
                            .mimeType("text/plain")
                            .build()))
                    .build();
        });
    }
}
