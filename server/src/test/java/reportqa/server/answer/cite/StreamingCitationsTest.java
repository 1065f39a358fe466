package reportqa.server.answer.cite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reportqa.server.answer.Citation;
import reportqa.server.answer.Source;

class StreamingCitationsTest {

    private static final String NO_ANSWER = "资料中未找到答案";

    private static Source source(String id, String text) {
        return new Source(
                0, id + "#0", id, "上海证券", "2024-03-19", false, "标题", "", text, 0, text.length(), 1.0, 1, false, 0);
    }

    private final List<Source> sources = List.of(
            source("a", "Sora 可以生成长达一分钟的视频。"),
            source("b", "Kimi 支持 200 万字的上下文。"),
            source("c", "Open-Sora 1.0 实现了 1.55 倍的加速。"));

    /** Every piece handed out while {@code raw} arrives in pieces of {@code size} characters. */
    private static List<String> pieces(StreamingCitations s, String raw, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.length(); i += size) {
            out.add(s.add(raw.substring(i, Math.min(raw.length(), i + size))));
        }
        return out;
    }

    @Test
    void whatGoesOutPieceByPieceIsTheStartOfTheFinishedAnswerAndTheRestIsWhatWasHeldBack() {
        String raw = "  Sora 最长可生成 1 分钟的视频 [2,1]。另一份报告也这样说【3】[3]。无中生有的引用 [9]。\n\nKimi 支持长文本[2]  \n";
        String finished = new CitationMapper().map(raw, sources).text();
        assertEquals("Sora 最长可生成 1 分钟的视频 [1][2]。另一份报告也这样说[3]。无中生有的引用。\n\nKimi 支持长文本[1]", finished);
        for (int size : new int[] {1, 2, 3, 7, raw.length()}) {
            StreamingCitations s = new StreamingCitations(sources.size(), NO_ANSWER);
            List<String> out = pieces(s, raw, size);
            String sent = String.join("", out);
            assertEquals(sent, s.sent());
            assertEquals(finished.substring(0, sent.length()), sent, "pieces of " + size);
            assertEquals(finished.substring(sent.length()), s.rest(finished), "pieces of " + size);
            for (String piece : out) {
                assertFalse(piece.matches("(?s).*(\\[2,|【|\\[9|,).*"), "a raw citation went out: " + piece);
            }
        }
    }

    @Test
    void aGroupStillBeingWrittenAndTrailingSpaceAreHeldBackUntilTheyAreSettled() {
        StreamingCitations s = new StreamingCitations(sources.size(), NO_ANSWER);
        assertEquals("视频", s.add("视频 "));
        assertEquals("", s.add("[3"));
        assertEquals("", s.add(","));
        assertEquals(" [1][2]", s.add("1]"));
        assertEquals("。", s.add("。"));
        assertEquals("视频 [1][2]。", s.sent());
    }

    @Test
    void theModelsNoAnswerIsNeverSentForItIsReplacedByTheAbstention() {
        StreamingCitations s = new StreamingCitations(sources.size(), NO_ANSWER);
        String sent = String.join("", pieces(s, NO_ANSWER + "。", 2));
        assertEquals("", sent);
        assertEquals("资料里没有。", s.rest("资料里没有。"));

        StreamingCitations other = new StreamingCitations(sources.size(), NO_ANSWER);
        // A text that starts as the no-answer does is held only until it parts from it.
        assertEquals("", other.add("资料"));
        assertEquals("资料显示 Sora[1]", other.add("显示 Sora[1]"));
    }

    @Test
    void aFinishedAnswerThatDoesNotStartWithWhatWasSentHasNoRest() {
        StreamingCitations s = new StreamingCitations(sources.size(), "");
        s.add("Sora 可以[1]。");
        assertNull(s.rest("（以下为摘录）Sora 可以生成长达一分钟的视频[1]。"));
        assertEquals("", s.rest("Sora 可以[1]。"));
    }

    /** What the finished answer says, as {@code Responder} makes it from a model's reply. */
    private String finished(String raw) {
        if (raw.isBlank() || raw.strip().startsWith(NO_ANSWER)) {
            return "(the abstention)";
        }
        return new CitationMapper()
                .map(raw.replace(NO_ANSWER, "").strip(), sources)
                .text();
    }

    @Test
    void cutAnywhereEveryReplyStreamsAsTheStartOfTheAnswerItBecomes() {
        List<String> replies = List.of(
                "Sora 可生成长达一分钟的视频[1]。关于价格：" + NO_ANSWER,
                "Sora 可生成长达一分钟的视频[1]。\n\n" + NO_ANSWER + "其余未提及。",
                "  Sora[2,1] 可以 [9]。Kimi[2][2]【3】 支持 [1-3]，资料[4]。\n\n 另一段 [3] ",
                "开头就是 资料中未 但不是那句话[1]。",
                "引用 [9]。引用 [9] ，又一个[1，3]；范围[3~1][1 - 2]。",
                NO_ANSWER + "，但 Sora[1] 其实有一分钟。",
                "   " + NO_ANSWER,
                "[1] 开头就是引用。[2]",
                "可以[2" + NO_ANSWER + "]。又【" + NO_ANSWER + "1】。");
        java.util.Random random = new java.util.Random(13);
        for (String raw : replies) {
            String done = finished(raw);
            for (int round = 0; round < 200; round++) {
                StreamingCitations s = new StreamingCitations(sources.size(), NO_ANSWER);
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < raw.length(); ) {
                    int next = Math.min(raw.length(), i + 1 + random.nextInt(6));
                    out.append(s.add(raw.substring(i, next)));
                    i = next;
                }
                String sent = out.toString();
                assertEquals(sent, s.sent());
                if (done.equals("(the abstention)")) {
                    assertEquals("", sent, raw);
                    continue;
                }
                assertEquals(done.substring(0, Math.min(done.length(), sent.length())), sent, raw);
                assertEquals(done.substring(sent.length()), s.rest(done), raw);
                assertFalse(sent.contains(NO_ANSWER), sent);
            }
        }
    }

    @Test
    void aLongAnswerSentACharacterAtATimeStreamsWhole() {
        // 40,000 characters one at a time (read whole for every piece, as before, this took minutes).
        StreamingCitations s = new StreamingCitations(sources.size(), NO_ANSWER);
        String sentence = "Sora 可以生成一分钟的视频[1]，Kimi 支持长文本[2]。";
        StringBuilder raw = new StringBuilder();
        while (raw.length() < 40_000) {
            raw.append(sentence);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            out.append(s.add(String.valueOf(raw.charAt(i))));
        }
        assertEquals(finished(raw.toString()), out.toString());
    }

    @Test
    void citationsAreTheOnesTheFinishedAnswerHas() {
        List<Citation> c = new CitationMapper().map("x[3] y[1]", sources).citations();
        assertEquals(List.of("c", "a"), c.stream().map(Citation::reportId).toList());
    }
}
