package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.embed.BgeSmallZhEmbedder;

/** An attribute worded otherwise, by the shipped embedding model: found when it is, not when it is another. */
class ParaphrasesTest {

    private static BgeSmallZhEmbedder embedder;
    private static Paraphrases paraphrases;

    @BeforeAll
    static void model() {
        embedder = new BgeSmallZhEmbedder();
        paraphrases = new Paraphrases(embedder, ExtractiveAnswerer.Options.DEFAULT.paraphraseAbove());
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void anAttributeWordedOtherwiseIsFoundWhereItIsWritten() {
        String sentence = "通过算子优化和混合并行等高效训练策略，实现了 1.55 倍的加速效果。";
        Paraphrases.Match m = paraphrases.in("提速", sentence).orElseThrow();
        assertEquals("加速", m.words());
        assertEquals(sentence.indexOf("加速"), m.start());
        assertTrue(paraphrases.in("央视首播", "动画片《千秋诗颂》于 2 月 26 日在央视综合频道开播。").isPresent());
    }

    @Test
    void anotherAttributeOfTheSameThingIsNotAParaphrase() {
        // 公司 is written; 成立 (founded) is not 推出 (launched).
        assertTrue(paraphrases
                .in("公司成立", "Kimi 是人工智能初创公司月之暗面于 2023 年 10 月推出的一款智能助手。")
                .isEmpty());
        // A frame rate is not a resolution, however close the two are.
        assertTrue(paraphrases
                .in("视频帧率", "在处理 64 帧、512x512 分辨率视频的训练中，实现了 1.55 倍的加速效果。")
                .isEmpty());
        assertTrue(paraphrases.in("营业收入", "2030 年中国 AIGC 产业规模有望突破万亿元。").isEmpty());
    }

    @Test
    void anEventVerbSaidOtherwiseIsFoundAfterItsDateAtTheLowerDatedThreshold() {
        Paraphrases dated = new Paraphrases(embedder, ExtractiveAnswerer.Options.DEFAULT.datedParaphraseAbove());
        AskedFor when = AskedFor.of("OpenAI 把 TDB 工具放出来是哪天");
        assertEquals(AskedFor.Type.DATE, when.type());
        String opened = "3 月 12 日，OpenAI 开放了自己内部一直用于分析 Transformer 内部结构的工具 Transformer Debugger。";
        assertTrue(paraphrases.in(when.focus(), opened).isEmpty(), "below the attribute threshold");
        Paraphrases.Match m = dated.in(when.focus(), opened, r -> when.valueBefore(opened, r.start()))
                .orElseThrow();
        assertTrue(m.words().startsWith("开放"), m.words());
        // 开放 to the public is not 发布 (announced), at the dated threshold too.
        AskedFor publicly = AskedFor.of("Sora 什么时候向公众开放？");
        String announced = "2月16日 OpenAI 发布文生视频模型 Sora。";
        assertTrue(
                dated.in(publicly.focus(), announced, r -> publicly.valueBefore(announced, r.start()))
                        .isEmpty(),
                publicly.focus());
        // A word before the date qualifies something else: 初创 (start-up) is no founding.
        AskedFor founded = AskedFor.of("月之暗面是哪年创立的？");
        String launched = "Kimi 是人工智能初创公司月之暗面于 2023 年 10 月推出的一款智能助手。";
        assertTrue(
                dated.in(founded.focus(), launched, r -> founded.valueBefore(launched, r.start()))
                        .isEmpty(),
                founded.focus());
    }

    @Test
    void anAttributeWrittenAsItIsNeedsNoParaphrase() {
        assertTrue(paraphrases.in("分辨率", "支持最高 2K 分辨率的图片生成。").isEmpty());
    }
}
