package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.server.TestServer;
import reportqa.server.config.ServerConfig;

/**
 * Issue #11: a library of PDF reports served by the real server. The five seed reports printed as
 * broker PDFs (the fixtures {@code BrokerPdfFixtures} wrote) are indexed beside one text report; an
 * answer cites the page its passage is on, the report lists its pages, and the original PDF is served
 * for the browser's viewer.
 */
public class PdfLibraryTest {

    @TempDir
    Path tmp;

    /** The PDFs of the seed reports, kept with the retrieval module's tests. */
    public static List<Path> fixtures() throws Exception {
        Path dir = TestServer.seedCorpus().getParent().resolve("retrieval/src/test/resources/pdf");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        }
    }

    @Test
    void anAnswerFromAPdfCitesThePageItsPassageIsOn() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        for (Path pdf : fixtures()) {
            Files.copy(pdf, corpus.resolve(pdf.getFileName()));
        }
        TestServer.test(ServerConfig.defaults(), corpus, null, (qa, client) -> {
            JsonNode health = client.get("/api/health").json();
            assertEquals(5, health.path("corpus").path("reports").asInt(), health.toString());
            assertEquals(0, health.path("corpus").path("failures").size(), health.toString());

            JsonNode answer = client.post("/api/ask", "{\"question\":\"Kimi 智能助手支持多少字的无损上下文？\"}")
                    .json();
            assertFalse(answer.path("abstained").asBoolean(), answer.toString());
            JsonNode cited = answer.path("citations").get(0);
            int page = cited.path("page").asInt();
            assertTrue(page >= 1, cited.toString());
            String reportId = cited.path("reportId").asText();

            // The cited passage's opening is on that page of the PDF, as PDFBox reads the page.
            Path pdf = corpus.resolve(reportId + ".pdf");
            String opening = letters(cited.path("passage").asText()).substring(0, 12);
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                PDFTextStripper strip = new PDFTextStripper();
                strip.setStartPage(page);
                strip.setEndPage(page);
                assertTrue(letters(strip.getText(doc)).contains(opening), "page " + page + " holds “" + opening + "”");
            }

            JsonNode report = client.get("/api/reports/" + reportId).json();
            assertTrue(
                    report.path("pageStarts").size() >= 2,
                    report.path("pageStarts").toString());
            assertTrue(report.path("passages")
                            .get(report.path("passages").size() - 1)
                            .path("page")
                            .asInt()
                    >= 2);

            java.net.http.HttpResponse<byte[]> original = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(client.base() + "/api/reports/" + reportId + "/pdf"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, original.statusCode());
            assertEquals(
                    "application/pdf",
                    original.headers().firstValue("Content-Type").orElse(""));
            assertArrayEquals(Files.readAllBytes(pdf), original.body());
        });
    }

    @Test
    void aTextReportHasNoPdfAndAnUnknownIdIsNoFile() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        Path txt;
        try (Stream<Path> s = Files.list(TestServer.seedCorpus())) {
            txt = s.filter(p -> p.toString().endsWith(".txt"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
        Files.copy(txt, corpus.resolve(txt.getFileName()));
        Files.copy(fixtures().get(1), corpus.resolve(fixtures().get(1).getFileName()));
        String textId = txt.getFileName().toString().replace(".txt", "");
        TestServer.test(ServerConfig.defaults(), corpus, null, (qa, client) -> {
            TestServer.Response none = client.get("/api/reports/" + textId + "/pdf");
            assertEquals(404, none.status());
            assertEquals("no_pdf", none.json().path("error").path("code").asText(), none.body());
            TestServer.Response unknown = client.get("/api/reports/..%2F..%2Fetc%2Fpasswd/pdf");
            assertTrue(unknown.status() == 404 || unknown.status() == 400, unknown.body());
            assertTrue(unknown.contentType().startsWith("application/json"), unknown.contentType());
            JsonNode text = client.get("/api/reports/" + textId).json();
            assertEquals(0, text.path("pageStarts").size());
            assertEquals(0, text.path("passages").get(0).path("page").asInt());
        });
    }

    private static String letters(String s) {
        return s.codePoints()
                .filter(Character::isLetterOrDigit)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
