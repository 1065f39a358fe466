package reportqa.server.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import reportqa.retrieval.Json;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.ReportParser;
import reportqa.retrieval.search.HybridOptions;
import reportqa.server.cli.Main;

/**
 * The whole benchmark: a library of each size generated ({@link ScaleCorpus}), searched in process
 * ({@link SearchBench}) and served from a process of its own ({@link ServeProbe}); the real
 * embedding model's throughput; the product's own server on the seed library, in a process of its
 * own: its start-up, memory, HTTP load ({@link HttpLoad}) and a profile of its answers.
 * {@link BenchReport} writes it up.
 */
public final class BenchSuite {

    /**
     * What to run.
     *
     * @param sizes library sizes, in reports
     * @param realVectorsUpTo the largest size (in reports) indexed with the real model; larger ones
     *     get the means of the real model's sentence vectors ({@link SentenceMeanEmbedder})
     * @param embeddingCache an embedding cache the sizes indexed with the real model read and fill,
     *     kept between runs (their build then excludes embedding what it holds), or null for a fresh
     *     cache per size, emptied first
     * @param textDirs folders of plain text that report bodies are also made of
     * @param seedCorpus the seed reports (sentences, and the library the HTTP load runs on)
     * @param questions questions for the HTTP load (JSON Lines, as eval's), or null for sampled ones
     * @param work where libraries, indexes and logs go
     * @param queries timed queries per mode and size
     * @param connections concurrent HTTP clients
     * @param httpSeconds how long each measured HTTP load runs
     * @param httpWarmupSeconds how long each endpoint is loaded before it is measured (the JIT
     *     compilers need one to two minutes of load to compile the answer path on two cores)
     * @param serveHeap the -Xmx of the servers started for start-up and memory
     * @param jar the jar the product's own server is started from, or null to start it from this
     *     process's class path
     * @param uploadPdf a PDF report uploaded to the seed library's server, timed until searchable,
     *     or null to leave uploads out
     * @param loadClient what loads the seed library's server ({@link LoadClient})
     */
    public record Options(
            List<Integer> sizes,
            int realVectorsUpTo,
            Path embeddingCache,
            List<Path> textDirs,
            Path seedCorpus,
            Path questions,
            Path work,
            int queries,
            int connections,
            int httpSeconds,
            int httpWarmupSeconds,
            String serveHeap,
            Path jar,
            Path uploadPdf,
            long seed,
            LoadClient.Choice loadClient) {}

    /** Everything measured. */
    public record Results(
            Options options,
            double embeddingPassagesPerSecond,
            int embeddingBatch,
            List<SearchBench.Point> points,
            List<ServeProbe.Started> started,
            List<HttpLoad.Result> http,
            List<Profile.Frame> askSelf,
            List<Profile.Frame> askOurs,
            int askSamples,
            HttpLoad.Result askProfiled,
            ServeProbe.Started seedStart,
            List<Double> uploadSeconds,
            double seconds) {}

    /** Uploads timed: the first embeds the report, the others find its vectors cached. */
    static final int UPLOAD_ROUNDS = 3;

    /** The file in the work folder that keeps the HTTP load's questions (JSON Lines, as eval's). */
    static final String HTTP_QUESTIONS = "http-questions.jsonl";

    private final Options options;
    private final Embedder real;
    private final Consumer<String> log;

    public BenchSuite(Options options, Embedder real, Consumer<String> log) {
        this.options = options;
        this.real = real;
        this.log = log;
    }

    public Results run() throws Exception {
        long start = System.nanoTime();
        // Chosen first: wrk asked for and missing fails the run now, not after the libraries are built.
        LoadClient client = LoadClient.of(options.loadClient(), classPath());
        log.accept("HTTP load from " + client.name());
        Files.createDirectories(options.work());
        List<Path> sources = new ArrayList<>();
        sources.add(options.seedCorpus());
        sources.addAll(options.textDirs());
        List<String> sentences = ScaleCorpus.sentencesOf(sources);
        log.accept(String.format("%,d sentences from %s", sentences.size(), sources));
        ScaleCorpus generator = new ScaleCorpus(sentences, BrokerRegistry.standard());
        SplittableRandom r = new SplittableRandom(options.seed());
        List<String> queries = queries(sentences, r, options.queries());
        List<String> otherQueries = queries(sentences, r, options.queries());
        List<String> warmup = queries(sentences, r, 50);

        // The real model's throughput, in batches of a report's passages, as indexing sends them.
        List<String> passages = passagesOf(sentences, r, 600);
        int batch = ScaleCorpus.MEAN_PASSAGES;
        real.embedPassages(passages.subList(0, batch));
        long t0 = System.nanoTime();
        for (int i = 0; i < passages.size(); i += batch) {
            real.embedPassages(passages.subList(i, Math.min(passages.size(), i + batch)));
        }
        double embedRate = passages.size() / ((System.nanoTime() - t0) / 1e9);
        log.accept(String.format("real model: %.1f passages/s", embedRate));

        // The larger libraries' passage vectors: means of the real model's vectors of their
        // sentences, each sentence embedded once, here (not counted in any build time; a piece of a
        // sentence cut by a passage's edge takes its sentence's vector while building).
        SentenceMeanEmbedder sentenceMeans = new SentenceMeanEmbedder(real);
        if (options.sizes().stream().anyMatch(n -> n > options.realVectorsUpTo())) {
            long t1 = System.nanoTime();
            sentenceMeans.learn(sentences);
            log.accept(String.format(
                    "%,d sentences embedded for the sentence-mean vectors in %.0f s",
                    sentences.size(), (System.nanoTime() - t1) / 1e9));
        }
        SearchBench bench = new SearchBench(real, log);
        List<SearchBench.Point> points = new ArrayList<>();
        List<ServeProbe.Started> started = new ArrayList<>();
        // The report added to each library, under a name no library report has.
        Path extra = options.work().resolve("extra");
        Path added = Files.move(
                generator.write(extra, 1, options.seed() + 1).get(0),
                extra.resolve("added_000000.txt"),
                StandardCopyOption.REPLACE_EXISTING);
        for (int size : options.sizes()) {
            Path dir = options.work().resolve("size-" + size);
            Path corpus = dir.resolve("corpus");
            if (!Files.isDirectory(corpus) || count(corpus) != size) {
                clear(corpus);
                generator.write(corpus, size, options.seed());
            }
            boolean realVectors = size <= options.realVectorsUpTo();
            Embedder embedder = realVectors ? real : sentenceMeans;
            boolean cached = realVectors && options.embeddingCache() != null;
            ReportLibrary.Config config = new ReportLibrary.Config(
                    corpus,
                    dir.resolve("index"),
                    cached ? options.embeddingCache() : dir.resolve("cache"),
                    new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, embedder.modelId()),
                    HybridOptions.DEFAULT);
            clear(config.indexDir());
            if (!cached) {
                // Every vector embedded afresh: a cache left by an earlier run would make indexing look free.
                clear(config.cacheDir());
            }
            long fragmentsBefore = sentenceMeans.fragmentsEmbedded();
            long piecesBefore = sentenceMeans.piecesOfKnownSentences();
            SearchBench.Point p = bench.measure(
                    dir,
                    config,
                    embedder,
                    cached ? "bge-small-zh, cached" : realVectors ? "bge-small-zh" : "bge-small-zh sentence means",
                    queries,
                    otherQueries,
                    warmup,
                    added);
            points.add(p);
            if (!realVectors) {
                log.accept(String.format(
                        "%,d sentence pieces cut by a passage's edge took their sentence's vector, %,d embedded,"
                                + " while building %,d passages",
                        sentenceMeans.piecesOfKnownSentences() - piecesBefore,
                        sentenceMeans.fragmentsEmbedded() - fragmentsBefore,
                        p.passages()));
            }
            clear(dir.resolve("standard"));
            if (!realVectors || cached) {
                int port = freePort();
                ServeProbe.Started s = ServeProbe.probe(
                        ServeProbe.scaleServer(
                                options.serveHeap(),
                                corpus,
                                dir,
                                config.indexDir(),
                                config.cacheDir(),
                                realVectors,
                                port),
                        port,
                        queries.get(0),
                        queries.subList(1, Math.min(21, queries.size())),
                        dir.resolve("serve.log"));
                log.accept(String.format(
                        "server on %,d passages: first answer %.1f s, RSS %,d MB, heap used %,d MB",
                        p.passages(), s.secondsToFirstAnswer(), s.rssBytes() >> 20, s.heapUsedBytes() >> 20));
                started.add(s);
            } else {
                started.add(null);
            }
        }

        // The seed library, indexed here with the real model; then served by the product as a user
        // starts it, in a process of its own: start-up with an existing index, memory, HTTP load and
        // a profile of the answers. (Served in this process, after the large sizes, the same load ran
        // at half the rate: this process's heap and caches hold every size.)
        Path seedData = options.work().resolve("seed-data");
        // Served from a copy: the uploads measured below are written into the corpus folder.
        Path seedCorpus = copyReports(options.seedCorpus(), options.work().resolve("seed-corpus"));
        ReportLibrary.Config seedLibrary = ReportLibrary.Config.under(
                seedData,
                seedCorpus,
                new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, real.modelId()),
                HybridOptions.DEFAULT);
        try (ReportLibrary library =
                ReportLibrary.open(seedLibrary, real, IndexProgress.NONE).library()) {
            log.accept(String.format(
                    "seed library: %,d passages", library.backend().passageCount()));
        }
        int port = freePort();
        List<HttpLoad.Result> http = new ArrayList<>();
        Profile.Profiled<HttpLoad.Result> ask;
        ServeProbe.Started seedStart;
        List<Double> uploads = List.of();
        List<String> seedServer = seedServer(seedCorpus, seedData, port);
        String seedQuestion = "Sora 能生成多长的视频？";
        Path seedLog = options.work().resolve("serve-seed.log");
        List<Double> earlierSeedStarts = ServeProbe.earlierStarts(seedServer, port, seedQuestion, seedLog);
        try (ServeProbe.Running server = ServeProbe.start(seedServer, port, seedQuestion, seedLog)) {
            List<String> asked = questions(sentences, r);
            List<String> bodies = new ArrayList<>();
            for (String q : asked) {
                bodies.add(Json.mapper().writeValueAsString(java.util.Map.of("question", q)));
            }
            // Kept, so that the same load can be run again by hand against another server.
            Files.writeString(options.work().resolve(HTTP_QUESTIONS), String.join("\n", bodies) + "\n");
            server.ask(port, asked.subList(0, Math.min(20, asked.size())));
            seedStart = server.memory().after(earlierSeedStarts);
            log.accept(String.format(
                    "serve on the seed library: first answer %.1f s, RSS %,d MB",
                    seedStart.secondsToFirstAnswer(), seedStart.rssBytes() >> 20));
            String base = "http://127.0.0.1:" + port;
            List<HttpLoad.Request> asks = bodies.stream()
                    .map(body -> HttpLoad.Request.postJson(base + "/api/ask", body))
                    .toList();
            Duration run = Duration.ofSeconds(options.httpSeconds());
            Duration warm = Duration.ofSeconds(options.httpWarmupSeconds());
            // First the server as it is just after its start, its answer path not compiled yet; then
            // each endpoint after a warm-up of its own, as a server that has run a while serves it.
            HttpLoad.Result cold = load(
                    client,
                    "/api/ask (extractive), cold: the first " + options.httpSeconds() + " s of load after the start",
                    asks,
                    Duration.ZERO,
                    run);
            http.add(cold);
            for (String mode : List.of("bm25", "hybrid")) {
                List<HttpLoad.Request> search = asked.stream()
                        .map(q -> HttpLoad.Request.get(base + "/api/search?mode=" + mode + "&q="
                                + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                        .toList();
                http.add(load(client, "/api/search (" + mode + ")", search, warm, run));
                if (mode.equals("bm25")) {
                    javaAlso(client, "/api/search (bm25)", search, run).ifPresent(http::add);
                }
            }
            http.add(load(client, "/api/ask (extractive)", asks, warm, run));
            javaAlso(client, "/api/ask (extractive)", asks, run).ifPresent(http::add);
            // Profiled apart: the recorder's own cost stays out of the figures above.
            ask = Profile.ofProcess(
                    server.pid(), () -> load(client, "/api/ask (extractive, profiled)", asks, Duration.ZERO, run), 12);
            if (options.uploadPdf() != null) {
                uploads = new UploadBench(base).measure(options.uploadPdf(), UPLOAD_ROUNDS);
                log.accept(String.format("upload of %s searchable after %s s", options.uploadPdf(), uploads));
            }
        }
        return new Results(
                options,
                embedRate,
                batch,
                points,
                started,
                http,
                ask.self(),
                ask.ours(),
                ask.samples(),
                ask.result(),
                seedStart,
                uploads,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The product's {@code serve} on the seed library, as a user starts it but for the per-client
     * limits (all the load comes from one client) and the folder watch.
     */
    private List<String> seedServer(Path seedCorpus, Path seedData, int port) {
        List<String> c = new ArrayList<>();
        c.add(ServeProbe.jdkTool("java"));
        c.addAll(ServeProbe.serverFlags(options.serveHeap()));
        if (options.jar() != null) {
            c.add("-jar");
            c.add(options.jar().toString());
        } else {
            c.add("-cp");
            c.add(System.getProperty("java.class.path"));
            c.add(Main.class.getName());
        }
        c.addAll(List.of(
                "serve",
                "--corpus",
                seedCorpus.toString(),
                "--data",
                seedData.toString(),
                "--port",
                Integer.toString(port),
                "--no-watch",
                "--answers-per-minute",
                "0",
                "--requests-per-minute",
                "0"));
        return c;
    }

    /** The report files (and sidecars) of {@code from}, copied into {@code to}, emptied first. */
    private static Path copyReports(Path from, Path to) throws IOException {
        clear(to);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (ReportParser.isReportName(name) || name.endsWith(ReportParser.SIDECAR_SUFFIX)) {
                    Files.copy(f, to.resolve(name));
                }
            }
        }
        return to;
    }

    /** One HTTP load, from a client process of its own, logged. */
    private HttpLoad.Result load(
            LoadClient client, String name, List<HttpLoad.Request> requests, Duration warm, Duration run)
            throws IOException, InterruptedException {
        HttpLoad.Result r = client.run(name, requests, options.connections(), warm, run, options.work());
        log.accept(describe(r));
        return r;
    }

    /**
     * When {@code client} is not the Java client: the same load again from the Java client, right
     * after it (the server is as warm), so that the results show what the client's own cost takes.
     */
    private Optional<HttpLoad.Result> javaAlso(
            LoadClient client, String name, List<HttpLoad.Request> requests, Duration run)
            throws IOException, InterruptedException {
        if (client instanceof HttpLoad.InProcess) {
            return Optional.empty();
        }
        return Optional.of(load(new HttpLoad.InProcess(classPath()), name, requests, Duration.ZERO, run));
    }

    /** The class path the Java load client runs from: the suite's jar, or its classes. */
    private String classPath() {
        return options.jar() != null ? options.jar().toString() : System.getProperty("java.class.path");
    }

    private static String describe(HttpLoad.Result r) {
        return String.format(
                "%s, %s, %d connections: %.0f requests/s, p50 %.1f ms, p99 %.1f ms, %d errors%s",
                r.name(),
                r.client(),
                r.connections(),
                r.requestsPerSecond(),
                r.latency().p50(),
                r.latency().p99(),
                r.errors(),
                r.errors() > 0 ? " (first: " + r.firstError() + ")" : "");
    }

    /** The HTTP questions: the questions file's, else queries made from the sentences. */
    private List<String> questions(List<String> sentences, SplittableRandom r) throws IOException {
        if (options.questions() == null) {
            return queries(sentences, r, 200);
        }
        List<String> out = new ArrayList<>();
        for (var q : reportqa.retrieval.eval.QuestionSet.load(options.questions())) {
            out.add(q.question());
        }
        return out;
    }

    /** Queries as a user types them: a run of 6 to 20 characters from a sentence. */
    static List<String> queries(List<String> sentences, SplittableRandom r, int n) {
        List<String> out = new ArrayList<>(n);
        while (out.size() < n) {
            String s = sentences.get(r.nextInt(sentences.size()));
            int len = Math.min(s.length(), 6 + r.nextInt(15));
            int from = r.nextInt(s.length() - len + 1);
            if (from > 0 && Character.isLowSurrogate(s.charAt(from))) {
                from--;
            }
            String q = ScaleCorpus.prefix(s.substring(from), len).strip();
            if (q.length() >= 4 && !out.contains(q)) {
                out.add(q);
            }
        }
        return out;
    }

    /** Passage-sized texts (about 300 characters) of sentences. */
    private static List<String> passagesOf(List<String> sentences, SplittableRandom r, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            while (b.length() < 250) {
                b.append(sentences.get(r.nextInt(sentences.size())));
            }
            out.add(ScaleCorpus.prefix(b.toString(), 300));
        }
        return out;
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".txt")).count();
        }
    }

    /** Deletes a folder's contents and the folder (a benchmark folder, never the user's). */
    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A free loopback port for a server process to take. */
    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
