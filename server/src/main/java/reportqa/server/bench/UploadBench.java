package reportqa.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import reportqa.retrieval.Json;

/**
 * How long an uploaded PDF takes to become searchable on a running server: {@code POST /api/reports}
 * with the file, then {@code GET /api/uploads} until its state is {@code SEARCHABLE}; then it is
 * deleted again ({@code DELETE /api/reports/{id}}, until {@code REMOVED}) so that the next round, and
 * whatever is measured after, meets the library as it was. The first round embeds the report's
 * passages; later rounds find most of their vectors in the embedding cache.
 */
public final class UploadBench {

    /**
     * The name the file is uploaded under: one no library has, so that a PDF of a report the library
     * holds as text (a seed printed as a broker PDF) is taken as a new report.
     */
    static final String NAME = "upload-bench.pdf";

    /** How long one upload or removal may take before the benchmark gives up on it. */
    static final Duration LIMIT = Duration.ofMinutes(2);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** @param base the server's address, {@code http://127.0.0.1:port} */
    public UploadBench(String base) {
        this.base = base;
    }

    /**
     * Uploads {@code pdf} {@code rounds} times, each time until searchable and then removed.
     *
     * @return the seconds from each POST to its file being searchable
     * @throws IOException when an upload is refused or fails, with the server's reason
     */
    public List<Double> measure(Path pdf, int rounds) throws IOException, InterruptedException {
        byte[] bytes = Files.readAllBytes(pdf);
        String file = NAME;
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            JsonNode sent = post(file, bytes).path("uploads").path(0);
            String id = sent.path("id").asText();
            if (!sent.path("state").asText().equals("QUEUED")) {
                throw new IOException("the upload of " + file + " was refused: "
                        + sent.path("reason").asText());
            }
            waitFor(id, "SEARCHABLE");
            seconds.add((System.nanoTime() - t0) / 1e9);
            send(HttpRequest.newBuilder(URI.create(base + "/api/reports/" + enc(id)))
                    .DELETE()
                    .build());
            waitFor(id, "REMOVED");
        }
        return seconds;
    }

    private JsonNode post(String file, byte[] bytes) throws IOException, InterruptedException {
        String boundary = "reportqa-bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + file
                        + "\"\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + "/api/reports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    /** Polls the upload states until {@code id} is in {@code wanted}; a failure is thrown with its reason. */
    private void waitFor(String id, String wanted) throws IOException, InterruptedException {
        long end = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < end) {
            JsonNode uploads = send(HttpRequest.newBuilder(URI.create(base + "/api/uploads"))
                            .GET()
                            .build())
                    .path("uploads");
            for (JsonNode u : uploads) {
                if (u.path("id").asText().equals(id)) {
                    String state = u.path("state").asText();
                    if (state.equals(wanted)) {
                        return;
                    }
                    if (state.equals("FAILED")) {
                        throw new IOException(
                                id + " failed: " + u.path("reason").asText());
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new IOException(id + " was not " + wanted + " within " + LIMIT.toSeconds() + " s");
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IOException(
                    request.method() + " " + request.uri().getPath() + ": " + r.statusCode() + " " + r.body());
        }
        return Json.mapper().readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
