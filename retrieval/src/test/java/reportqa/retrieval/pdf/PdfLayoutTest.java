package reportqa.retrieval.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The layout rules on lines made by hand: what a one-page report keeps of its top and bottom, and
 * which jumps back up a page are a table's next cell and which the next column.
 */
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

    @Test
    void aTableRowWhoseCellsWrapIsOneLineItsCellsPartedByATab() {
        List<PdfLine> lines = List.of(
                new PdfLine(1, "评级说明如下，写满了一整行的文字，一直写到栏的右边，", 40, 300, 100, 110),
                new PdfLine(1, "后面是表格。", 40, 120, 112, 122),
                // The first cell, drawn top to bottom, then the second from the row's top again.
                new PdfLine(1, "股票投", 40, 70, 130, 140),
                new PdfLine(1, "资评级：", 40, 75, 142, 152),
                new PdfLine(1, "分析师给出下列评级中的", 90, 300, 128, 138),
                new PdfLine(1, "其中一项。", 90, 160, 140, 150),
                new PdfLine(1, "买入\t股价表现将强于基准指数 20%以上", 40, 260, 160, 170),
                new PdfLine(1, "表格之后的正文。", 40, 200, 180, 190));
        PdfText t = PdfLayout.read(lines, A4_WIDTH, A4_HEIGHT, Set.of());
        assertEquals(
                "评级说明如下，写满了一整行的文字，一直写到栏的右边，后面是表格。\n"
                        + "股票投资评级：\t分析师给出下列评级中的其中一项。\n"
                        + "买入\t股价表现将强于基准指数 20%以上\n"
                        + "表格之后的正文。",
                t.text());
    }

    @Test
    void aFirstCellTallerThanTheCentredOnesBesideItIsReadWhole() {
        List<PdfLine> lines = List.of(
                // The column the table stands in, as wide as its text runs.
                new PdfLine(1, "评级说明如下，写满了一整行的文字，一直写到栏的右边，", 40, 300, 76, 86),
                new PdfLine(1, "评级说明如下，写满了一整行的文字，一直写到栏的右边。", 40, 300, 88, 98),
                new PdfLine(1, "类别\t评级\t说明", 40, 200, 100, 110),
                new PdfLine(1, "1. 投资评级的比较和", 40, 120, 120, 130),
                new PdfLine(1, "评级标准：以报告发布", 40, 120, 132, 142),
                new PdfLine(1, "后的6个月内为比较", 40, 120, 144, 154),
                new PdfLine(1, "标准；", 40, 70, 156, 166),
                new PdfLine(1, "买入", 130, 150, 138, 148),
                new PdfLine(1, "相对强于市场表现20%以上；", 160, 300, 138, 148));
        PdfText t = PdfLayout.read(lines, A4_WIDTH, A4_HEIGHT, Set.of());
        assertEquals(
                "评级说明如下，写满了一整行的文字，一直写到栏的右边，评级说明如下，写满了一整行的文字，一直写到栏的右边。\n"
                        + "类别\t评级\t说明\n1. 投资评级的比较和评级标准：以报告发布后的6个月内为比较标准；\t买入\t相对强于市场表现20%以上；",
                t.text());
    }

    @Test
    void theJumpUpToTheNextColumnIsNoCellEvenBelowAFullWidthTitle() {
        List<PdfLine> lines = new java.util.ArrayList<>();
        lines.add(new PdfLine(1, "跨两栏的标题", 40, 555, 60, 72));
        for (int i = 0; i < 6; i++) {
            lines.add(new PdfLine(1, "左栏的段落写满了这一行，" + i, 40, 290, 100 + 12 * i, 110 + 12 * i));
        }
        lines.add(new PdfLine(1, "左栏写完。", 40, 120, 172, 182));
        lines.add(new PdfLine(1, "在右栏开始的段落。", 305, 400, 100, 110));
        PdfText t = PdfLayout.read(lines, A4_WIDTH, A4_HEIGHT, Set.of());
        assertFalse(t.text().contains("\t"), t.text());
        assertTrue(t.text().endsWith("左栏写完。\n在右栏开始的段落。"), t.text());
    }

    @Test
    void theJumpUpToTheNextColumnIsNoCell() {
        List<PdfLine> lines = List.of(
                new PdfLine(1, "左栏的段落写满了这一行，", 40, 290, 100, 110),
                new PdfLine(1, "一直写到栏底，还没有写完", 40, 290, 700, 710),
                new PdfLine(1, "在右栏接着写完。", 305, 400, 100, 110),
                new PdfLine(1, "右栏的第二段。", 305, 380, 112, 122));
        PdfText t = PdfLayout.read(lines, A4_WIDTH, A4_HEIGHT, Set.of());
        assertEquals("左栏的段落写满了这一行，一直写到栏底，还没有写完在右栏接着写完。\n右栏的第二段。", t.text());
    }
}
