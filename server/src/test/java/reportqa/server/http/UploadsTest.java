package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.TestServer;
import reportqa.server.TestServer.Client;
import reportqa.server.config.ServerConfig;

/**
 * Issue #11: reports uploaded to and removed from a running server. Four seed reports as text; the
 * fifth arrives as a PDF through {@code POST /api/reports} (multipart, with bad files beside it),
 * becomes searchable without the others being re-read, is cited with its page, and is gone from
 * answers after {@code DELETE}.
 */
class UploadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aPdfUploadedBesideBadFilesIsSearchableAndCitedThenDeletedAndGone() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        Path kimiPdf = PdfLibraryTest.fixtures().stream()
                .filter(p -> p.getFileName().toString().startsWith("003_"))
                .findFirst()
                .orElseThrow();
        try (Stream<Path> s = Files.list(TestServer.seedCorpus())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".txt")).toList()) {
                if (!p.getFileName().toString().startsWith("003_")) {
                    Files.copy(p, corpus.resolve(p.getFileName()));
                }
            }
        }
        String id = "kimi-weekly";
        TestServer.test(ServerConfig.defaults(), corpus, null, (qa, client) -> {
            assertEquals(4, client.get("/api/reports").json().size());
            String question = "{\"question\":\"Kimi 智能助手支持多少字的无损上下文？\"}";
            assertFalse(cites(client.post("/api/ask", question).json(), id));

            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(id + ".pdf", Files.readAllBytes(kimiPdf));
            files.put("notes.docx", "not a report".getBytes(StandardCharsets.UTF_8));
            files.put("fake.pdf", "plain text named like a PDF".getBytes(StandardCharsets.UTF_8));
            files.put("../../escape.txt", "路径里的 .. 不会带它离开语料文件夹。".repeat(3).getBytes(StandardCharsets.UTF_8));
            files.put("scan.pdf", imageOnlyPdf());
            long t0 = System.nanoTime();
            HttpResponse<String> posted = upload(client, files);
            assertEquals(202, posted.statusCode(), posted.body());
            Map<String, JsonNode> states = byId(JSON.readTree(posted.body()).path("uploads"));
            assertEquals("QUEUED", states.get(id).path("state").asText(), posted.body());
            assertEquals(
                    "not a report file: a .pdf or .txt is expected",
                    states.get("notes.docx").path("reason").asText());
            assertEquals(
                    "not a PDF (it does not start with %PDF-)",
                    states.get("fake").path("reason").asText());
            assertEquals("QUEUED", states.get("escape").path("state").asText(), "the path is dropped, the name kept");
            assertTrue(Files.exists(corpus.resolve("escape.txt")));
            assertFalse(Files.exists(tmp.resolve("escape.txt")));

            Map<String, JsonNode> settled = waitForSettled(client, id, "scan", "escape");
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("uploaded PDF searchable %.2f s after the POST (seed library, real model)%n", seconds);
            assertEquals("SEARCHABLE", settled.get(id).path("state").asText(), settled.toString());
            assertEquals("FAILED", settled.get("scan").path("state").asText());
            assertTrue(settled.get("scan").path("reason").asText().contains("no text layer"), settled.toString());

            // A file that failed to be read is taken out of the folder again: sent fixed, it is taken.
            assertFalse(Files.exists(corpus.resolve("scan.pdf")), "the failed upload is not left to be re-read");
            Map<String, JsonNode> retried = byId(JSON.readTree(
                            upload(client, Map.of("scan.pdf", imageOnlyPdf())).body())
                    .path("uploads"));
            assertEquals("QUEUED", retried.get("scan").path("state").asText(), retried.toString());
            assertEquals(
                    "FAILED",
                    waitForSettled(client, "scan").get("scan").path("state").asText());

            JsonNode uploads = client.get("/api/health").json().path("corpus").path("uploads");
            assertEquals(2, uploads.path("SEARCHABLE").asInt(), uploads.toString());
            assertEquals(3, uploads.path("FAILED").asInt(), uploads.toString());

            JsonNode answer = client.post("/api/ask", question).json();
            assertTrue(cites(answer, id), answer.toString());
            JsonNode cited = answer.path("citations").get(0);
            assertTrue(cited.path("page").asInt() >= 1, cited.toString());
            assertEquals(6, client.get("/api/reports").json().size(), "four seeds, the PDF and escape.txt");

            // The same file again, under its own name and another: refused, with why.
            Map<String, byte[]> again = new LinkedHashMap<>();
            again.put(id + ".pdf", Files.readAllBytes(kimiPdf));
            again.put("copy.pdf", Files.readAllBytes(kimiPdf));
            Map<String, JsonNode> refused =
                    byId(JSON.readTree(upload(client, again).body()).path("uploads"));
            assertEquals(
                    "the library already has a report with id " + id,
                    refused.get(id).path("reason").asText());
            assertEquals(
                    "the same file as report " + id + " of the library",
                    refused.get("copy").path("reason").asText());

            TestServer.Response deleted = client.request("DELETE", "/api/reports/" + id);
            assertEquals(202, deleted.status(), deleted.body());
            assertEquals("REMOVING", deleted.json().path("state").asText());
            assertEquals(
                    "REMOVED", waitForSettled(client, id).get(id).path("state").asText());
            assertFalse(Files.exists(corpus.resolve(id + ".pdf")));
            assertFalse(cites(client.post("/api/ask", question).json(), id));
            assertEquals(404, client.request("DELETE", "/api/reports/" + id).status());

            // Metadata sent with one file is its sidecar from its first reading.
            HttpResponse<String> withFields = upload(
                    client,
                    Map.of("dated.txt", "某券商研报正文：量子计算芯片的良率提升到 90%。".repeat(3).getBytes(StandardCharsets.UTF_8)),
                    Map.of("broker", "中信证券", "date", "2024-04-01", "analysts", "张三、李四"));
            assertEquals(202, withFields.statusCode(), withFields.body());
            assertEquals(
                    "SEARCHABLE",
                    waitForSettled(client, "dated").get("dated").path("state").asText());
            JsonNode dated = client.get("/api/reports/dated").json();
            assertEquals("中信证券", dated.path("report").path("broker").asText(), dated.toString());
            assertEquals("2024-04-01", dated.path("report").path("date").asText());
            assertEquals(
                    "[\"张三\",\"李四\"]", dated.path("report").path("analysts").toString());
            HttpResponse<String> badDate = upload(
                    client, Map.of("undated.txt", "正文。".getBytes(StandardCharsets.UTF_8)), Map.of("date", "April"));
            assertTrue(
                    byId(JSON.readTree(badDate.body()).path("uploads"))
                            .get("undated")
                            .path("reason")
                            .asText()
                            .startsWith("its metadata: "),
                    badDate.body());
            assertFalse(Files.exists(corpus.resolve("undated.txt")));
            assertFalse(Files.exists(corpus.resolve("undated.meta.json")));

            HttpResponse<String> huge = upload(client, Map.of("huge.pdf", new byte[33 << 20]));
            assertEquals(413, huge.statusCode(), huge.body());
            assertEquals(
                    "body_too_large",
                    JSON.readTree(huge.body()).path("error").path("code").asText(),
                    huge.body());

            TestServer.Response notAForm = client.postAs("/api/reports", "{}", "application/json");
            assertEquals(415, notAForm.status());
            assertEquals(
                    "unsupported_media_type",
                    notAForm.json().path("error").path("code").asText());
        });
    }

    @Test
    void aReportsMetadataIsEditedThroughItsSidecarAndOnlyItIsReindexed() throws Exception {
        Path corpus = TestServer.copySeedTexts(tmp.resolve("corpus"));
        String id = "001_e256dbcac6dad0ec";
        TestServer.test(ServerConfig.defaults(), corpus, null, (qa, client) -> {
            TestServer.Response edited = client.put(
                    "/api/reports/" + id + "/metadata", "{\"rating\": \"买入（首次）\", \"date\": \"2024-02-19\"}");
            assertEquals(202, edited.status(), edited.body());
            assertEquals(
                    "SEARCHABLE",
                    waitForSettled(client, id).get(id).path("state").asText());
            JsonNode report = client.get("/api/reports/" + id).json();
            assertEquals(
                    "买入（首次）",
                    report.path("report").path("rating").asText(),
                    report.path("report").toString());
            assertEquals("2024-02-19", report.path("report").path("date").asText());
            assertFalse(report.path("report").path("dateInferred").asBoolean());
            assertEquals(
                    "sidecar " + id + ".meta.json",
                    report.path("provenance").path("rating").asText());
            assertTrue(Files.readString(corpus.resolve(id + ".meta.json")).contains("买入（首次）"));
            String update = lastUpdate(client);
            assertTrue(update.startsWith("0 added, 1 changed, 0 removed, 4 unchanged"), update);

            TestServer.Response badDate = client.put("/api/reports/" + id + "/metadata", "{\"date\": \"19 Feb\"}");
            assertEquals(400, badDate.status(), badDate.body());
            assertEquals(
                    "invalid_field", badDate.json().path("error").path("code").asText());
            TestServer.Response field = client.put("/api/reports/" + id + "/metadata", "{\"text\": \"x\"}");
            assertEquals(400, field.status());
            assertTrue(
                    field.json().path("error").path("message").asText().startsWith("'text' is not a metadata field"));
            assertEquals(
                    404,
                    client.put("/api/reports/nope/metadata", "{\"rating\": \"买入\"}")
                            .status());
            assertEquals(
                    "买入（首次）",
                    client.get("/api/reports/" + id)
                            .json()
                            .path("report")
                            .path("rating")
                            .asText(),
                    "a refused edit changes nothing");
        });
    }

    @Test
    void aReportIsReadAgainOnRequestThoughItsFileDidNotChangeAndTheOthersAreNot() throws Exception {
        Path corpus = TestServer.copySeedTexts(tmp.resolve("corpus"));
        String id = "002_bcc5796c86ba42b6";
        TestServer.test(ServerConfig.defaults(), corpus, null, (qa, client) -> {
            // A refused upload of a report the library holds does not make that report look failed.
            JsonNode refused = JSON.readTree(
                            upload(client, Map.of(id + ".txt", "另一份报告。".getBytes(StandardCharsets.UTF_8)))
                                    .body())
                    .path("uploads")
                    .path(0);
            assertEquals("FAILED", refused.path("state").asText());
            assertFalse(
                    byId(client.get("/api/uploads").json().path("uploads")).containsKey(id),
                    client.get("/api/uploads").body());

            TestServer.Response asked = client.post("/api/reports/" + id + "/reindex", "");
            assertEquals(202, asked.status(), asked.body());
            assertEquals("QUEUED", asked.json().path("state").asText());
            assertEquals(
                    "SEARCHABLE",
                    waitForSettled(client, id).get(id).path("state").asText());
            String update = lastUpdate(client);
            assertTrue(update.startsWith("0 added, 1 changed, 0 removed, 4 unchanged"), update);
            assertEquals(
                    id,
                    client.get("/api/search?q=" + java.net.URLEncoder.encode("Sora", StandardCharsets.UTF_8)
                                    + "&report=" + id)
                            .json()
                            .path("passages")
                            .path(0)
                            .path("reportId")
                            .asText(),
                    "still searchable");

            TestServer.Response unknown = client.post("/api/reports/nope/reindex", "");
            assertEquals(404, unknown.status());
            assertEquals(
                    "unknown_report", unknown.json().path("error").path("code").asText());
        });
    }

    /** What the library's last update did, as /api/health says it. */
    private static String lastUpdate(Client client) {
        return client.get("/api/health")
                .json()
                .path("corpus")
                .path("lastUpdate")
                .asText();
    }

    static boolean cites(JsonNode answer, String id) {
        for (JsonNode c : answer.path("citations")) {
            if (c.path("reportId").asText().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, JsonNode> byId(JsonNode uploads) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        uploads.forEach(u -> out.put(u.path("id").asText(), u));
        return out;
    }

    /** The uploads' states once none of {@code ids} is queued, indexing or removing (a minute at most). */
    static Map<String, JsonNode> waitForSettled(Client client, String... ids) throws Exception {
        long end = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Map<String, JsonNode> states =
                    byId(client.get("/api/uploads").json().path("uploads"));
            boolean settled = Stream.of(ids)
                    .allMatch(i -> states.containsKey(i)
                            && !Stream.of("QUEUED", "EXTRACTING", "EMBEDDING", "REMOVING")
                                    .toList()
                                    .contains(states.get(i).path("state").asText()));
            if (settled || System.nanoTime() > end) {
                return states;
            }
            Thread.sleep(50);
        }
    }

    static HttpResponse<String> upload(Client client, Map<String, byte[]> files) throws Exception {
        return upload(client, files, Map.of());
    }

    private static HttpResponse<String> upload(Client client, Map<String, byte[]> files, Map<String, String> fields)
            throws Exception {
        String boundary = "----reportqa-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                            + f.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + f.getKey()
                            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(f.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(client.base() + "/api/reports"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] imageOnlyPdf() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream draw = new PDPageContentStream(doc, page)) {
                draw.addRect(50, 50, 400, 600);
                draw.fill();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
