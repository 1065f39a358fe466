package reportqa.retrieval.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The layout rules on lines made by hand: what a one-page report keeps of its top and bottom. */
class PdfLayoutTest {

    private static final float[] A4_WIDTH = {595};
    private static final float[] A4_HEIGHT = {842};

    @Test
    void aOnePageReportKeepsItsTopLinesAndDropsItsPageNumberedFooter() {
        List<PdfLine> lines = List.of(
                new PdfLine(1, "德邦证券", 40, 100, 30, 42),
                new PdfLine(1, "Openai 发布文生视频模型 Sora, AI 视频商用不再遥远", 40, 400, 60, 74),
                // The body, as wide as the column: the title above it does not fill it.
                new PdfLine(1, "正文第一段，写满了一整行的文字，一直写到栏的右边。", 40, 550, 120, 132),
                new PdfLine(1, "第 1 页共 1 页请务必阅读正文之后的免责声明及其项下所有内容", 40, 500, 800, 810));
        PdfText t = PdfLayout.read(lines, A4_WIDTH, A4_HEIGHT, Set.of());
        assertEquals("德邦证券\nOpenai 发布文生视频模型 Sora, AI 视频商用不再遥远\n正文第一段，写满了一整行的文字，一直写到栏的右边。", t.text());
        assertEquals(List.of("第 1 页共 1 页请务必阅读正文之后的免责声明及其项下所有内容"), t.furniture());
    }

    @Test
    void aLineInTheBandThatOnlyMentionsAPageInItsMiddleIsKept() {
        List<PdfLine> lines = List.of(
                new PdfLine(1, "正文第一段。", 40, 200, 120, 132), new PdfLine(1, "详见报告第 3 页的表格，数据截至三月。", 40, 500, 800, 810));
        PdfText t = PdfLayout.read(lines, A4_WIDTH, A4_HEIGHT, Set.of());
        assertTrue(t.text().contains("详见报告第 3 页的表格"), t.text());
        assertFalse(t.furniture().contains("详见报告第 3 页的表格，数据截至三月。"));
    }
}
