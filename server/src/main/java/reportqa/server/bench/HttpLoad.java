package reportqa.server.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator over real HTTP: {@code connections} clients, each sending its next
 * request as soon as the previous one is answered, for a fixed time, cycling through the requests
 * given. Counts what was answered 200 and what was not (another status, or no answer), and the
 * latency of the answered ones. It runs in the same process and on the same cores as the server it
 * loads, like wrk on loopback would; its own cost is part of the figures.
 */
final class HttpLoad {

    /** What one run measured. */
    record Result(
            String name,
            int connections,
            double seconds,
            long answered,
            long errors,
            Latency latency,
            String firstError) {

        double requestsPerSecond() {
            return answered / seconds;
        }
    }

    private HttpLoad() {}

    static Result run(String name, List<HttpRequest> requests, int connections, Duration warmup, Duration duration)
            throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(2))
                .build();
        drive(http, requests, connections, warmup, null);
        List<List<Long>> nanos = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        StringBuilder firstError = new StringBuilder();
        long t0 = System.nanoTime();
        drive(http, requests, connections, duration, new Sink(nanos, errors, firstError));
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Long> all = new ArrayList<>();
        nanos.forEach(all::addAll);
        return new Result(
                name, connections, seconds, all.size(), errors.get(), Latency.ofNanos(all), firstError.toString());
    }

    /** Where the measured run's outcomes go. */
    private record Sink(List<List<Long>> nanos, AtomicLong errors, StringBuilder firstError) {

        synchronized List<Long> forClient() {
            List<Long> mine = new ArrayList<>();
            nanos.add(mine);
            return mine;
        }

        void error(String what) {
            errors.incrementAndGet();
            synchronized (firstError) {
                if (firstError.length() == 0) {
                    firstError.append(what);
                }
            }
        }
    }

    private static void drive(
            HttpClient http, List<HttpRequest> requests, int connections, Duration duration, Sink sink)
            throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int first = c;
                running.add(clients.submit(() -> {
                    List<Long> mine = sink == null ? null : sink.forClient();
                    for (int i = first; System.nanoTime() < end; i += connections) {
                        HttpRequest r = requests.get(i % requests.size());
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> res = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
                            long took = System.nanoTime() - t0;
                            if (sink == null) {
                                continue;
                            }
                            if (res.statusCode() == 200) {
                                mine.add(took);
                            } else {
                                sink.error(r.uri().getPath() + " answered " + res.statusCode());
                            }
                        } catch (Exception e) {
                            if (sink != null) {
                                sink.error(r.uri().getPath() + ": " + e);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
