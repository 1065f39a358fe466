package reportqa.retrieval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reportqa.retrieval.pdf.PdfReader;
import reportqa.retrieval.pdf.PdfText;
import reportqa.retrieval.pdf.UnreadablePdfException;
import reportqa.retrieval.text.TextCleaner;

/**
 * Reads a report file into a {@link Report}: decodes it (strict UTF-8), cleans the text, splits
 * sections, extracts metadata, and applies the optional sidecar {@code <id>.meta.json}, whose fields
 * override what was extracted.
 */
public final class ReportParser {

    /** Extension of text report files; the id is the file name without it. */
    public static final String REPORT_SUFFIX = ".txt";
    /** Extension of PDF report files; the id is the file name without it. */
    public static final String PDF_SUFFIX = ".pdf";
    /** Extension of the optional metadata sidecar next to a report. */
    public static final String SIDECAR_SUFFIX = ".meta.json";
    /**
     * Largest report file read. The longest broker reports run to a few hundred pages, well under
     * a megabyte of text; a bigger file is a mistake (a dump, a binary) and is not read into memory.
     */
    public static final long MAX_FILE_BYTES = 32L << 20;
    /** Largest cleaned text indexed: a report's text is stored whole with it and read back at start. */
    public static final int MAX_TEXT_CHARS = 4_000_000;
    /** Why a link in the corpus is not read. */
    public static final String NOT_FOLLOWED = "a symbolic link; links are not followed";

    /** Why a file of {@code bytes} is not read, or null when it is small enough. */
    public static String tooLarge(long bytes) {
        return bytes > MAX_FILE_BYTES ? "too large: " + bytes + " bytes (the limit is " + MAX_FILE_BYTES + ")" : null;
    }

    /** Largest sidecar read. */
    public static final long MAX_SIDECAR_BYTES = 64L << 10;

    private final TextCleaner cleaner;
    private final PdfReader pdfs;
    private final SectionSplitter splitter;
    private final MetadataExtractor extractor;
    private final ObjectMapper json = new ObjectMapper();

    public ReportParser(BrokerRegistry brokers, Vocabulary vocabulary) {
        this.cleaner = new TextCleaner(vocabulary.allHeadings());
        this.pdfs = new PdfReader(MAX_TEXT_CHARS, vocabulary.allHeadings());
        this.splitter = new SectionSplitter(vocabulary);
        this.extractor = new MetadataExtractor(brokers, vocabulary);
    }

    /** A parser with the shipped broker list and vocabulary. */
    public static ReportParser standard() {
        return new ReportParser(BrokerRegistry.standard(), Vocabulary.standard());
    }

    /** Whether a file name is a report's ({@code .txt} or {@code .pdf}, in any case). */
    public static boolean isReportName(String fileName) {
        return endsWith(fileName, REPORT_SUFFIX) || endsWith(fileName, PDF_SUFFIX);
    }

    /** Whether a file name is a PDF report's. */
    public static boolean isPdfName(String fileName) {
        return endsWith(fileName, PDF_SUFFIX);
    }

    private static boolean endsWith(String name, String suffix) {
        return name.regionMatches(true, name.length() - suffix.length(), suffix, 0, suffix.length());
    }

    /** The report id of a report file. */
    public static String idOf(Path file) {
        String name = file.getFileName().toString();
        String suffix = isPdfName(name) ? PDF_SUFFIX : REPORT_SUFFIX;
        return name.substring(0, name.length() - suffix.length());
    }

    /** The sidecar path of a report file (it may not exist). */
    public static Path sidecarOf(Path reportFile) {
        return reportFile.resolveSibling(idOf(reportFile) + SIDECAR_SUFFIX);
    }

    /** Reads and parses a report file and its sidecar, if any. */
    public Report parse(Path file) throws ReportParseException {
        String id = idOf(file);
        String raw;
        PdfText pdf = null;
        try {
            // Links are not followed: a report must not be able to pull in a file from elsewhere
            // (a link to /proc/self/environ would put the process's secrets in the index).
            if (Files.isSymbolicLink(file)) {
                throw new ReportParseException(id, NOT_FOLLOWED);
            }
            String tooLarge = tooLarge(Files.size(file));
            if (tooLarge != null) {
                throw new ReportParseException(id, tooLarge);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (isPdfName(file.getFileName().toString())) {
                pdf = pdfs.read(bytes);
                raw = pdf.text();
            } else {
                raw = decode(bytes);
            }
        } catch (UnreadablePdfException e) {
            throw new ReportParseException(id, e.getMessage(), e);
        } catch (CharacterCodingException e) {
            throw new ReportParseException(id, "not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new ReportParseException(id, "cannot read " + file.getFileName() + ": " + readFailure(e), e);
        }
        Path sidecar = sidecarOf(file);
        String sidecarJson = null;
        if (Files.isSymbolicLink(sidecar)) {
            throw new ReportParseException(id, "its sidecar is " + NOT_FOLLOWED);
        }
        if (Files.exists(sidecar)) {
            try {
                if (!Files.isRegularFile(sidecar) || Files.size(sidecar) > MAX_SIDECAR_BYTES) {
                    throw new ReportParseException(
                            id, "its sidecar is not a regular file of at most " + MAX_SIDECAR_BYTES + " bytes");
                }
                sidecarJson = Files.readString(sidecar, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ReportParseException(
                        id, "cannot read sidecar " + sidecar.getFileName() + ": " + readFailure(e), e);
            }
        }
        return parse(id, raw, sidecarJson, pdf == null ? List.of() : pdf.pageStarts());
    }

    /** Parses report text; {@code sidecarJson} may be null. */
    public Report parse(String id, String raw, String sidecarJson) throws ReportParseException {
        return parse(id, raw, sidecarJson, List.of());
    }

    /**
     * Parses report text read from a PDF, whose pages start at {@code rawPageStarts} in {@code raw}
     * (empty for a text report); {@code sidecarJson} may be null.
     */
    public Report parse(String id, String raw, String sidecarJson, List<Integer> rawPageStarts)
            throws ReportParseException {
        if (raw.isBlank()) {
            throw new ReportParseException(id, "the file is empty");
        }
        String text = cleaner.clean(raw);
        if (text.isBlank()) {
            throw new ReportParseException(id, "the file has no readable text (only invisible or control characters)");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new ReportParseException(
                    id, "too long: " + text.length() + " characters of text (the limit is " + MAX_TEXT_CHARS + ")");
        }
        List<Section> sections = splitter.split(text);
        ReportMetadata metadata = extractor.extract(text, sections);
        if (sidecarJson != null) {
            metadata = applySidecar(id, metadata, sidecarJson);
        }
        return new Report(id, metadata, text, sections, PageStarts.afterCleaning(raw, rawPageStarts, text));
    }

    /**
     * Why a file could not be read, without its path: the reason is shown on {@code /api/health},
     * and the corpus folder's location on disk is nobody's business there.
     */
    public static String readFailure(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "it no longer exists";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse) {
            return fse.getReason() == null ? "the file system refused" : fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        String s = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /**
     * Checks a sidecar before it is written (an edit of a report's metadata): the same reading as
     * when the report is parsed, so a sidecar that passes is one the report's next parse accepts.
     */
    public void checkSidecar(String id, String sidecarJson) throws ReportParseException {
        applySidecar(id, new ReportMetadata("", "", null, null, null, "", "", "", null), sidecarJson);
    }

    private ReportMetadata applySidecar(String id, ReportMetadata m, String sidecarJson) throws ReportParseException {
        JsonNode node;
        try {
            node = json.readTree(sidecarJson);
        } catch (IOException e) {
            throw new ReportParseException(
                    id,
                    "sidecar is not valid JSON: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
        if (node == null || !node.isObject()) {
            throw new ReportParseException(id, "sidecar must be a JSON object");
        }
        Map<String, String> provenance = new LinkedHashMap<>(m.provenance());
        String from = "sidecar " + id + SIDECAR_SUFFIX;
        String broker = text(node, MetadataField.BROKER, m.broker(), provenance, from);
        String title = text(node, MetadataField.TITLE, m.title(), provenance, from);
        String industry = text(node, MetadataField.INDUSTRY, m.industry(), provenance, from);
        String rating = text(node, MetadataField.RATING, m.rating(), provenance, from);
        String type = text(node, MetadataField.REPORT_TYPE, m.reportType(), provenance, from);
        List<String> analysts = list(node, MetadataField.ANALYSTS, m.analysts(), provenance, from);
        List<String> assistants = list(node, MetadataField.ASSISTANTS, m.assistants(), provenance, from);
        ReportDate date = m.date();
        JsonNode d = node.get(MetadataField.DATE.key());
        if (d != null && !d.isNull()) {
            date = sidecarDate(id, d);
            provenance.put(MetadataField.DATE.key(), from);
        }
        return new ReportMetadata(broker, title, date, analysts, assistants, industry, rating, type, provenance);
    }

    /** {@code "2024-03-19"} (stated) or {@code {"earliest": "…", "latest": "…"}} (a range, inferred). */
    private static ReportDate sidecarDate(String id, JsonNode d) throws ReportParseException {
        try {
            if (d.isTextual()) {
                return ReportDate.stated(LocalDate.parse(d.asText()), "sidecar");
            }
            if (d.isObject()) {
                LocalDate earliest = d.hasNonNull("earliest")
                        ? LocalDate.parse(d.get("earliest").asText())
                        : null;
                LocalDate latest =
                        d.hasNonNull("latest") ? LocalDate.parse(d.get("latest").asText()) : null;
                return new ReportDate(earliest, latest, true, "sidecar");
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ReportParseException(id, "sidecar date is not a valid date (YYYY-MM-DD): " + e.getMessage(), e);
        }
        throw new ReportParseException(id, "sidecar date must be \"YYYY-MM-DD\" or {\"earliest\": …, \"latest\": …}");
    }

    private static String text(
            JsonNode node, MetadataField f, String current, Map<String, String> provenance, String from) {
        JsonNode v = node.get(f.key());
        if (v == null || v.isNull()) {
            return current;
        }
        provenance.put(f.key(), from);
        return v.asText();
    }

    private static List<String> list(
            JsonNode node, MetadataField f, List<String> current, Map<String, String> provenance, String from) {
        JsonNode v = node.get(f.key());
        if (v == null || v.isNull()) {
            return current;
        }
        provenance.put(f.key(), from);
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> out.add(x.asText()));
        } else {
            out.add(v.asText());
        }
        return out;
    }
}
