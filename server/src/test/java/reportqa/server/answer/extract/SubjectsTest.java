package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether a sentence is about what a question names. */
class SubjectsTest {

    /** The report a test sentence comes from is named by its authors: "马笑,王梅卿". */
    private static List<String> authors(String reportId) {
        return reportId.isEmpty() ? List.of() : List.of(reportId.split(","));
    }

    /** Whether {@code sentence} of {@code passage}, in a report by {@code authors}, is about the question's names. */
    private static boolean about(
            Subjects subjects, String sentence, String passage, String heading, List<String> authors, String question) {
        return subjects.about(
                sentence, Subjects.around(sentence, passage), heading, String.join(",", authors), question, passage);
    }

    private static final String PARAGRAPH = "在 OpenAI 展示文生视频模型 Sora 后，多家公司跟进。3 月 5 日，Etna 发布一段 4K 视频，"
            + "实现了 60 FPS 的超高帧率。Sora 的视频长度可达一分钟。此外，生成的视频清晰度也高达 1080p。";

    @Test
    void specsAndPluralAcronymsAreNoSubjects() {
        assertEquals(
                List.of("Open-Sora"),
                Subjects.of("训练 512x512 视频时 Open-Sora 用 4K 数据吗？", "", List.of(), SubjectsTest::authors)
                        .names());
        assertEquals(
                List.of("OpenAI"),
                Subjects.of("What does OpenAI use, like tokens in LLMs?", "", List.of(), SubjectsTest::authors)
                        .names());
        assertEquals(
                List.of("陈旻"),
                Subjects.of("陈旻的电话是多少？", "", List.of("陈旻", "倪爽"), SubjectsTest::authors)
                        .names());
    }

    @Test
    void aSizeTheQuestionNamesMustBeWrittenWhereTheAnswerIs() {
        String q = "What speed-up did Colossal-AI report for 1080p video training?";
        Subjects subjects = Subjects.of(q, "", List.of(), SubjectsTest::authors);
        assertEquals(List.of("1080p"), subjects.specs());
        String passage = "在处理 64 帧、512x512 分辨率视频的训练中，Colossal-AI 实现了 1.55 倍的加速效果。"
                + "同时，Colossal-AI 在单台服务器上可以进行 1 分钟的 1080p 高清视频训练任务。";
        assertFalse(
                about(subjects, "在处理 64 帧、512x512 分辨率视频的训练中，Colossal-AI 实现了 1.55 倍的加速效果。", passage, "", List.of(), q));
        String q512 = "训练 512 x 512 视频时加速了多少倍？";
        Subjects s512 = Subjects.of(q512, "", List.of(), SubjectsTest::authors);
        assertTrue(
                about(s512, "在处理 64 帧、512x512 分辨率视频的训练中，Colossal-AI 实现了 1.55 倍的加速效果。", passage, "", List.of(), q512));
    }

    @Test
    void aSentenceNamingAThingOfItsOwnMustNameTheSubjectItself() {
        Subjects sora = Subjects.of("Sora 的帧率是多少 FPS？", "", List.of(), SubjectsTest::authors);
        // Sora is earlier in the paragraph, but the sentence is about Etna.
        assertFalse(
                about(sora, "3 月 5 日，Etna 发布一段 4K 视频，实现了 60 FPS 的超高帧率。", PARAGRAPH, "", List.of(), "Sora 的帧率是多少 FPS？"));
        assertTrue(about(sora, "Sora 的视频长度可达一分钟。", PARAGRAPH, "", List.of(), "Sora 的帧率是多少 FPS？"));
        // A sentence with no name of its own is about what its paragraph named before it.
        assertTrue(about(sora, "此外，生成的视频清晰度也高达 1080p。", PARAGRAPH, "", List.of(), "Sora 的清晰度？"));
        // Etna is the question's own subject, so the Etna sentence answers a question about it.
        Subjects etna = Subjects.of("Etna 的帧率是多少？", "", List.of(), SubjectsTest::authors);
        assertTrue(about(etna, "3 月 5 日，Etna 发布一段 4K 视频，实现了 60 FPS 的超高帧率。", PARAGRAPH, "", List.of(), "Etna 的帧率是多少？"));
        assertFalse(about(etna, "Sora 的视频长度可达一分钟。", PARAGRAPH, "", List.of(), "Etna 的帧率是多少？"));
    }

    @Test
    void aStockCodesExchangeIsNoSubjectOfTheSentence() {
        String q = "华金那篇讲 Sora 的快报里视觉中国的代码是多少？";
        Subjects sora = Subjects.of(q, "", List.of(), SubjectsTest::authors);
        String passage = "OpenAI 发布 Sora。相关标的：捷成股份(300182.SZ)、视觉中国(000681.SZ)。";
        // SZ names no thing of the sentence's own: Sora, written before it, is what it is about.
        assertTrue(about(sora, "相关标的：捷成股份(300182.SZ)、视觉中国(000681.SZ)。", passage, "", List.of(), q));
    }

    @Test
    void aNameInASentenceIsTheAnswerWhenTheQuestionAsksWho() {
        String q = "是谁猜测 Sora 可能靠 UE5 合成了训练数据？";
        String paragraph = "高质量数据是 Sora 性能提升的另一关键因素。根据英伟达科学家 Jim Fan 推测，可能通过 UE5 生成了合成数据。";
        String sentence = "根据英伟达科学家 Jim Fan 推测，可能通过 UE5 生成了合成数据。";
        Subjects who = Subjects.of(q, "", List.of(), SubjectsTest::authors);
        // Jim Fan is a name the question does not write: as a subject of its own, the sentence would have
        // to name Sora itself; as the answer to 谁, its paragraph's Sora counts.
        assertFalse(about(who, sentence, paragraph, "", List.of(), q));
        assertTrue(about(who.askingForAName(), sentence, paragraph, "", List.of(), q));
    }

    @Test
    void aPersonIsNamedJustBeforeTheirContactLinesOrIsTheReportsAuthor() {
        String header = "分析师： 陈旻\nTel: 021-53686134\nE-mail: chenmin@shzq.com\nSAC 编号: S0870522020001\n";
        Subjects chen = Subjects.of("陈旻的 SAC 编号是多少？", "", List.of("陈旻"), SubjectsTest::authors);
        assertTrue(about(chen, "SAC 编号: S0870522020001", header, "", List.of(), "陈旻的 SAC 编号是多少？"));
        Subjects qian = Subjects.of("钱劲宇是哪一年加入德邦证券的？", "", List.of("钱劲宇", "王梅卿", "马笑"), SubjectsTest::authors);
        String bio = "王梅卿，2022年加入德邦证券研究所传媒互联网组。";
        // Another report's assistant's biography is not about him …
        assertFalse(about(qian, bio, bio, "", List.of("马笑", "王梅卿"), "钱劲宇是哪一年加入德邦证券的？"));
        // … a sentence of his own report is, and a co-author's biography in it is not.
        Subjects qianView = Subjects.of("钱劲宇怎么看？", "", List.of("钱劲宇", "王梅卿", "马笑"), SubjectsTest::authors);
        assertTrue(about(qianView, "AI 视频商用不再遥远。", "AI 视频商用不再遥远。", "", List.of("钱劲宇"), "钱劲宇怎么看？"));
        Subjects wang = Subjects.of("王梅卿是哪个学校毕业的？", "", List.of("王梅卿", "马笑"), SubjectsTest::authors);
        String maXiao = "马笑，华中科技大学硕士，2022年加入德邦证券。";
        assertFalse(about(wang, maXiao, maXiao, "", List.of("马笑", "王梅卿"), "王梅卿是哪个学校毕业的？"));
    }

    @Test
    void aNameWithAVersionIsAnsweredByThatVersionOrTheBareNameOnly() {
        String q = "Claude 3 模型最多支持多少字？";
        Subjects claude3 = Subjects.of(q, "", List.of(), SubjectsTest::authors).withVersions(List.of("Claude 3"));
        assertFalse(about(claude3, "Claude-100k 模型支持约 8 万字。", "Claude-100k 模型支持约 8 万字。", "", List.of(), q));
        assertTrue(about(claude3, "Claude 3 支持 20 万 token。", "Claude 3 支持 20 万 token。", "", List.of(), q));
        String o = "Open-Sora 1.0 的训练分几个阶段？";
        Subjects openSora = Subjects.of(o, "", List.of(), SubjectsTest::authors).withVersions(List.of("Open-Sora 1.0"));
        assertTrue(about(openSora, "Open-Sora 的复现方案共包括三个阶段。", "Open-Sora 的复现方案共包括三个阶段。", "", List.of(), o));
    }

    @Test
    void anAnalystNamedStandsForTheirReportOnlyWhenTheQuestionSaysSo() {
        String passage = "根据艾瑞咨询预测，2023 年中国 AIGC 产业规模约为 143 亿元。";
        String sentence = passage;
        // 倪爽 wrote the report: "what does 倪爽's report say" is answered by any sentence of it …
        String view = "倪爽那篇快报怎么看 AIGC 产业规模？";
        Subjects speaks = Subjects.of(view, "", List.of("倪爽"), SubjectsTest::authors);
        assertTrue(speaks.authorsSpeak());
        assertTrue(about(speaks, sentence, passage, "", List.of("倪爽"), view));
        // … but a question about the person is not answered by a sentence that does not name them.
        String person = "倪爽是哪一年加入华金的？";
        Subjects about = Subjects.of(person, "", List.of("倪爽"), SubjectsTest::authors);
        assertFalse(about.authorsSpeak());
        assertFalse(about(about, sentence, passage, "", List.of("倪爽"), person));
        assertTrue(about(about, "倪爽，2021 年加入华金证券。", "倪爽，2021 年加入华金证券。", "", List.of("倪爽"), person));
    }

    @Test
    void aLabelIsNoSubjectOfItsLine() {
        String q = "陈旻的电话是多少？";
        Subjects chen = Subjects.of(q, "", List.of("陈旻"), SubjectsTest::authors);
        String header = "分析师： 陈旻\nTel: 021-53686134";
        // "Tel" labels the line; the name above it is who the line is about.
        assertTrue(about(chen, "Tel: 021-53686134", header, "", List.of(), q));
    }

    @Test
    void aNameTheReportsPassagesWriteAgainAndAgainIsWhatTheReportIsAbout() {
        String q = "Sora 生成图片的分辨率最高多少？";
        Subjects sora = Subjects.of(q, "", List.of(), SubjectsTest::authors);
        String item = "6、生成图像能力：生成不同大小，分辨率高达 2048x2048 的图像。";
        String often = "Sora 采用 Transformer 架构。Sora 并非直接生成。给 Sora 的提示词会被扩写。\n" + item;
        String once = "Sora 采用 Transformer 架构。\n" + item;
        assertTrue(sora.about(item, item, "", "r", q, often));
        assertFalse(sora.about(item, item, "", "r", q, once), "two mentions are not yet the report's topic");
        // A sentence naming a subject of its own (Etna) is still about that one only.
        String etna = "Etna 实现了 60 FPS 的超高帧率。";
        assertFalse(sora.about(etna, etna, "", "r", q, often + "\n" + etna));
    }
}
