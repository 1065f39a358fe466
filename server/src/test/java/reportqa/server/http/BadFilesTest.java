package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.report.ReportParser;
import reportqa.server.TestServer;
import reportqa.server.TestServer.Client;
import reportqa.server.config.ServerConfig;

/**
 * Issue #9, "bad files": one corpus folder holding the five seed reports and many kinds of bad
 * entries named like reports. The real server starts over it, every seed report is searchable, and
 * every bad entry is listed on {@code /api/health} under its id with a reason; odd but readable
 * files are indexed, as documented, and do not count as bad.
 *
 * <p>35 kinds below (numbered in comments): 34 where the test runs as root, as in CI, since an
 * unreadable file is then read (and indexed) anyway; one less where {@code mkfifo} is missing.
 */
class BadFilesTest {

    @TempDir
    Path tmp;

    /** Bad entry id -> a fragment its reason must contain. */
    private final Map<String, String> bad = new LinkedHashMap<>();

    private void write(String id, byte[] bytes, String reason) throws Exception {
        Files.write(corpus.resolve(id + ".txt"), bytes);
        bad.put(id, reason);
    }

    private void write(String id, String text, String reason) throws Exception {
        write(id, text.getBytes(StandardCharsets.UTF_8), reason);
    }

    private Path corpus;

    @Test
    void everyKindOfBadFileIsListedWithAReasonWhileTheSeedsAreIndexedAndTheServerStarts() throws Exception {
        corpus = Files.createDirectories(tmp.resolve("corpus"));
        List<Path> seeds;
        try (Stream<Path> s = Files.list(TestServer.seedCorpus())) {
            seeds = s.filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .sorted()
                    .toList();
        }
        assertEquals(5, seeds.size());
        for (Path p : seeds) {
            Files.copy(p, corpus.resolve(p.getFileName()));
        }
        String empty = "the file is empty";
        String noText = "no readable text";
        String notUtf8 = "not valid UTF-8 text";
        String link = "a symbolic link; links are not followed";

        // The kinds, counted:
        // text that is no text
        write("empty", new byte[0], empty); // 1
        write("whitespace", " \t\r\n\u3000 \n", empty); // 2
        write("bom_only", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, empty); // 3
        write("zero_width", "\u200B\u200C\u200D\uFEFF\u200B", noText); // 4
        write("control", "\u0001\u0002\u0007\u001B\u007F\u0085", noText); // 5
        write("nul_only", new byte[64], noText); // 6
        write("replacement", "\uFFFD\uFFFD\uFFFD", noText); // 7
        write("private_use", "\uE000\uF8FF\uDB80\uDC00", noText); // 8 (BMP and plane-15 private use)
        write("format", "\u202E\u2060\u00AD\u2066\u2069", noText); // 9
        // bytes that are not UTF-8
        write("gbk", "中文研究报告：传媒行业周报".getBytes(Charset.forName("GBK")), notUtf8); // 10
        byte[] utf16 = "中文研究报告".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);
        write("utf16_bom", withBom, notUtf8); // 11
        write("latin1", "café résumé über".getBytes(StandardCharsets.ISO_8859_1), notUtf8); // 12
        byte[] random = new byte[4096];
        new Random(9).nextBytes(random);
        write("random_binary", random, notUtf8); // 13
        byte[] png = new byte[256];
        System.arraycopy(
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'},
                0,
                png,
                0,
                16);
        write("png_renamed", png, notUtf8); // 14
        write(
                "pdf_renamed",
                concat(
                        "%PDF-1.7\n%".getBytes(StandardCharsets.US_ASCII),
                        new byte[] {(byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n'},
                        "1 0 obj << /Type /Catalog >> endobj\n".getBytes(StandardCharsets.US_ASCII)),
                notUtf8); // 15
        byte[] text = "正文一句，末尾截断".getBytes(StandardCharsets.UTF_8);
        write("truncated_utf8", concat(text, new byte[] {(byte) 0xE4, (byte) 0xB8}), notUtf8); // 16
        write("overlong_utf8", concat(text, new byte[] {(byte) 0xC0, (byte) 0xAF}), notUtf8); // 17
        write("encoded_surrogate", concat(text, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), notUtf8); // 18
        // too big
        try (RandomAccessFile f =
                new RandomAccessFile(corpus.resolve("too_large.txt").toFile(), "rw")) { // sparse: not written
            f.setLength(ReportParser.MAX_FILE_BYTES + 1);
        }
        bad.put("too_large", "too large: " + (ReportParser.MAX_FILE_BYTES + 1) + " bytes"); // 19
        String para = "这是一段很长的报告正文，用来超过可以保存的长度。\n";
        write("too_long", para.repeat(ReportParser.MAX_TEXT_CHARS / para.length() + 10), "too long: "); // 20
        // entries that are not report files
        Files.createDirectories(corpus.resolve("folder.txt"));
        bad.put("folder", "not a regular file"); // 21
        Files.writeString(corpus.resolve(".txt"), "没有名字的报告。");
        bad.put(".txt", "no report id"); // 22
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "REPORTQA_LLM_API_KEY=sk-outside-the-corpus");
        Files.createSymbolicLink(corpus.resolve("link_outside.txt"), outside);
        bad.put("link_outside", link); // 23
        Files.createSymbolicLink(corpus.resolve("link_dangling.txt"), tmp.resolve("nowhere.txt"));
        bad.put("link_dangling", link); // 24
        Files.createSymbolicLink(
                corpus.resolve("link_to_seed.txt"), seeds.get(0).getFileName());
        bad.put("link_to_seed", link); // 25
        boolean fifo = new ProcessBuilder("mkfifo", corpus.resolve("fifo.txt").toString())
                        .start()
                        .waitFor()
                == 0;
        if (fifo) {
            bad.put("fifo", "not a regular file"); // 26 (where mkfifo exists)
        }
        // broken sidecars next to a readable report
        sidecar("sidecar_not_json", "{not json", "sidecar is not valid JSON"); // 27
        sidecar("sidecar_array", "[\"2024-03-01\"]", "sidecar must be a JSON object"); // 28
        sidecar("sidecar_bad_date", "{\"date\": \"2024-13-45\"}", "sidecar date is not a valid date"); // 29
        sidecar(
                "sidecar_huge",
                "{\"title\": \"" + "长".repeat(30_000) + "\"}",
                "its sidecar is not a regular file"); // 30
        Files.writeString(corpus.resolve("sidecar_folder.txt"), "正文一句。");
        Files.createDirectories(corpus.resolve("sidecar_folder" + ReportParser.SIDECAR_SUFFIX));
        bad.put("sidecar_folder", "its sidecar is not a regular file"); // 31
        Files.writeString(corpus.resolve("sidecar_link.txt"), "正文一句。");
        Files.createSymbolicLink(corpus.resolve("sidecar_link" + ReportParser.SIDECAR_SUFFIX), outside);
        bad.put("sidecar_link", "its sidecar is " + link); // 32
        Files.writeString(corpus.resolve("sidecar_gbk.txt"), "正文一句。");
        Files.write(
                corpus.resolve("sidecar_gbk" + ReportParser.SIDECAR_SUFFIX),
                "{\"title\": \"中文标题\"}".getBytes(Charset.forName("GBK")));
        bad.put("sidecar_gbk", "cannot read sidecar sidecar_gbk" + ReportParser.SIDECAR_SUFFIX); // 33
        // A file no one may read: only where permissions bind (root, as in CI, reads it anyway).
        Path locked = Files.writeString(corpus.resolve("unreadable.txt"), "正文一句。");
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        boolean permissionsBind = !Files.isReadable(locked);
        if (permissionsBind) {
            bad.put("unreadable", "permission denied"); // 34 (not as root)
        }
        // An image named like a PDF: read as one, listed.
        Files.write(corpus.resolve("png_as_pdf.pdf"), png);
        bad.put("png_as_pdf", "not a readable PDF"); // 35
        int kinds = bad.size();
        assertTrue(kinds >= 33, "kinds: " + kinds);

        // Odd but readable: indexed, as documented; not counted as bad.
        List<String> readable = new ArrayList<>();
        Files.writeString(corpus.resolve("nul_inside.txt"), "量子\u0000计算芯片\u0000发布了。");
        readable.add("nul_inside");
        byte[] blob = new byte[6_000];
        new Random(1).nextBytes(blob);
        Files.writeString(
                corpus.resolve("base64_blob.txt"), "附件：\n" + Base64.getEncoder().encodeToString(blob));
        readable.add("base64_blob");
        Files.writeString(corpus.resolve("digits.txt"), "1234567890".repeat(2_000));
        readable.add("digits");
        Files.writeString(corpus.resolve("header_only.txt"), "上海证券\n传媒行业周报\n");
        readable.add("header_only");
        if (!permissionsBind) {
            readable.add("unreadable");
        }
        // not named like a report: not read, not listed
        Files.write(corpus.resolve("report.docx"), png);

        TestServer.test(ServerConfig.defaults(), corpus, null, (qa, client) -> {
            var r = client.get("/api/health");
            JsonNode h = r.json();
            assertEquals("degraded", h.get("status").asText(), h.toString());
            assertEquals(
                    kinds + " report file(s) could not be indexed",
                    h.at("/problems/0").asText());
            Map<String, String> listed = new TreeMap<>();
            for (JsonNode f : h.at("/corpus/failures")) {
                String reason = f.get("reason").asText();
                assertFalse(reason.isBlank(), f.toString());
                assertTrue(listed.put(f.get("reportId").asText(), reason) == null, "listed twice: " + f);
            }
            assertEquals(new TreeMap<>(bad).keySet(), listed.keySet(), h.toString());
            bad.forEach((id, fragment) -> assertTrue(listed.get(id).contains(fragment), id + ": " + listed.get(id)));
            assertTrue(listed.size() >= 20);
            // The corpus folder is shown as configured (absolute here); the reasons name files only.
            String failures = h.at("/corpus/failures").toString();
            assertFalse(failures.contains(tmp.toString()), "an absolute path in " + failures);
            assertFalse(r.body().contains("sk-outside"), r.body());
            assertEquals(5 + readable.size(), h.at("/corpus/reports").asInt(), h.toString());

            JsonNode reports = client.get("/api/reports").json();
            String all = reports.toString();
            for (String id : readable) {
                assertTrue(all.contains("\"" + id + "\""), id + " not in " + all);
            }
            for (Path seed : seeds) {
                String id = seed.getFileName().toString().replace(".txt", "");
                String q = longestLine(seed);
                JsonNode found = client.get("/api/search?mode=bm25&k=10&q=" + Client.enc(q))
                        .json();
                assertTrue(
                        found.get("passages").findValuesAsText("reportId").contains(id),
                        id + " not found by " + q + ": " + found);
            }
        });
    }

    private void sidecar(String id, String json, String reason) throws Exception {
        Files.writeString(corpus.resolve(id + ".txt"), "正文一句。");
        Files.writeString(corpus.resolve(id + ReportParser.SIDECAR_SUFFIX), json);
        bad.put(id, reason);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** A distinctive line of a seed report to search for (at most 60 characters). */
    private static String longestLine(Path seed) throws Exception {
        String best = "";
        for (String line : Files.readAllLines(seed)) {
            String s = line.strip();
            if (s.length() > best.length() && s.length() <= 60) {
                best = s;
            }
        }
        return best;
    }
}
