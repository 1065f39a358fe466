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
    void anAttributeWrittenAsItIsNeedsNoParaphrase() {
        assertTrue(paraphrases.in("分辨率", "支持最高 2K 分辨率的图片生成。").isEmpty());
    }
}
