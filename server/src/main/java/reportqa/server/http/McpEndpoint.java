package reportqa.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reportqa.server.mcp.LibraryTools;
import reportqa.server.mcp.McpTools;

/**
 * The MCP server over streamable HTTP at {@code /mcp}: the SDK's servlet, mounted beside Javalin's
 * (Javalin's own before-handlers never see it), behind a filter that checks what every {@code /api}
 * request is checked for: the host and origin ({@link RequestGuard}), then the key and the request
 * limit ({@link AccessControl}); a refusal is the API's JSON error. An {@code ask} counts against its
 * client's question limit as {@code /api/ask} does.
 */
final class McpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(McpEndpoint.class);

    /** Where it is served. */
    static final String PATH = "/mcp";

    /** Most bytes of one JSON-RPC message a client may send (a tool call is a few hundred). */
    static final int MAX_MESSAGE_BYTES = (int) RequestBodies.MAX_BYTES;

    /** How often an open stream is pinged, so that a proxy does not cut a quiet one. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    private final HttpServletStreamableServerTransportProvider transport;
    /** The scheduler of the SDK's session sweeper (which evicts sessions their client left without closing). */
    private final List<Scheduler> sweepers;

    private final McpSyncServer server;
    private final RequestGuard guard;
    private final AccessControl access;
    private final ObjectMapper json;

    McpEndpoint(Supplier<LibraryTools> tools, AccessControl access, RequestGuard guard, ObjectMapper json) {
        this.access = access;
        this.guard = guard;
        this.json = json;
        JacksonMcpJsonMapper mcpJson = McpTools.jsonMapper();
        SweeperThreads.capture();
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mcpJson)
                .mcpEndpoint(PATH)
                .maxRequestSize(MAX_MESSAGE_BYTES)
                .keepAliveInterval(KEEP_ALIVE)
                .contextExtractor(req -> McpTransportContext.create(Map.of(McpTools.CLIENT, access.client(req))))
                .build();
        this.sweepers = List.copyOf(SweeperThreads.created());
        McpTools.QuestionLimit limit = context -> access.questionWait(String.valueOf(context.get(McpTools.CLIENT)));
        this.server = new McpTools(tools, limit, mcpJson).build(McpServer.sync(transport));
    }

    /** Mounts the endpoint and its checks on the server's servlet context. */
    void mount(ServletContextHandler context) {
        ServletHolder servlet = new ServletHolder("mcp", transport);
        // The SDK answers streams asynchronously; so must every filter in front of it.
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, PATH);
        FilterHolder checks = new FilterHolder(checks());
        checks.setAsyncSupported(true);
        context.addFilter(checks, PATH, EnumSet.of(DispatcherType.REQUEST));
    }

    private Filter checks() {
        return (request, response, chain) -> {
            HttpServletRequest req = (HttpServletRequest) request;
            HttpServletResponse res = (HttpServletResponse) response;
            try {
                guard.check(req);
                access.check(req, res);
            } catch (ApiException e) {
                res.setStatus(e.code().status());
                res.setContentType("application/json");
                res.setCharacterEncoding("UTF-8");
                ApiServer.SECURITY_HEADERS.forEach(res::setHeader);
                res.getOutputStream().write(json.writeValueAsBytes(ApiError.of(e.code(), e.getMessage())));
                return;
            }
            // A message is answered within its request (the SDK writes a call's answer before it
            // returns); the stream a GET opens is not counted: it lasts as long as its session.
            boolean call = req.getMethod().equals("POST");
            if (call) {
                calls.incrementAndGet();
            }
            try {
                chain.doFilter(request, response);
            } finally {
                if (call) {
                    synchronized (calls) {
                        calls.decrementAndGet();
                        calls.notifyAll();
                    }
                }
            }
        };
    }

    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    /** Waits up to {@code max} for the messages being answered (tool calls under way) to be answered. */
    void awaitCalls(Duration max) {
        long end = System.nanoTime() + max.toNanos();
        synchronized (calls) {
            try {
                for (long left = end - System.nanoTime(); calls.get() > 0 && left > 0; left = end - System.nanoTime()) {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(calls, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (calls.get() > 0) {
            LOG.warn("{} MCP call(s) still running when the server stops; they are cut off", calls.get());
        }
    }

    /** Ends every MCP session (their streams close), so that a stop need not wait for them, and the sweeper's thread. */
    void close() {
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            LOG.warn("closing the MCP sessions failed: {}", e.toString());
        } finally {
            sweepers.forEach(Scheduler::dispose);
        }
    }

    /**
     * The SDK's session sweeper runs on a scheduler of its own ({@code Schedulers.newSingle}) that
     * nothing disposes: not closing the server, not the servlet's destroy. Its thread would outlive
     * the server, and being no daemon, keep a process that stopped serving alive. So Reactor's single
     * schedulers make daemon threads, and the ones made while an endpoint's transport is built are
     * kept to be disposed with it.
     */
    static final class SweeperThreads {
        private static final ThreadLocal<List<Scheduler>> CAPTURED = new ThreadLocal<>();

        static {
            Schedulers.setFactory(new Schedulers.Factory() {
                @Override
                public Scheduler newSingle(ThreadFactory threads) {
                    Scheduler s = Schedulers.Factory.super.newSingle(r -> {
                        Thread t = threads.newThread(r);
                        t.setDaemon(true);
                        return t;
                    });
                    List<Scheduler> captured = CAPTURED.get();
                    if (captured != null) {
                        captured.add(s);
                    }
                    return s;
                }
            });
        }

        private SweeperThreads() {}

        /** From now on, on this thread, the single schedulers made are kept. */
        static void capture() {
            CAPTURED.set(new java.util.ArrayList<>());
        }

        /** The single schedulers made on this thread since {@link #capture}; stops keeping them. */
        static List<Scheduler> created() {
            List<Scheduler> made = CAPTURED.get();
            CAPTURED.remove();
            return made == null ? List.of() : made;
        }
    }
}
