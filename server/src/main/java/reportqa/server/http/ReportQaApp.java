package reportqa.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.Json;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.index.ReportIndex;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.SearchRequest;
import reportqa.retrieval.search.SearchResult;
import reportqa.server.answer.Answer;
import reportqa.server.answer.AnswerListener;
import reportqa.server.answer.AnswerService;
import reportqa.server.answer.AskRequest;
import reportqa.server.config.ServerConfig;

/**
 * The HTTP server: the JSON API under {@code /api} and the chat page at {@code /}. Built by hand
 * from its parts, so a test can start it on any port with any data and model.
 */
public final class ReportQaApp {

    private static final Logger LOG = LoggerFactory.getLogger(ReportQaApp.class);
    /** Requests larger than this are refused with 413. */
    public static final long MAX_BODY_BYTES = 64 * 1024;
    /** Where the web module's assets are on the classpath. */
    public static final String WEB_ROOT = "/reportqa/web";

    /**
     * Sent with every response: the page may run only its own scripts (no inline script, nothing
     * from elsewhere), so neither a report's text nor a model's answer can ever run script.
     */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY");

    private final ServerConfig config;
    private final ReportLibrary library;
    private final AnswerService answers;
    private final IndexResult lastUpdate;
    private final ObjectMapper json = Json.mapper();
    private final AskRequestParser parser = new AskRequestParser(json);

    public ReportQaApp(ServerConfig config, ReportLibrary library, AnswerService answers, IndexResult lastUpdate) {
        this.config = config;
        this.library = library;
        this.answers = answers;
        this.lastUpdate = lastUpdate;
    }

    /** The configured Javalin app, not yet started. */
    public Javalin create() {
        return Javalin.create(cfg -> {
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.startup.showJavalinBanner = false;
            cfg.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = WEB_ROOT;
                s.location = Location.CLASSPATH;
                // The page's own files change with each release: always revalidate (ETag).
                s.headers = Map.of("Cache-Control", "no-cache");
            });
            // marked and DOMPurify from their WebJars: versioned paths, cached for good.
            cfg.staticFiles.enableWebjars();
            cfg.routes.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
            cfg.routes.post("/api/ask", this::ask);
            cfg.routes.post("/api/ask/stream", this::askStream);
            cfg.routes.get("/api/search", this::search);
            cfg.routes.get("/api/reports", this::reports);
            cfg.routes.get("/api/reports/{id}", this::report);
            cfg.routes.get("/api/health", this::health);
            cfg.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.code(), e.getMessage()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, codeFor(e.getStatus()), e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, ErrorCode.INTERNAL, "internal error: " + e.getClass().getSimpleName());
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.path().startsWith("/api") && !ctx.res().isCommitted() && isEmptyBody(ctx)) {
                    error(ctx, ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path());
                }
            });
            cfg.routes.error(405, ctx -> error(ctx, ErrorCode.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path()));
        });
    }

    private static boolean isEmptyBody(Context ctx) {
        String r = ctx.result();
        return r == null || r.isEmpty() || r.startsWith("Endpoint") || r.equals("Not Found");
    }

    /** Starts on the configured host and port. */
    public Javalin start() {
        return create().start(config.host(), config.port());
    }

    private void error(Context ctx, ErrorCode code, String message) {
        ctx.status(code.status()).json(ApiError.of(code, message));
    }

    private static ErrorCode codeFor(int status) {
        return switch (status) {
            case 413 -> ErrorCode.BODY_TOO_LARGE;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_FIELD;
        };
    }

    // ------------------------------------------------------------------ ask

    /** Oversized bodies up to this size are read and dropped, so the client reliably gets its 413. */
    private static final long DRAIN_LIMIT = 16 * MAX_BODY_BYTES;

    private AskRequest askRequest(Context ctx) {
        if (ctx.contentLength() > MAX_BODY_BYTES) {
            drain(ctx);
            throw new ApiException(ErrorCode.BODY_TOO_LARGE, "the body has " + ctx.contentLength() + " bytes; at most " + MAX_BODY_BYTES);
        }
        return parser.parse(ctx.body(), config.passagesPerAnswer(), library.index().reports().keySet());
    }

    /**
     * Reads an oversized body before refusing it: a server that answers while the client is still
     * sending resets the connection, and the client sees a broken connection instead of the 413.
     */
    private static void drain(Context ctx) {
        if (ctx.contentLength() > DRAIN_LIMIT) {
            return;
        }
        try (java.io.InputStream in = ctx.req().getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            LOG.debug("client went away while sending an oversized body: {}", e.toString());
        }
    }

    private void ask(Context ctx) throws Exception {
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/event-stream")) {
            askStream(ctx);
            return;
        }
        ctx.json(answers.ask(askRequest(ctx)));
    }

    private void askStream(Context ctx) throws Exception {
        AskRequest req = askRequest(ctx); // a bad request is a plain 4xx JSON error, before any event
        SseWriter sse = new SseWriter(ctx, json);
        try {
            answers.stream(req, new AnswerListener() {
                @Override
                public void onSources(List<SourceView> sources, String query, String filterNote) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("sources", sources);
                    data.put("query", query);
                    data.put("filterNote", filterNote);
                    sse.send(StreamEvent.SOURCES, data);
                }

                @Override
                public void onToken(String token) {
                    sse.send(StreamEvent.TOKEN, Map.of("text", token));
                }

                @Override
                public void onReset(String reason) {
                    sse.send(StreamEvent.RESET, Map.of("reason", reason));
                }

                @Override
                public void onDone(Answer answer) {
                    sse.send(StreamEvent.DONE, answer);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            LOG.info("stream client went away: {}", e.getMessage());
        } catch (Exception e) {
            LOG.error("streamed answer failed", e);
            try {
                sse.send(StreamEvent.ERROR, ApiError.of(ErrorCode.INTERNAL, "internal error: " + e.getClass().getSimpleName()));
            } catch (java.io.UncheckedIOException gone) {
                LOG.info("stream client went away before the error could be sent");
            }
        }
    }

    // ------------------------------------------------------------------ search and reports

    private void search(Context ctx) throws Exception {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new ApiException(ErrorCode.QUESTION_EMPTY, "q is required");
        }
        if (q.length() > AskRequestParser.MAX_QUESTION) {
            throw new ApiException(ErrorCode.QUESTION_TOO_LONG, "q has " + q.length() + " characters; at most " + AskRequestParser.MAX_QUESTION);
        }
        Integer k = null;
        String ks = ctx.queryParam("k");
        if (ks != null && !ks.isBlank()) {
            try {
                k = Integer.parseInt(ks.strip());
            } catch (NumberFormatException e) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "k must be a whole number, not '" + ks + "'");
            }
        }
        SearchRequest req = new SearchRequest(q.strip(), Params.k(k, SearchRequest.DEFAULT_K), Params.mode(ctx.queryParam("mode")),
                Params.filters(ctx.queryParams("broker"), ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParams("report"),
                        library.index().reports().keySet()), true);
        long t0 = System.nanoTime();
        SearchResult result = library.retriever().retrieve(req);
        List<SourceView> passages = new ArrayList<>();
        for (Passage p : result.passages()) {
            passages.add(SourceView.of(p, 0));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", req.query());
        out.put("mode", req.mode().key());
        out.put("filters", result.applied());
        out.put("filterNote", result.autoFilterNote());
        out.put("passages", passages);
        out.put("timings", Map.of("retrieveMs", (System.nanoTime() - t0) / 1_000_000));
        ctx.json(out);
    }

    private void reports(Context ctx) {
        List<ReportSummary> out = new ArrayList<>();
        for (Report r : library.index().reports().values()) {
            out.add(ReportSummary.of(r));
        }
        ctx.json(out);
    }

    private void report(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        Report r = library.index().report(id)
                .orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_REPORT, "no report with id '" + id + "'"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("report", ReportSummary.of(r));
        out.put("provenance", r.metadata().provenance());
        out.put("text", r.text());
        out.put("sections", r.sections());
        List<Map<String, Object>> passages = new ArrayList<>();
        for (ReportIndex.StoredPassage p : library.index().passages(id)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("passageId", p.passageId());
            m.put("section", p.section());
            m.put("boilerplate", p.boilerplate());
            m.put("start", p.start());
            m.put("end", p.end());
            passages.add(m);
        }
        out.put("passages", passages);
        ctx.json(out);
    }

    private void health(Context ctx) {
        Map<String, Object> corpus = new LinkedHashMap<>();
        corpus.put("dir", library.config().corpusDir().toString());
        corpus.put("reports", library.index().reports().size());
        corpus.put("lastUpdate", lastUpdate == null ? null : lastUpdate.summary());
        corpus.put("failures", lastUpdate == null ? List.of() : lastUpdate.failures());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("configured", answers.llmEnabled());
        model.put("provider", config.provider().key());
        model.put("name", answers.modelName());
        model.put("answerMode", answers.llmEnabled() ? "llm" : "extractive");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("passages", library.index().passageCount());
        out.put("corpus", corpus);
        out.put("model", model);
        out.put("retrieval", Map.of("analysis", library.config().settings().analysis().name(),
                "embedder", library.config().settings().embedderId(), "defaultMode", "hybrid"));
        ctx.json(out);
    }
}
