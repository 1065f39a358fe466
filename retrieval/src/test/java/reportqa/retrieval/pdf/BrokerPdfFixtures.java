package reportqa.retrieval.pdf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportParseException;
import reportqa.retrieval.report.ReportParser;

/**
 * Writes PDFs that look like broker reports from the seed texts, so that PDF ingestion can be tested
 * offline: each seed is laid out as HTML the way brokers lay out their first page (a title block
 * across the top, then a left side panel
 * with the rating, analysts, SAC numbers and related reports; the body in two columns; a running
 * header with the broker and title; a footer with the disclaimer line and the page number; tab
 * separated lines as table rows) and printed to PDF by headless Chromium.
 *
 * <p>Run from the project root: {@code mvn -o -q test-compile -pl retrieval} and then
 * {@code java -cp "retrieval/target/test-classes:retrieval/target/classes:$(cat retrieval/target/cp.txt)"
 * reportqa.retrieval.pdf.BrokerPdfFixtures corpus retrieval/src/test/resources/pdf}; the class path
 * file comes from {@code mvn -o -q dependency:build-classpath -pl retrieval -Dmdep.outputFile=target/cp.txt}.
 * The PDFs it wrote are committed; the tests never run Chromium.
 */
public final class BrokerPdfFixtures {

    /**
     * Lines a broker prints in the first page's side panel rather than in the body: the rating, the
     * industry and date labels, the analysts' names, numbers and addresses, the index chart's caption
     * and table, the list of related reports.
     */
    static final Pattern PANEL = Pattern.compile("^(?:增持|买入|优于大市|领先大市|中性|推荐|投资评级|首选股票|行业[:：]|日期[:：]"
            + "|分析师|证券分析师|研究助理|Tel|E-mail|邮箱|SAC|资格编号|最近一年|一年行业表现|市场表现|资料来源|升幅|相对收益|绝对收益"
            + "|相关报告|相关研究|《|——\\s*\\d{4}|-\\s*《|-\\s*传媒：|[\\w.+-]+@[\\w.-]+$|S\\d{13}$)");
    /** A name alone on a line right after an analyst or assistant label. */
    private static final Pattern NAME = Pattern.compile("^\\p{IsHan}{2,4}$");
    /** The panel is looked for among a report's first lines only … */
    private static final int PANEL_SCAN_LINES = 45;
    /** … before its back matter starts (a short report's is among them). */
    private static final Pattern BACK_MATTER = Pattern.compile("^(?:信息披露|分析师声明|分析师与研究助理简介|投资评级说明|免责声明|分析师承诺)");

    private BrokerPdfFixtures() {}

    /** The first page's title block has at most this many lines. */
    private static final int TITLE_LINES = 4;

    /**
     * The seed's lines as the PDF lays them out, in reading order each: the title block across the
     * top of the first page (the lines before the panel's first, four at most), the side panel, the body.
     */
    record Layout(List<String> title, List<String> panel, List<String> body) {}

    /** Splits a seed text the way the generated PDF lays it out. */
    static Layout layout(String text) {
        List<String> panel = new ArrayList<>();
        List<String> body = new ArrayList<>();
        int seen = 0;
        boolean afterLabel = false;
        boolean backMatter = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            seen++;
            backMatter |= BACK_MATTER.matcher(line).find();
            boolean inPanel = !backMatter
                    && seen <= PANEL_SCAN_LINES
                    && (PANEL.matcher(line).find()
                            || (afterLabel && NAME.matcher(line).matches()));
            (inPanel ? panel : body).add(line);
            afterLabel = inPanel && (line.startsWith("分析师") || line.startsWith("证券分析师") || line.startsWith("研究助理"));
        }
        int titleLines = 0;
        String firstPanel = panel.isEmpty() ? null : panel.get(0);
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.equals(firstPanel) || titleLines == TITLE_LINES || titleLines == body.size()) {
                break;
            }
            titleLines++;
        }
        return new Layout(
                List.copyOf(body.subList(0, titleLines)), panel, List.copyOf(body.subList(titleLines, body.size())));
    }

    /** The HTML page of a seed report. */
    static String html(Report report, Layout layout) {
        String broker = report.metadata().broker();
        String title = report.metadata().title();
        StringBuilder out = new StringBuilder();
        out.append("<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><style>\n")
                .append("@page { size: A4; margin: 20mm 15mm 18mm;\n")
                .append("  @top-left { content: \"")
                .append(css(broker))
                .append(" · 证券研究报告\"; font-size: 8pt; color: #555 }\n")
                .append("  @top-right { content: \"")
                .append(css(title))
                .append("\"; font-size: 8pt; color: #555 }\n")
                .append("  @bottom-left { content: \"请务必阅读正文之后的免责声明及其项下所有内容\"; font-size: 8pt; color: #555 }\n")
                .append(
                        "  @bottom-right { content: \"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\"; font-size: 8pt } }\n")
                .append(
                        "body { font-family: \"WenQuanYi Zen Hei\", sans-serif; font-size: 10pt; line-height: 1.5; margin: 0 }\n")
                .append(".first { display: flex; gap: 6mm }\n")
                .append(
                        "aside { flex: 0 0 48mm; font-size: 8.5pt; border-right: 1px solid #999; padding-right: 3mm }\n")
                .append("main { flex: 1 }\n")
                .append(".cols { column-count: 2; column-gap: 7mm; text-align: justify }\n")
                .append("p { margin: 0 0 2mm }\n")
                .append(
                        "table { border-collapse: collapse; font-size: 7.5pt } td { padding: 0 1.5mm } aside td { white-space: nowrap }\n")
                .append(
                        ".title { font-size: 13pt; font-weight: bold; margin-bottom: 4mm; border-bottom: 2px solid #1f4e8c }\n")
                .append("</style></head><body><div class=\"title\">\n");
        for (String line : layout.title()) {
            out.append(block(line)).append('\n');
        }
        out.append("</div><div class=\"first\"><aside>\n");
        for (String line : layout.panel()) {
            out.append(block(line)).append('\n');
        }
        out.append("</aside><main><div class=\"cols\">\n");
        for (String line : layout.body()) {
            out.append(block(line)).append('\n');
        }
        return out.append("</div></main></div></body></html>\n").toString();
    }

    private static String block(String line) {
        if (line.contains("\t")) {
            StringBuilder row = new StringBuilder("<table><tr>");
            for (String cell : line.split("\t")) {
                row.append("<td>").append(escape(cell.strip())).append("</td>");
            }
            return row.append("</tr></table>").toString();
        }
        return "<p>" + escape(line) + "</p>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String css(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    public static void main(String[] args) throws IOException, InterruptedException, ReportParseException {
        Path seeds = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        List<Path> files;
        try (Stream<Path> s = Files.list(seeds)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        ReportParser parser = ReportParser.standard();
        for (Path seed : files) {
            Report report = parser.parse(seed);
            Path html = Files.createTempFile("seed", ".html");
            Files.writeString(html, html(report, layout(Files.readString(seed))), StandardCharsets.UTF_8);
            Path pdf = out.resolve(ReportParser.idOf(seed) + ".pdf");
            Process chromium = new ProcessBuilder(
                            "chromium",
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--no-pdf-header-footer",
                            "--print-to-pdf=" + pdf.toAbsolutePath(),
                            html.toUri().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!chromium.waitFor(120, TimeUnit.SECONDS) || !Files.exists(pdf)) {
                chromium.destroyForcibly();
                throw new IOException("chromium did not print " + pdf);
            }
            Files.delete(html);
            System.out.println(pdf + " " + Files.size(pdf) + " bytes");
        }
    }
}
