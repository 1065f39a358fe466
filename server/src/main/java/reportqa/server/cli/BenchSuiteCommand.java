package reportqa.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reportqa.retrieval.embed.BgeSmallZhEmbedder;
import reportqa.server.bench.BenchReport;
import reportqa.server.bench.BenchSuite;
import reportqa.server.bench.LoadClient;

/**
 * The benchmark suite: generated libraries of several sizes searched in process, servers started
 * on them, HTTP load on the seed library, and a results file with a chart.
 */
@Command(
        name = "bench-suite",
        mixinStandardHelpOptions = true,
        abbreviateSynopsis = true,
        description = {
            "Benchmark search, indexing, start-up, memory and HTTP at several library sizes; write the results"
                    + " (Markdown) and a chart (PNG).",
            "Generated libraries and their indexes go under --work; nothing of the user's data folder is touched."
        })
final class BenchSuiteCommand implements Callable<Integer> {

    @Option(
            names = "--sizes",
            split = ",",
            paramLabel = "N",
            description = "Library sizes in reports (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes = List.of(100, 1_000, 3_334, 10_000);

    @Option(
            names = "--real-vectors-up-to",
            paramLabel = "N",
            description =
                    "Largest size (reports) embedded with the real model; larger sizes get the means of the real model's sentence vectors"
                            + " (default: ${DEFAULT-VALUE}).")
    int realVectorsUpTo = REAL_VECTORS_UP_TO;

    private static final int REAL_VECTORS_UP_TO = 100;

    @Option(
            names = "--embedding-cache",
            paramLabel = "DIR",
            description = "An embedding cache that the sizes embedded with the real model read and fill, kept between"
                    + " runs: a later run indexes them with the real model's vectors without embedding them again"
                    + " (their build times then exclude embedding). Default: a fresh cache per size.")
    Path embeddingCache;

    @Option(
            names = "--text",
            paramLabel = "DIR",
            description = "A folder of .txt files whose sentences report bodies are also made of (repeatable),"
                    + " e.g. the CMRC 2018 paragraphs.")
    List<Path> text = new ArrayList<>();

    @Option(names = "--corpus", paramLabel = "DIR", description = "The seed reports (default: ${DEFAULT-VALUE}).")
    Path corpus = Path.of("corpus");

    @Option(
            names = "--questions",
            paramLabel = "FILE",
            description =
                    "Questions for the HTTP load (JSON Lines; default: corpus/questions-tuning.jsonl when present).")
    Path questions;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Where libraries and indexes go (default: ${DEFAULT-VALUE}).")
    Path work = Path.of("data", "bench");

    @Option(names = "--out", paramLabel = "FILE", description = "Results file (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("BENCHMARKS.md");

    @Option(names = "--chart", paramLabel = "FILE", description = "Chart (default: ${DEFAULT-VALUE}).")
    Path chart = Path.of("benchmarks.png");

    @Option(
            names = "--queries",
            paramLabel = "N",
            description = "Timed queries per mode and size (default: ${DEFAULT-VALUE}).")
    int queries = 300;

    @Option(
            names = "--connections",
            paramLabel = "N",
            description = "Concurrent HTTP clients (default: ${DEFAULT-VALUE}).")
    int connections = 32;

    @Option(
            names = "--http-seconds",
            paramLabel = "S",
            description = "Length of each HTTP load (default: ${DEFAULT-VALUE}).")
    int httpSeconds = 30;

    @Option(
            names = "--http-warmup",
            paramLabel = "S",
            description = "How long each endpoint is loaded before it is measured (default: ${DEFAULT-VALUE}).")
    int httpWarmupSeconds = 120;

    @Option(
            names = "--serve-heap",
            paramLabel = "SIZE",
            description =
                    "-Xmx of the servers started: the heap a 10,000-report library needs (default: ${DEFAULT-VALUE}).")
    String serveHeap = "512m";

    @Option(
            names = "--upload-pdf",
            paramLabel = "FILE",
            description = "A PDF report uploaded to the seed library's server and timed until searchable, three times"
                    + " (default: ${DEFAULT-VALUE}; left out when the file is missing).")
    Path uploadPdf = Path.of("retrieval", "src", "test", "resources", "pdf", "003_b9fc14e133e3b502.pdf");

    @Option(
            names = "--load-client",
            paramLabel = "CLIENT",
            description = "What loads the server over HTTP: AUTO (wrk when on the PATH, else the Java client), WRK or"
                    + " JAVA (default: ${DEFAULT-VALUE}).")
    LoadClient.Choice loadClient = LoadClient.Choice.AUTO;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of the generated libraries (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Override
    public Integer call() throws Exception {
        // The chart is drawn without a display.
        System.setProperty("java.awt.headless", "true");
        Path q = questions != null
                ? questions
                : Files.exists(corpus.resolve("questions-tuning.jsonl"))
                        ? corpus.resolve("questions-tuning.jsonl")
                        : null;
        BenchSuite.Options options = new BenchSuite.Options(
                sizes,
                realVectorsUpTo,
                embeddingCache,
                text,
                corpus,
                q,
                work,
                queries,
                connections,
                httpSeconds,
                httpWarmupSeconds,
                serveHeap,
                jar(),
                Files.isRegularFile(uploadPdf) ? uploadPdf : null,
                seed,
                loadClient);
        BenchSuite.Results results = new BenchSuite(options, new BgeSmallZhEmbedder(), System.err::println).run();
        BenchReport.write(
                results, "java -jar server/target/reportqa.jar bench-suite " + String.join(" ", args()), out, chart);
        System.out.println("wrote " + out + " and " + chart);
        return 0;
    }

    /** The arguments that differ from the defaults, for the results file. */
    private List<String> args() {
        List<String> a = new ArrayList<>();
        a.add("--sizes " + String.join(",", sizes.stream().map(String::valueOf).toList()));
        text.forEach(t -> a.add("--text " + t));
        if (realVectorsUpTo != REAL_VECTORS_UP_TO) {
            a.add("--real-vectors-up-to " + realVectorsUpTo);
        }
        if (embeddingCache != null) {
            a.add("--embedding-cache " + embeddingCache);
        }
        if (loadClient != LoadClient.Choice.AUTO) {
            a.add("--load-client " + loadClient);
        }
        return a;
    }

    /** The jar this runs from, or null when run from classes (then the product's own start is not measured). */
    private static Path jar() {
        try {
            Path p = Path.of(BenchSuiteCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return p.toString().endsWith(".jar") ? p : null;
        } catch (Exception e) {
            return null;
        }
    }
}
