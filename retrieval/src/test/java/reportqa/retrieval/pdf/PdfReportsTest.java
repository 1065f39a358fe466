package reportqa.retrieval.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reportqa.retrieval.TestCorpus;
import reportqa.retrieval.index.CorpusScan;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.report.ReportParseException;
import reportqa.retrieval.report.ReportParser;
import reportqa.retrieval.text.TextCleaner;

/**
 * The seed reports printed as broker-like PDFs ({@link BrokerPdfFixtures}) read back: the same
 * body, the same metadata, the right pages; and PDFs that cannot be read refused with a reason.
 */
class PdfReportsTest {

    /** The floor for the body text a PDF gives back. */
    private static final double FIDELITY_FLOOR = 0.98;

    private final ReportParser parser = ReportParser.standard();

    static Stream<String> seeds() {
        return TestCorpus.reportFiles().stream().map(ReportParser::idOf);
    }

    static Path fixture(String id) {
        try {
            return Path.of(
                    PdfReportsTest.class.getResource("/pdf/" + id + ".pdf").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theBodyComesBackLetterForLetterWithoutHeadersFootersOrPanel(String id) throws Exception {
        String seed = Files.readString(TestCorpus.report(id));
        BrokerPdfFixtures.Layout layout = BrokerPdfFixtures.layout(seed);
        List<String> expected = new ArrayList<>();
        Stream.concat(layout.title().stream(), layout.body().stream())
                .map(TextCleaner::cleanLine)
                .forEach(expected::add);

        PdfText pdf = reader().read(Files.readAllBytes(fixture(id)));
        String body = pdf.text().replace(String.join("\n", pdf.panel()), "");

        double fidelity = PdfFidelity.similarity(String.join("\n", expected), body);
        assertTrue(fidelity >= FIDELITY_FLOOR, id + ": body fidelity " + fidelity);
        assertEquals(PdfFidelity.visible(layout.panel()), PdfFidelity.visible(pdf.panel()), id + ": side panel");
        assertFalse(body.contains("请务必阅读正文之后的免责声明及其项下所有内容"), "the running footer is left out");
        assertEquals(count(seed, "证券研究报告"), count(body, "证券研究报告"), "the running header is left out");
        assertFalse(pdf.text().matches("(?s).*第 ?\\d+ ?页.*"), "page numbers are left out");
        assertTrue(
                pdf.furniture().stream().anyMatch(f -> f.contains("请务必阅读")),
                "the footer is kept as evidence: " + pdf.furniture());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyTableRowComesBackAsARowWithTheSameCells(String id) throws Exception {
        BrokerPdfFixtures.Layout layout = BrokerPdfFixtures.layout(Files.readString(TestCorpus.report(id)));
        List<List<String>> expected = Stream.of(layout.title(), layout.panel(), layout.body())
                .flatMap(List::stream)
                .filter(l -> l.contains("\t"))
                .map(PdfReportsTest::cells)
                .toList();
        assertFalse(expected.isEmpty(), id + " has tables");
        List<List<String>> read = Arrays.stream(
                        reader().read(Files.readAllBytes(fixture(id))).text().split("\n"))
                .filter(l -> l.contains("\t"))
                .map(PdfReportsTest::cells)
                .toList();
        assertEquals(expected, read, id);
    }

    /** A row's cells, empty ones left out, each as its visible characters. */
    private static List<String> cells(String row) {
        return Arrays.stream(row.split("\t"))
                .map(PdfFidelity::visible)
                .filter(c -> !c.isEmpty())
                .toList();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theMetadataIsTheTextReports(String id) throws Exception {
        ReportMetadata txt = parser.parse(TestCorpus.report(id)).metadata();
        ReportMetadata pdf = parser.parse(fixture(id)).metadata();
        assertEquals(txt.broker(), pdf.broker(), id);
        assertEquals(txt.title(), pdf.title(), id);
        assertEquals(txt.date().earliest(), pdf.date().earliest(), id);
        assertEquals(txt.date().latest(), pdf.date().latest(), id);
        assertEquals(txt.analysts(), pdf.analysts(), id);
        assertEquals(txt.assistants(), pdf.assistants(), id);
        assertEquals(txt.rating(), pdf.rating(), id);
        assertEquals(txt.industry(), pdf.industry(), id);
        assertEquals(txt.reportType(), pdf.reportType(), id);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyPageStartsWhereItsFirstBodyLineIs(String id) throws Exception {
        Report report = parser.parse(fixture(id));
        List<Integer> starts = report.pageStarts();
        try (PDDocument doc = Loader.loadPDF(fixture(id).toFile())) {
            assertEquals(doc.getNumberOfPages(), starts.size(), id);
            assertTrue(starts.size() >= 2, id + " runs over pages");
            PDFTextStripper plain = new PDFTextStripper();
            for (int page = 2; page <= starts.size(); page++) {
                plain.setStartPage(page);
                plain.setEndPage(page);
                // The first line PDFBox reads of the page that is body text (not the header or footer).
                String first = Arrays.stream(plain.getText(doc).split("\n"))
                        .map(String::strip)
                        .filter(l -> l.length() >= 12 && !l.contains("证券研究报告") && !l.contains("请务必阅读"))
                        .findFirst()
                        .orElseThrow();
                String probe = lettersAndDigits(first).substring(0, 8);
                int at = lettersAndDigits(report.text()).indexOf(probe);
                assertTrue(at >= 0, id + " page " + page + ": " + probe);
                int offset = offsetOfLetter(report.text(), at);
                assertEquals(page, report.pageAt(offset), id + ": “" + first + "” is on page " + page);
                assertEquals(page - 1, report.pageAt(offset - 2), id + ": the text just before page " + page);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyPassageIsOnThePageItSays(String id) throws Exception {
        Report report = parser.parse(fixture(id));
        List<String> pages = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(fixture(id).toFile())) {
            PDFTextStripper plain = new PDFTextStripper();
            for (int page = 1; page <= doc.getNumberOfPages(); page++) {
                plain.setStartPage(page);
                plain.setEndPage(page);
                pages.add(lettersAndDigits(plain.getText(doc)));
            }
        }
        List<reportqa.retrieval.chunk.Chunk> chunks =
                new reportqa.retrieval.chunk.Chunker(reportqa.retrieval.chunk.ChunkingOptions.DEFAULT).chunk(report);
        assertTrue(chunks.size() > 10, id + ": " + chunks.size() + " passages");
        for (reportqa.retrieval.chunk.Chunk c : chunks) {
            String opening = lettersAndDigits(c.text());
            opening = opening.substring(0, Math.min(6, opening.length()));
            int page = report.pageAt(c.start());
            assertTrue(
                    pages.get(page - 1).contains(opening),
                    id + " passage " + c.ordinal() + " “" + opening + "” on page " + page);
        }
    }

    /** The letters and digits of a text (what cleaning never changes), in order. */
    private static String lettersAndDigits(String text) {
        return text.codePoints()
                .filter(Character::isLetterOrDigit)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    /** The offset in {@code text} of its {@code n}-th letter or digit. */
    private static int offsetOfLetter(String text, int n) {
        int seen = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetterOrDigit(text.charAt(i)) && seen++ == n) {
                return i;
            }
        }
        return text.length();
    }

    private static int count(String text, String word) {
        return text.split(java.util.regex.Pattern.quote(word), -1).length - 1;
    }

    @Test
    void aLineThatStopsShortBecauseTheNextWordDidNotFitGoesOnItsParagraph() throws Exception {
        String text = reader().read(Files.readAllBytes(fixture("001_e256dbcac6dad0ec")))
                .text();
        // 74.4%。 did not fit after 高达, nor the SAC number after 编号： (a numbered item it is not).
        assertTrue(text.contains("中国互联网普及率已高达74.4%。"), text);
        assertTrue(text.contains("SAC 执业证书编号：S0910523020003\n"), text);
    }

    @Test
    void aTextReportHasNoPages() throws Exception {
        Report report = parser.parse(TestCorpus.reportFiles().get(0));
        assertEquals(List.of(), report.pageStarts());
        assertEquals(0, report.pageAt(100));
    }

    @Test
    void aPdfThatIsNotOneIsRefusedWithAReason(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.pdf");
        Files.writeString(bad, "this is not a PDF at all, only text with a .pdf name");
        ReportParseException e = assertThrows(ReportParseException.class, () -> parser.parse(bad));
        assertTrue(e.getMessage().contains("not a readable PDF"), e.getMessage());
    }

    @Test
    void aTruncatedPdfIsRefusedOrReadInPartButNeverThrowsAnythingElse(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(fixture(seeds().findFirst().orElseThrow()));
        Path cut = dir.resolve("cut.pdf");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 3));
        // PDFBox repairs what it can of a cut file: either the text it reaches or a reason, never a crash.
        try {
            Report r = parser.parse(cut);
            assertFalse(r.text().isBlank());
        } catch (ReportParseException e) {
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void anEncryptedPdfSaysItNeedsAPassword(@TempDir Path dir) throws Exception {
        Path locked = dir.resolve("locked.pdf");
        try (PDDocument doc =
                Loader.loadPDF(fixture(seeds().findFirst().orElseThrow()).toFile())) {
            StandardProtectionPolicy policy =
                    new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(locked.toFile());
        }
        ReportParseException e = assertThrows(ReportParseException.class, () -> parser.parse(locked));
        assertEquals(
                "encrypted: a password is needed to open it", e.getMessage().replaceFirst("^.*?: ", ""));
    }

    @Test
    void aScannedPdfSaysItHasNoTextLayer(@TempDir Path dir) throws Exception {
        Path scanned = dir.resolve("scanned.pdf");
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < 2; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream draw = new PDPageContentStream(doc, page)) {
                    draw.addRect(50, 50, 400, 600);
                    draw.fill();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            Files.write(scanned, out.toByteArray());
        }
        ReportParseException e = assertThrows(ReportParseException.class, () -> parser.parse(scanned));
        assertTrue(e.getMessage().contains("no text layer (a scanned image?): 2 pages"), e.getMessage());
        assertTrue(e.getMessage().contains("OCR is not supported"), e.getMessage());
    }

    @Test
    void aPdfBombIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        // 300 MB of spaces as one page's drawing instructions: about 300 KB compressed.
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream d =
                new java.util.zip.DeflaterOutputStream(packed, new java.util.zip.Deflater(9))) {
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 300; i++) {
                d.write(spaces);
            }
        }
        Path bomb = dir.resolve("bomb.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            org.apache.pdfbox.cos.COSStream stream = doc.getDocument().createCOSStream();
            try (java.io.OutputStream raw = stream.createRawOutputStream()) {
                raw.write(packed.toByteArray());
            }
            stream.setItem(org.apache.pdfbox.cos.COSName.FILTER, org.apache.pdfbox.cos.COSName.FLATE_DECODE);
            page.setContents(new org.apache.pdfbox.pdmodel.common.PDStream(stream));
            doc.save(bomb.toFile());
        }
        assertTrue(Files.size(bomb) < 1 << 20, Files.size(bomb) + " bytes");
        ReportParseException e = assertThrows(ReportParseException.class, () -> parser.parse(bomb));
        assertEquals(
                "bomb: its pages unpack to more than 256 MB of drawing instructions (a PDF bomb?)", e.getMessage());
    }

    @Test
    void aPdfAndATextOfTheSameIdAreOneReportReadOnce(@TempDir Path dir) throws Exception {
        String id = seeds().findFirst().orElseThrow();
        Files.copy(fixture(id), dir.resolve(id + ".pdf"));
        Files.copy(TestCorpus.report(id), dir.resolve(id + ".txt"));
        CorpusScan.Scan scan = CorpusScan.scan(dir);
        assertEquals(List.of(dir.resolve(id + ".pdf")), scan.reports());
        assertEquals(
                List.of(new IndexResult.Failure(id, "another report file has the same id: " + id + ".pdf")),
                scan.skipped());
    }

    private static PdfReader reader() {
        return new PdfReader(
                ReportParser.MAX_TEXT_CHARS,
                reportqa.retrieval.report.Vocabulary.standard().allHeadings());
    }
}
