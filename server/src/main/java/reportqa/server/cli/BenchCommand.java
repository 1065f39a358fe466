package reportqa.server.cli;

import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reportqa.retrieval.Json;
import reportqa.retrieval.eval.EvalQuestion;
import reportqa.retrieval.eval.QuestionSet;
import reportqa.server.Application;
import reportqa.server.config.Access;
import reportqa.server.config.ServerConfig;

/**
 * Latency benchmark over real HTTP: starts the server on a free loopback port and sends every
 * question of a questions file to {@code /api/search} and {@code /api/ask}, one at a time.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        abbreviateSynopsis = true,
        description = "Measure /api/search and /api/ask latency over real HTTP with the questions of a file.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @ArgGroup(validate = false, heading = Help.MODEL, order = Help.MODEL_ORDER)
    ModelOptions model = new ModelOptions();

    @ArgGroup(validate = false, heading = Help.TUNING, order = Help.TUNING_ORDER)
    TuningOptions tuning = new TuningOptions();

    @Parameters(index = "0", paramLabel = "QUESTIONS.jsonl", description = "Questions to send.")
    Path questions;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            description = "Times each question is sent (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(
            names = "--warmup",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Send every question once before measuring (JIT, caches); --no-warmup measures cold caches.")
    boolean warmup = true;

    @Override
    public Integer call() throws Exception {
        // It measures the server, not its limits: no keys (its client sends none) and no rate limits.
        ServerConfig config = common.load(model).withPort(0).withAccess(Access.UNLIMITED);
        List<EvalQuestion> qs = QuestionSet.forRun(questions, System.err::println);
        try (Application qa = common.openApplication(config, tuning)) {
            Javalin server = qa.server().create().start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + server.port();
                HttpClient http = HttpClient.newHttpClient();
                // One warm-up pass: JIT and the embedding caches.
                if (warmup) {
                    run(http, base, qs, 1);
                }
                List<Double> search = new ArrayList<>();
                List<Double> ask = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    List<Double>[] t = run(http, base, qs, 1);
                    search.addAll(t[0]);
                    ask.addAll(t[1]);
                }
                System.out.printf("%-12s %8s %8s %8s %8s%n", "endpoint", "requests", "mean ms", "p50 ms", "p95 ms");
                print("/api/search", search);
                print("/api/ask", ask);
                System.out.println("answer mode: "
                        + (qa.answers().llmEnabled() ? "llm (" + qa.answers().modelName() + ")" : "extractive"));
            } finally {
                server.stop();
            }
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static List<Double>[] run(HttpClient http, String base, List<EvalQuestion> qs, int times) throws Exception {
        List<Double> search = new ArrayList<>();
        List<Double> ask = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            for (EvalQuestion q : qs) {
                long t0 = System.nanoTime();
                send(
                        http,
                        HttpRequest.newBuilder(URI.create(base + "/api/search?q="
                                        + URLEncoder.encode(q.question(), StandardCharsets.UTF_8)))
                                .build());
                search.add((System.nanoTime() - t0) / 1e6);
                t0 = System.nanoTime();
                String body = Json.mapper().writeValueAsString(Map.of("question", q.question()));
                send(
                        http,
                        HttpRequest.newBuilder(URI.create(base + "/api/ask"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build());
                ask.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return new List[] {search, ask};
    }

    private static void send(HttpClient http, HttpRequest r) throws Exception {
        HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException(r.uri() + " answered " + res.statusCode() + ": " + res.body());
        }
    }

    private static void print(String name, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf(
                "%-12s %8d %8.1f %8.1f %8.1f%n",
                name, sorted.size(), mean, sorted.get(sorted.size() / 2), sorted.get((int)
                        Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.95))));
    }
}
