package reportqa.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import reportqa.server.Application;
import reportqa.server.config.ServerConfig;
import reportqa.server.mcp.LibraryTools;
import reportqa.server.mcp.McpTools;

/**
 * Serves the library to one agent as an MCP server over stdio: a desktop agent starts {@code java
 * -jar reportqa.jar mcp} and speaks JSON-RPC on its stdin and stdout. Standard output is the
 * protocol's alone: everything else this process would print (indexing progress, logs, a stray
 * line) goes to standard error. Ends when the agent closes its end of stdin.
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

    @ArgGroup(validate = false, heading = Help.MODEL, order = Help.MODEL_ORDER)
    ModelOptions model = new ModelOptions();

    @ArgGroup(validate = false, heading = Help.TUNING, order = Help.TUNING_ORDER)
    TuningOptions tuning = new TuningOptions();

    /** How long calls still running when the agent closes stdin may take to answer. */
    static final Duration LAST_CALLS = Duration.ofSeconds(60);

    @Override
    public Integer call() throws Exception {
        // Taken before anything can print: from here on System.out is standard error.
        PrintStream protocol = System.out;
        System.setOut(System.err);
        ServerConfig config = common.load(model);
        CountDownLatch ended = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        try (Application qa = common.openApplication(config, tuning)) {
            LibraryTools tools = new LibraryTools(qa.answers(), qa.library().retriever(), config.passagesPerAnswer());
            JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
            StdioServerTransportProvider transport =
                    new StdioServerTransportProvider(json, endingOnEof(System.in, ended, answered), protocol);
            McpTools mcp = new McpTools(() -> tools, McpTools.QuestionLimit.NONE, json);
            McpSyncServer server = mcp.build(McpServer.sync(transport));
            System.err.println("reportqa mcp: serving "
                    + qa.library().retriever().backend().reports().size() + " reports over stdio");
            ended.await();
            // The SDK ends the session when it reads the end of stdin, answered or not: it reads it only
            // once the calls still running have answered.
            if (!mcp.awaitIdle(LAST_CALLS)) {
                System.err.println("reportqa mcp: stdin closed; calls still running after " + LAST_CALLS.toSeconds()
                        + " s are cut off");
            }
            answered.countDown();
            server.closeGracefully();
        }
        return 0;
    }

    /**
     * {@code in}, counting {@code ended} down when it reaches its end (the agent closed it) or breaks,
     * and then saying so only once {@code answered} is counted down.
     */
    private static InputStream endingOnEof(InputStream in, CountDownLatch ended, CountDownLatch answered) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return seen(guarded(super::read));
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return seen(guarded(() -> super.read(b, off, len)));
            }

            private int guarded(IoRead read) throws IOException {
                try {
                    return read.read();
                } catch (IOException e) {
                    ended.countDown();
                    throw e;
                }
            }

            private int seen(int n) throws IOException {
                if (n < 0) {
                    ended.countDown();
                    try {
                        answered.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("stopped while the last calls were answered");
                    }
                }
                return n;
            }
        };
    }

    @FunctionalInterface
    private interface IoRead {
        int read() throws IOException;
    }
}
