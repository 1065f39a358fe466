package reportqa.server.cli;

import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import reportqa.retrieval.embed.BackgroundEmbedder;
import reportqa.server.Application;
import reportqa.server.config.ServerConfig;
import reportqa.server.mcp.LibraryTools;
import reportqa.server.mcp.McpTools;
import reportqa.server.mcp.StdioMessages;
import reportqa.server.mcp.WorkGate;

/**
 * Serves the library to one agent as an MCP server over stdio: a desktop agent starts {@code java
 * -jar reportqa.jar mcp} and speaks JSON-RPC on its stdin and stdout. Standard output is the
 * protocol's alone: everything else this process would print (indexing progress, logs, a stray
 * line) goes to standard error. The agent is answered at once; the library opens meanwhile (a tool
 * called before it is open waits for it a while, then says it is still opening). Ends when the agent
 * closes its end of stdin, once the calls still running have answered.
 */
@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        abbreviateSynopsis = true,
        description = {
            "Serve the library to an agent as an MCP server over stdio (tools search_reports, ask, get_report,"
                    + " list_reports; resources report://ID).",
            "Standard output carries the protocol only; progress and logs go to standard error."
        })
final class McpCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @ArgGroup(validate = false, heading = Help.BACKEND, order = Help.BACKEND_ORDER)
    BackendOptions backend = new BackendOptions();

    @ArgGroup(validate = false, heading = Help.MODEL, order = Help.MODEL_ORDER)
    ModelOptions model = new ModelOptions();

    @ArgGroup(validate = false, heading = Help.TUNING, order = Help.TUNING_ORDER)
    TuningOptions tuning = new TuningOptions();

    /** How long calls still running when the agent closes stdin may take to answer. */
    static final Duration LAST_CALLS = Duration.ofSeconds(60);

    /** How long a tool called while the library opens waits for it before it says so. */
    static final Duration OPENING_WAIT = Duration.ofSeconds(10);

    @Override
    public Integer call() throws Exception {
        // Taken before anything can print: from here on System.out is standard error.
        PrintStream protocol = System.out;
        System.setOut(System.err);
        ServerConfig config = common.load(model, backend);
        // Owned here, as serve owns it: closed at the end even while the library still opens (a native
        // model running when the JVM exits crashes it).
        BackgroundEmbedder embedder = tuning.index.embedderInBackground(config.dataDir());
        CompletableFuture<Application> opening = new CompletableFuture<>();
        Thread open = new Thread(
                () -> {
                    try {
                        opening.complete(common.openApplication(config, tuning, embedder));
                    } catch (IOException | RuntimeException e) {
                        opening.completeExceptionally(e);
                    }
                },
                "library-open");
        open.setDaemon(true);
        open.start();
        CompletableFuture<LibraryTools> tools = opening.thenApply(qa -> new LibraryTools(
                qa.answers(), qa.library().retriever(), config.passagesPerAnswer(), WorkGate.OPEN, WorkGate.OPEN));
        JacksonMcpJsonMapper json = McpTools.jsonMapper();
        StdioMessages stdio = new StdioMessages(System.in, json, System.err);
        McpTools mcp = new McpTools(whenOpen(tools), McpTools.QuestionLimit.NONE, json);
        McpSyncServer server =
                mcp.build(McpServer.sync(new StdioServerTransportProvider(json, stdio, stdio.out(protocol))));
        opening.whenComplete((qa, failed) -> System.err.println(
                failed == null
                        ? "reportqa mcp: serving "
                                + qa.library().retriever().backend().reports().size() + " reports over stdio"
                        : "reportqa mcp: the library could not be opened: " + rootMessage(failed)));
        boolean failedToOpen;
        try {
            stdio.awaitEnd();
            // The SDK ends the session when it reads the end of stdin, answered or not: it reads it only
            // once every request has been answered.
            if (!stdio.awaitAnswered(LAST_CALLS)) {
                System.err.println("reportqa mcp: stdin closed; calls still running after " + LAST_CALLS.toSeconds()
                        + " s are cut off");
            }
            stdio.release();
            server.closeGracefully();
        } finally {
            // Whether it failed to open is read before the close, which stops a library still opening.
            failedToOpen = opening.isCompletedExceptionally();
            close(opening, embedder);
        }
        return failedToOpen ? 1 : 0;
    }

    /** How long the end waits for a library still opening to give up once its model is closed. */
    static final Duration OPEN_STOP_WAIT = Duration.ofSeconds(60);

    /**
     * Closes the library and the model. A library still opening is stopped by closing the model under
     * it (the batch being embedded finishes first; the index keeps its last commit), then waited for.
     */
    private static void close(CompletableFuture<Application> opening, BackgroundEmbedder embedder) {
        try {
            if (!opening.isDone()) {
                embedder.close();
                try {
                    opening.get(OPEN_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException stopped) {
                    // Stopped by the model's close, as intended (or still stopping: the exit ends it).
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (opening.isDone() && !opening.isCompletedExceptionally()) {
                opening.join().close();
            }
        } catch (IOException e) {
            System.err.println("reportqa mcp: closing the index failed: " + e.getMessage());
        } finally {
            embedder.close();
        }
    }

    /** The tools once the library is open; while it opens, a wait and then {@link McpTools.Unavailable}. */
    private static Supplier<LibraryTools> whenOpen(CompletableFuture<LibraryTools> tools) {
        return () -> {
            try {
                return tools.get(OPENING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new McpTools.Unavailable(
                        "the report library is still opening (indexing reports); try again in a moment");
            } catch (ExecutionException e) {
                throw new McpTools.Unavailable("the report library could not be opened: " + rootMessage(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new McpTools.Unavailable("stopped while the report library opened");
            }
        };
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null
                && (root instanceof ExecutionException
                        || root instanceof java.util.concurrent.CompletionException
                        || root instanceof UncheckedIOException)) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
