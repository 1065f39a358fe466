package reportqa.retrieval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.TestCorpus;

class ReportParserTest {

    private final ReportParser parser = ReportParser.standard();

    private Report seed(String id) throws Exception {
        return parser.parse(TestCorpus.report(id));
    }

    /**
     * A report with a long base64 blob (an embedded image) and long digit runs parses in linear
     * time. The bound is generous; it only catches patterns that rescan a run from every start
     * (the e-mail pattern once took 25 s on 80 k characters and did not end on 2 MB).
     */
    @Test
    void longRunsOfLettersAndDigitsDoNotMakeParsingSuperLinear() throws Exception {
        java.util.Random random = new java.util.Random(7);
        byte[] bytes = new byte[1_500_000];
        random.nextBytes(bytes);
        String blob = java.util.Base64.getEncoder().encodeToString(bytes);
        String digits = "7".repeat(500_000);
        String raw = Files.readString(TestCorpus.report("002_bcc5796c86ba42b6")) + "\n" + blob + "\n" + digits + "@\n"
                + "a@" + "b".repeat(300_000) + "\n";
        Report r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(60), () -> parser.parse("blob", raw, null));
        assertEquals("德邦证券", r.metadata().broker(), "the e-mail domains still vote for the broker");
    }

    @Test
    void shanghaiWeeklyOfMarch19HasStatedMetadata() throws Exception {
        ReportMetadata m = seed("000_49d3edf45c38a390").metadata();
        assertEquals("上海证券", m.broker());
        assertEquals(LocalDate.of(2024, 3, 19), m.date().exact());
        assertFalse(m.date().inferred());
        assertEquals("2024-03-19", m.date().display());
        assertEquals("周观点：七火山开发 AI 视频模型，OpenAI 开源 Transformer Debugger", m.title());
        assertEquals(List.of("陈旻"), m.analysts());
        assertEquals("传媒", m.industry());
        assertEquals("增持（维持）", m.rating());
        assertEquals("行业周报", m.reportType());
        assertTrue(m.provenance().get("date").contains("2024年03月19日"));
    }

    @Test
    void shanghaiWeeklyOfMarch25HasStatedDate() throws Exception {
        ReportMetadata m = seed("003_b9fc14e133e3b502").metadata();
        assertEquals("上海证券", m.broker());
        assertEquals(LocalDate.of(2024, 3, 25), m.date().exact());
        assertTrue(m.title().startsWith("周观点：Kimi 升级 200 万超长文本输入"));
    }

    @Test
    void huajinFlashReportHasInferredDate() throws Exception {
        ReportMetadata m = seed("001_e256dbcac6dad0ec").metadata();
        assertEquals("华金证券", m.broker());
        assertTrue(m.date().inferred());
        assertNull(m.date().exact());
        // Latest past reference: the Sora launch on 2月16日, after the related report of 2024.2.3.
        assertEquals(LocalDate.of(2024, 2, 16), m.date().earliest());
        assertEquals("≥ 2024-02-16", m.date().display());
        assertEquals("视频生成模型再迎突破", m.title());
        assertEquals(List.of("倪爽"), m.analysts());
        assertEquals("传媒", m.industry());
        assertEquals("领先大市-A维持", m.rating());
        assertEquals("行业快报", m.reportType());
    }

    @Test
    void tebonMediaReportHasInferredDateRange() throws Exception {
        ReportMetadata m = seed("002_bcc5796c86ba42b6").metadata();
        assertEquals("德邦证券", m.broker());
        assertTrue(m.provenance().get("broker").contains("tebon.com.cn"));
        assertTrue(m.date().inferred());
        assertEquals(LocalDate.of(2024, 3, 10), m.date().earliest());
        // "公司将在 3 月 27 日正式上线该平台": still future when written.
        assertEquals(LocalDate.of(2024, 3, 27), m.date().latest());
        assertEquals("约 2024-03", m.date().display());
        assertEquals(List.of("马笑"), m.analysts());
        assertEquals(List.of("王梅卿"), m.assistants());
        assertEquals("优于大市（维持）", m.rating());
        assertTrue(m.title().startsWith("Sora 发布有望加速 AI 视频技术迭代进程"));
    }

    @Test
    void tebonComputerReportHasInferredLowerBound() throws Exception {
        ReportMetadata m = seed("004_5d62042c63f084b6").metadata();
        assertEquals("德邦证券", m.broker());
        assertTrue(m.date().inferred());
        assertEquals(LocalDate.of(2024, 1, 30), m.date().earliest());
        assertNull(m.date().latest());
        assertEquals("≥ 2024-01-30", m.date().display());
        assertEquals(List.of("钱劲宇"), m.analysts());
        assertEquals(List.of(), m.assistants(), "研究助理 is followed by 市场表现, a heading, not a name");
        assertEquals("计算机", m.industry());
        assertTrue(m.title().startsWith("Openai 发布文生视频模型 Sora"));
    }

    @Test
    void legalTextIsBoilerplateAndKeyPointsAreBody() throws Exception {
        Report r = seed("001_e256dbcac6dad0ec");
        int keyPoints = r.text().indexOf("OpenAI 发布文生视频模型 Sora");
        int disclaimer = r.text().indexOf("本报告仅供华金证券股份有限公司");
        int lateRisk = r.text().indexOf("报告中的内容和意见仅供参考");
        int address = r.text().indexOf("办公地址");
        assertFalse(r.sectionAt(keyPoints).isBoilerplate());
        assertTrue(r.sectionAt(disclaimer).isBoilerplate());
        assertTrue(r.sectionAt(lateRisk).isBoilerplate(), "a 风险提示 after the disclaimer is legal text");
        assertTrue(r.sectionAt(address).isBoilerplate());
        Report tebon = seed("002_bcc5796c86ba42b6");
        assertFalse(tebon.sectionAt(tebon.text().indexOf("华中科技大学硕士")).isBoilerplate(), "analyst profile is body");
    }

    @Test
    void cleaningJoinsBrokenLinesAndKeepsNumbersAndNames() throws Exception {
        String text = seed("002_bcc5796c86ba42b6").text();
        assertTrue(text.contains("《终结者 2》翻拍作品"), "a sentence broken across lines is joined");
        assertFalse(text.contains("**"));
        String kimi = seed("003_b9fc14e133e3b502").text();
        assertTrue(kimi.contains("Open-Sora 1.0"));
        assertTrue(kimi.contains("1.55 倍"));
        assertTrue(seed("000_49d3edf45c38a390").text().contains("60 FPS"));
        assertTrue(seed("001_e256dbcac6dad0ec").text().contains("2048x2048"));
        assertTrue(seed("001_e256dbcac6dad0ec").text().contains("事件：2月16日 OpenAI"), "bullet ◆ and bold dropped");
    }

    @Test
    void sidecarOverridesFields(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r1.txt");
        Files.writeString(report, "某公司点评\n\n投资要点\n\n公司业绩超预期。");
        Files.writeString(
                dir.resolve("r1.meta.json"),
                "{\"broker\": \"中信证券\", \"date\": \"2024-05-06\", \"analysts\": [\"张三\"]}");
        ReportMetadata m = parser.parse(report).metadata();
        assertEquals("中信证券", m.broker());
        assertEquals(LocalDate.of(2024, 5, 6), m.date().exact());
        assertEquals(List.of("张三"), m.analysts());
        assertEquals("sidecar r1.meta.json", m.provenance().get("broker"));
    }

    @Test
    void reportWithoutBrokerOrDateStillParses() throws Exception {
        Report r = parser.parse("plain", "广茂铁路\n\n广茂铁路全长364.6公里，由三茂铁路股份有限公司管理。", null);
        assertEquals("", r.metadata().broker());
        assertFalse(r.metadata().date().isKnown());
        assertEquals("", r.metadata().date().display());
        assertEquals(
                List.of(new Section("", SectionKind.BODY, 0, r.text().length())),
                r.sections(),
                "no heading: one body section over the whole text");
    }

    @Test
    void sectionsFollowTheHeadingsAndLegalTextIsBoilerplateToTheEnd() throws Exception {
        Report huajin = seed("001_e256dbcac6dad0ec");
        assertEquals(
                List.of("", "投资要点", "相关报告", "行业评级体系", "分析师声明", "本公司具备证券投资咨询业务资格的说明", "免责声明", "风险提示"),
                huajin.sections().stream().map(Section::heading).toList());
        assertEquals(
                List.of(false, false, false, true, true, true, true, true),
                huajin.sections().stream().map(Section::isBoilerplate).toList(),
                "rating definitions are boilerplate, and so is everything after 分析师声明");
        Report tebon = seed("002_bcc5796c86ba42b6");
        assertEquals(
                List.of("", "相关研究", "投资要点", "信息披露", "分析师与研究助理简介", "分析师声明", "投资评级说明", "法律声明"),
                tebon.sections().stream().map(Section::heading).toList());
        assertEquals(
                List.of(false, false, false, true, false, true, true, true),
                tebon.sections().stream().map(Section::isBoilerplate).toList(),
                "信息披露 is boilerplate but starts no legal text: the analyst profile after it is body");
    }

    @Test
    void everySeedReportIsCoveredBySectionsInOrder() throws Exception {
        for (Path file : TestCorpus.reportFiles()) {
            Report r = parser.parse(file);
            List<Section> sections = r.sections();
            assertTrue(sections.size() > 3, r.id());
            assertEquals(0, sections.get(0).start(), r.id());
            assertEquals("", sections.get(0).heading(), r.id() + ": the header comes before any heading");
            assertEquals(r.text().length(), sections.get(sections.size() - 1).end(), r.id());
            for (int i = 0; i < sections.size(); i++) {
                Section s = sections.get(i);
                assertTrue(s.start() < s.end(), r.id() + " " + s);
                if (i > 0) {
                    assertEquals(
                            sections.get(i - 1).end(), s.start(), r.id() + ": contiguous, no gap, no overlap at " + s);
                    assertTrue(
                            r.text().startsWith(s.heading(), s.start()),
                            r.id() + ": a section starts at its heading " + s);
                }
                if (List.of("免责声明", "法律声明", "分析师声明").contains(s.heading())) {
                    assertTrue(s.isBoilerplate(), r.id() + " " + s);
                }
            }
            assertTrue(sections.get(sections.size() - 1).isBoilerplate(), r.id() + ": reports end in legal text");
        }
    }

    @Test
    void brokenFilesAreRejectedWithAReason(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        ReportParseException e = assertThrows(ReportParseException.class, () -> parser.parse(bad));
        assertTrue(e.getMessage().contains("UTF-8"));
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "  \n");
        assertThrows(ReportParseException.class, () -> parser.parse(empty));
        Path badSidecar = dir.resolve("s.txt");
        Files.writeString(badSidecar, "正文。");
        Files.writeString(dir.resolve("s.meta.json"), "{\"date\": \"March\"}");
        assertThrows(ReportParseException.class, () -> parser.parse(badSidecar));
    }
}
