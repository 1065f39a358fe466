package reportqa.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import reportqa.retrieval.Json;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.index.IndexCheck.IndexDamage;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.report.ReportParser;
import reportqa.retrieval.search.Retriever;
import reportqa.retrieval.search.SearchBackend;
import reportqa.server.config.ServerConfig;
import reportqa.server.feedback.FeedbackLog;
import reportqa.server.ingest.ReportUploads;
import reportqa.server.mcp.LibraryTools;
import reportqa.server.mcp.McpTools;
import reportqa.server.pipeline.AnswerPipeline;

/**
 * The HTTP server: the JSON API under {@code /api}, the OpenAI-compatible API under {@code /v1}
 * and the chat page at {@code /}. Routes only;
 * each endpoint's work is in its handler, and every handler is parse → call → write.
 */
public final class ApiServer {

    /** Where the web module's assets are on the classpath. */
    public static final String WEB_ROOT = "/reportqa/web";

    /** Where the WebJars keep their files on the classpath. */
    static final String WEBJARS_ROOT = "META-INF/resources/webjars";

    /**
     * Sent with every response: the page may run only its own scripts (no inline script, nothing
     * from elsewhere), so neither a report's text nor a model's answer can ever run script.
     */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy",
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY");

    /** How long a request may send nothing before it is cut off. */
    static final long REQUEST_IDLE_MILLIS = 10_000;
    /** The slowest a request body may arrive; a question of a few hundred bytes comes at once. */
    static final long MIN_REQUEST_BYTES_PER_SECOND = 256;

    private final ServerConfig config;
    private final ObjectMapper json = Json.mapper();
    private final AskHandler ask;
    private final SearchHandler search;
    private final ReportsHandler reports;
    private final UploadsHandler uploads;
    private final HealthHandler health;
    private final FeedbackHandler feedback;
    private final OpenAiHandler openAi;
    private final LibraryTools tools;
    /**
     * Keys and rate limits of {@link #create()}'s app. The app {@link #starting} makes has its own
     * (it exists before this server): {@code serve}'s limits are that one's, this one's go unused.
     */
    private final AccessControl access;

    public ApiServer(
            ServerConfig config,
            ReportLibrary.Config library,
            Retriever retriever,
            AnswerPipeline answers,
            Supplier<IndexResult> lastUpdate,
            Optional<IndexDamage> repaired,
            ReportUploads uploads,
            FeedbackLog feedback) {
        this.config = config;
        this.feedback = new FeedbackHandler(feedback, json);
        SearchBackend backend = retriever.backend();
        WorkSlots answerSlots = WorkSlots.answers(config.capacity().answerSlots(config.llmEnabled()));
        this.ask = new AskHandler(answers, json, config.passagesPerAnswer(), retriever::resolve, answerSlots);
        this.openAi = new OpenAiHandler(
                answers, json, config.passagesPerAnswer(), retriever::resolve, answerSlots, Clock.systemUTC());
        WorkSlots searchSlots = WorkSlots.searches(config.capacity().searchesAtOnce());
        this.tools = new LibraryTools(answers, retriever, config.passagesPerAnswer(), answerSlots, searchSlots);
        this.search = new SearchHandler(retriever, searchSlots);
        this.reports = new ReportsHandler(backend, library.corpusDir());
        this.uploads = new UploadsHandler(uploads);
        this.access = new AccessControl(config.access());
        this.health = new HealthHandler(
                config, library, backend, answers, lastUpdate, repaired, access::trusted, uploads::states);
    }

    /** The configured Javalin app bound to the configured host (and port, unless started on another), not yet started. */
    public Javalin create() {
        return create(config, access, json, () -> tools, ctx -> this);
    }

    /** How long an API request made while the library opens waits for it before a 503 {@code starting}. */
    public static final Duration STARTUP_WAIT = Duration.ofSeconds(10);

    /** What a request refused while the library opens is told. */
    static final int STARTING_RETRY_AFTER_SECONDS = 5;

    /** The most API requests kept waiting for the library at once; more are refused at once. */
    static final int STARTUP_WAITERS = 16;

    /**
     * The HTTP server of an application still opening, to start before it: the page is served at
     * once, and an API request waits for the application (up to {@code wait}: a library being
     * indexed may take minutes) and then is served by it, or gets a 503 {@code starting} with
     * {@code Retry-After}. {@code /api/health} does not wait (a liveness probe is told at once), nor
     * does a request beyond the {@value #STARTUP_WAITERS} already waiting (each holds a worker
     * thread). Access control and request checks run first, as on a started server, with this
     * server's own limits (the opened application's server is only asked to handle the endpoint): a
     * request that would be refused is refused at once. What a start does meanwhile (checking and
     * opening the index, loading the model) and starting the HTTP server then overlap.
     *
     * @param opened completed with the application's server once it is open; completed
     *     exceptionally if it cannot open (the process is then stopping)
     */
    public static Javalin starting(ServerConfig config, CompletableFuture<ApiServer> opened, Duration wait) {
        Semaphore waiters = new Semaphore(STARTUP_WAITERS);
        Supplier<LibraryTools> tools = () -> {
            try {
                return opened.get(wait.toNanos(), TimeUnit.NANOSECONDS).tools;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException | ExecutionException | CancellationException stillOpening) {
                // As for an API request: the same answer whether it is still opening or never will be.
            }
            throw new McpTools.Unavailable(STILL_OPENING);
        };
        return create(config, new AccessControl(config.access()), Json.mapper(), tools, ctx -> {
            if (opened.isDone() && !opened.isCompletedExceptionally()) {
                return opened.join();
            }
            boolean health = ctx.path().equals(HEALTH);
            if (health || !waiters.tryAcquire()) {
                return refuseWhileStarting(ctx);
            }
            try {
                return opened.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException | ExecutionException | CancellationException stillOpening) {
                // Not open yet (or never will be: the process is stopping): the same answer either way.
            } finally {
                waiters.release();
            }
            return refuseWhileStarting(ctx);
        });
    }

    private static final String HEALTH = "/api/health";

    /** Where the OpenAI-compatible API is: a client's base URL is the server's address and this. */
    public static final String OPENAI = "/v1";

    private static final String CHAT_COMPLETIONS = OPENAI + "/chat/completions";

    private static ApiServer refuseWhileStarting(Context ctx) {
        ctx.header("Retry-After", String.valueOf(STARTING_RETRY_AFTER_SECONDS));
        throw new ApiException(ErrorCode.STARTING, STILL_OPENING);
    }

    private static final String STILL_OPENING =
            "the report library is still opening (indexing reports); try again in a moment";

    /**
     * The app with its routes: each endpoint is served by the server {@code live} hands out for the
     * request (this one, or that of an application still opening, see {@link #starting}).
     */
    private static Javalin create(
            ServerConfig config,
            AccessControl access,
            ObjectMapper json,
            Supplier<LibraryTools> tools,
            Function<Context, ApiServer> live) {
        RequestGuard guard = new RequestGuard(config.host());
        OpenAiCors cors = new OpenAiCors(config.access());
        McpEndpoint mcp = new McpEndpoint(tools, access, guard, json);
        return Javalin.create(cfg -> {
            // The MCP endpoint is a servlet of its own beside Javalin's, with the same checks in a filter.
            cfg.jetty.modifyServletContextHandler(mcp::mount);
            cfg.jetty.modifyServer(server -> server.addBean(mcp));
            cfg.events.serverStopping(mcp::close);
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.http.maxRequestSize = RequestBodies.MAX_CHAT_BYTES;
            // An upload's files are parsed from the request by the multipart parser, not read as a body.
            cfg.jetty.multipartConfig.maxFileSize(ReportParser.MAX_FILE_BYTES, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(UploadsHandler.MAX_REQUEST_BYTES, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            cfg.http.prefer405over404 = true;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            if (config.tls() != null) {
                // HTTPS only: Javalin opens its plain connector only when none is added.
                cfg.jetty.addConnector((server, http) -> httpsConnector(server, http, config));
            }
            cfg.startup.showJavalinBanner = false;
            // The page's own files change with each release: always revalidate (ETag). marked and
            // DOMPurify from their WebJars: versioned paths, cached for good.
            WebFiles page = new WebFiles(WEB_ROOT.substring(1), "no-cache");
            WebFiles webjars = new WebFiles(WEBJARS_ROOT, "max-age=31622400");
            cfg.routes.get("/", ctx -> page.serve(ctx, "index.html"));
            // Browsers and feed readers ask for /favicon.ico whatever the page names: the page's icon.
            cfg.routes.get("/favicon.ico", ctx -> page.serve(ctx, "favicon.svg"));
            cfg.routes.get("/{file}", ctx -> page.serve(ctx, ctx.pathParam("file")));
            cfg.routes.get("/webjars/<path>", ctx -> webjars.serve(ctx, ctx.pathParam("path")));
            cfg.routes.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
            // Keys and limits first, so that every API request counts, refused ones included.
            cfg.routes.before("/api/*", access::check);
            cfg.routes.before("/api/ask", access::checkQuestion);
            cfg.routes.before("/api/ask/stream", access::checkQuestion);
            // A browser-based client's preflight carries no key: answered before the key is asked for.
            cfg.routes.before(OPENAI + "/*", cors::handle);
            cfg.routes.before(OPENAI + "/*", access::check);
            cfg.routes.before(CHAT_COMPLETIONS, access::checkQuestion);
            cfg.routes.before("/api/*", guard::check);
            RequestGuard openAiGuard = new RequestGuard(config.host(), cors.allowed());
            cfg.routes.before(OPENAI + "/*", openAiGuard::check);
            // Jetty's own refusals (bad request lines, long URIs) as JSON; slow bodies cut off: a
            // client sending a body byte by byte would otherwise hold a worker thread for as long as it likes.
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json)));
            // Outermost, so that every request counts as in flight and any can be turned away while
            // draining (Javalin puts its own handler inside a wrapper it finds). Jetty's own graceful
            // phase is off: stop(…) drains first, with the configured grace.
            cfg.jetty.modifyServer(server -> {
                server.setHandler(new DrainingHandler(json));
                server.setStopTimeout(0);
            });
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setIdleTimeout(REQUEST_IDLE_MILLIS);
                http.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
                // Jetty reuses a header line it parsed before on the same connection when a new one
                // matches it ignoring case: after "Bearer KEY", "Bearer key" would be read as "Bearer
                // KEY" and let a wrong key in (and a proxy may carry many clients on one connection).
                http.setHeaderCacheCaseSensitive(true);
                // A response up to the whole output buffer (32 KB) is held until it is complete, then
                // sent in one write with its length. By default a write larger than a quarter of the
                // buffer is not held but commits the response without a length: a 9-KB answer went
                // out chunked, in two writes to the socket. Streams (SSE, MCP) flush each event.
                http.setOutputAggregationSize(http.getOutputBufferSize());
            });
            cfg.routes.post("/api/ask", ctx -> live.apply(ctx).ask.ask(ctx));
            cfg.routes.post("/api/ask/stream", ctx -> live.apply(ctx).ask.stream(ctx));
            cfg.routes.get("/api/search", ctx -> live.apply(ctx).search.search(ctx));
            cfg.routes.get("/api/reports", ctx -> live.apply(ctx).reports.list(ctx));
            cfg.routes.get("/api/reports/{id}", ctx -> live.apply(ctx).reports.one(ctx));
            cfg.routes.get(
                    "/api/reports/{id}/pdf", ctx -> live.apply(ctx).reports.pdf(ctx));
            cfg.routes.post("/api/reports", ctx -> live.apply(ctx).uploads.add(ctx));
            cfg.routes.delete(
                    "/api/reports/{id}", ctx -> live.apply(ctx).uploads.remove(ctx));
            cfg.routes.post(
                    "/api/reports/{id}/reindex", ctx -> live.apply(ctx).uploads.reindex(ctx));
            cfg.routes.get("/api/uploads", ctx -> live.apply(ctx).uploads.list(ctx));
            cfg.routes.put(
                    "/api/reports/{id}/metadata", ctx -> live.apply(ctx).uploads.editMetadata(ctx));
            cfg.routes.post("/api/feedback", ctx -> live.apply(ctx).feedback.add(ctx));
            cfg.routes.get("/api/feedback", ctx -> live.apply(ctx).feedback.list(ctx));
            cfg.routes.get(HEALTH, ctx -> live.apply(ctx).health.health(ctx));
            cfg.routes.get(OPENAI + "/models", ctx -> live.apply(ctx).openAi.models(ctx));
            cfg.routes.get(
                    OPENAI + "/models/{id}", ctx -> live.apply(ctx).openAi.model(ctx));
            cfg.routes.post(CHAT_COMPLETIONS, ctx -> live.apply(ctx).openAi.chat(ctx));
            ErrorMapping.register(cfg);
        });
    }

    /**
     * The HTTPS connector on the configured host and port, with the settings the plain one would
     * have had (body rates, header cache) and the request marked secure.
     */
    private static ServerConnector httpsConnector(Server server, HttpConfiguration http, ServerConfig config) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(config.tls().keystore().toString());
        tls.setKeyStoreType(config.tls().type());
        tls.setKeyStorePassword(config.tls().password().reveal());
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(
                server,
                new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
        connector.setHost(config.host());
        connector.setPort(config.port());
        return connector;
    }

    /** Starts on the configured host and port. */
    public Javalin start() {
        return create().start();
    }

    /**
     * Stops {@code app} gracefully: from now on new requests get 503 {@code shutting_down} with
     * {@code Retry-After}, requests and streams in flight get up to {@code grace} to finish, then
     * the server stops (whatever is still running is cut off) and its port is closed.
     *
     * @return whether everything in flight finished within {@code grace}
     */
    public static boolean stop(Javalin app, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        DrainingHandler draining = app.jettyServer().server().getDescendant(DrainingHandler.class);
        McpEndpoint mcp = app.jettyServer().server().getBean(McpEndpoint.class);
        if (draining != null) {
            draining.refuseNew();
        }
        // An MCP session holds a stream open for as long as its client is connected: once the tool
        // calls under way have answered, the sessions are ended, so that the drain waits for
        // requests, not for them (ended first, they cut off the answers of calls still running).
        if (mcp != null) {
            mcp.awaitCalls(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            mcp.close();
        }
        boolean drained =
                draining == null || draining.drain(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        app.stop();
        return drained;
    }
}
