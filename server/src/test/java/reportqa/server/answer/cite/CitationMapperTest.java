package reportqa.server.answer.cite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import reportqa.server.answer.Citation;
import reportqa.server.answer.Source;

class CitationMapperTest {

    private static Source source(String id, String text) {
        return new Source(
                0, id + "#0", id, "上海证券", "2024-03-19", false, "标题", "", text, 0, text.length(), 1.0, 1, false, 0);
    }

    private final List<Source> sources = List.of(
            source("a", "Sora 可以生成长达一分钟的视频。"),
            source("b", "Kimi 支持 200 万字的上下文。"),
            source("c", "Open-Sora 1.0 实现了 1.55 倍的加速。"));
    private final CitationMapper mapper = new CitationMapper();

    @Test
    void groupsListsRangesAndFullWidthBracketsBecomePlainMarkers() {
        assertEquals("x[1][2]", CitationMapper.normalizeGroups("x[1,2]"));
        assertEquals("x[1][2]", CitationMapper.normalizeGroups("x[1，2]"));
        assertEquals("x[1][2][3]", CitationMapper.normalizeGroups("x[1-3]"));
        assertEquals("x[2]", CitationMapper.normalizeGroups("x【2】"));
        assertEquals("x[1][3]", CitationMapper.normalizeGroups("x[1、 3]"));
        assertEquals("see [a] and [ ]", CitationMapper.normalizeGroups("see [a] and [ ]"));
    }

    @Test
    void citationsAreRenumberedByFirstUseAndUnknownNumbersDropped() {
        CitationMapper.Mapped m = mapper.map("Kimi 支持 200 万字[2]。Sora 可生成一分钟视频[1][1]。加速 1.55 倍[3][7]。", sources);
        assertEquals("Kimi 支持 200 万字[1]。Sora 可生成一分钟视频[2]。加速 1.55 倍[3]。", m.text());
        assertEquals(
                List.of("b", "a", "c"),
                m.citations().stream().map(Citation::reportId).toList());
        assertEquals(List.of(1, 2, 3), m.citations().stream().map(Citation::n).toList());
        assertTrue(m.citations().stream().noneMatch(Citation::unsupported));
    }

    @Test
    void aCitationSharingNoContentWithItsSentenceIsFlagged() {
        CitationMapper.Mapped m = mapper.map("巴黎是法国的首都[1]。Kimi 支持长文本[2]。", sources);
        assertTrue(m.citations().get(0).unsupported());
        assertFalse(m.citations().get(1).unsupported());
    }

    @Test
    void markersRightAfterASentenceEndBelongToThatSentence() {
        assertEquals(
                List.of("Sora 可生成一分钟视频。[1]", "巴黎是法国的首都。[2]"),
                CitationMapper.citedSentences("Sora 可生成一分钟视频。[1]巴黎是法国的首都。[2]"));
        CitationMapper.Mapped m = mapper.map("Sora 可生成一分钟视频。[1]巴黎是法国的首都。[2]", sources);
        assertFalse(m.citations().get(0).unsupported(), "[1] after 。 cites the Sora sentence");
        assertTrue(
                m.citations().get(1).unsupported(),
                "[2] cites the Paris sentence, which Kimi's passage does not support");
    }

    @Test
    void textWithoutMarkersHasNoCitations() {
        CitationMapper.Mapped m = mapper.map("没有引用的回答。[0] [99]", sources);
        assertEquals(0, m.citations().size());
        assertEquals("没有引用的回答。", m.text());
    }
}
