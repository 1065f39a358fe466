package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.search.Unmatched;

/** The checks that make an extractive answer abstain, input by input. */
class AnswerabilityTest {

    private static final String PASSAGES = "OpenAI 发布了 Sora。Sora 可以生成长达一分钟的视频。昆仑万维发布了天工大模型。相关报告：《传媒行业周报》，2024.2.18";

    private static Optional<String> check(String question, String evidence) {
        return Answerability.check(question, List.of(), PASSAGES, evidence, evidence);
    }

    @Test
    void aBrokerTheLibraryLacksMakesItAbstain() {
        assertEquals(
                Optional.of("no reports from 中信证券 in the library"),
                Answerability.check(
                        "中信证券怎么看 Sora？", List.of(new Unmatched("reports from 中信证券", null)), PASSAGES, "x", "x"));
    }

    @Test
    void aReportDateNothingMatchesMakesItAbstainUnlessAPassageGivesThatDate() {
        Unmatched april = new Unmatched("reports dated 2024-04-01", LocalDate.of(2024, 4, 1));
        assertEquals(
                Optional.of("no reports dated 2024-04-01 in the library"),
                Answerability.check("4 月 1 日的周报说了什么？", List.of(april), PASSAGES, "x", "x"));
        Unmatched related = new Unmatched("reports dated 2024-02-18", LocalDate.of(2024, 2, 18));
        assertEquals(
                Optional.empty(),
                Answerability.check(
                        "2 月 18 日的周报说了什么？",
                        List.of(related),
                        PASSAGES,
                        "相关报告：《传媒行业周报》，2024.2.18",
                        "相关报告：《传媒行业周报》，2024.2.18"));
    }

    @Test
    void aNameThePassagesNeverMentionMakesItAbstain() {
        assertEquals(
                Optional.of("the passages never mention Midjourney"),
                check("Midjourney 能生成视频吗？", "Sora 可以生成长达一分钟的视频。"));
        assertEquals(Optional.empty(), check("Sora 能生成多长的视频？", "Sora 可以生成长达一分钟的视频。"));
    }

    @Test
    void anAttributeAskedForMustBeNamedByTheEvidence() {
        assertEquals(Optional.of("the passages do not give the 目标价 asked for"), check("昆仑万维的目标价是什么？", "昆仑万维发布了天工大模型。"));
        assertEquals(Optional.empty(), check("昆仑万维的目标价是什么？", "给予昆仑万维目标价 50 元。"));
    }

    @Test
    void latinAttributeWordsMatchWholeWordsOnly() {
        // "PE" must not be found inside "open".
        assertEquals(
                Optional.of("the passages do not give the 市盈率 asked for"),
                check("Sora 的 PE 是多少？", "Sora 由 OpenAI 发布，共 3 款。"));
    }

    @Test
    void theAnswerMustBeOfTheKindAsked() {
        assertEquals(Optional.of("no money in the best passages"), check("Sora 的价格是多少？", "Sora 可以生成长达一分钟的视频。"));
        assertEquals(Optional.empty(), check("Sora 的价格是多少？", "Sora 每分钟 20 美元。"));
        assertEquals(Optional.of("no number in the best passages"), check("Sora 有多少种模式？", "Sora 可以生成长达视频。"));
        assertEquals(Optional.of("no date in the best passages"), check("Sora 什么时候发布？", "Sora 可以生成长达视频。"));
        assertEquals(Optional.empty(), check("Sora 什么时候发布？", "OpenAI 于 2 月 16 日发布 Sora。"));
    }

    @Test
    void namesInEnglishQuestionsKeepOnlyAcronymsAndInnerCapitals() {
        assertEquals(List.of("Sora", "OpenAI"), Answerability.names("Sora 是 OpenAI 的模型吗？"));
        // "Nvidia" is written 英伟达 in the reports: a plain capitalised word is not required.
        assertEquals(List.of("GPUs", "OpenAI"), Answerability.names("How many GPUs does OpenAI use for Nvidia chips?"));
    }
}
