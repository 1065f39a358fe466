package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a small table a report prints as text, and the period a question asks for. */
class TableCellsTest {

    private static final String PERFORMANCE =
            "一年行业表现\n\n资料来源：聚源\n\n升幅% 1M 3M 12M\n相对收益 -12.24 -15.8 6.67\n" + "绝对收益 -8.04 -21.49 -9.92\n\n分析师\n倪爽";

    @Test
    void aHeaderOfPeriodsAndRowsOfNumbersIsATable() {
        List<TableCells.Table> tables = TableCells.tables(PERFORMANCE);
        assertEquals(1, tables.size());
        TableCells.Table t = tables.get(0);
        assertEquals(List.of("1M", "3M", "12M"), t.columns());
        assertEquals(List.of(1, 3, 12), t.months());
        assertEquals(
                List.of("相对收益", "绝对收益"),
                t.rows().stream().map(TableCells.Row::label).toList());
        assertEquals(List.of("-8.04", "-21.49", "-9.92"), t.rows().get(1).values());
        // A forecast table's columns are years; its numbers may have thousands separators.
        TableCells.Table forecast = TableCells.tables(
                        "单位：百万元 2023A 2024E 2025E\n营业收入 1,200 1,500.5 1,800\nEPS 0.52 0.61 0.75")
                .get(0);
        assertEquals(List.of(2023, 2024, 2025), forecast.years());
        assertEquals(
                List.of("1,200", "1,500.5", "1,800"), forecast.rows().get(0).values());
        assertEquals("EPS 0.52 0.61 0.75", forecast.rows().get(1).line());
    }

    @Test
    void proseWithNumbersIsNoTable() {
        // A header of periods over words, not numbers, heads no table.
        assertEquals(List.of(), TableCells.tables("升幅% 1M 3M\n相对收益 领先 落后"));
        assertEquals(List.of(), TableCells.tables("周期 1M 3M\n\n正文没有数字"));
    }

    @Test
    void thePeriodAQuestionNames() {
        assertEquals(1, TableCells.monthsIn("华金快报里传媒板块近一个月跑输沪深300多少"));
        assertEquals(6, TableCells.monthsIn("传媒行业最近6个月的相对收益是多少？"));
        assertEquals(3, TableCells.monthsIn("relative performance over the trailing three months?"));
        assertEquals(3, TableCells.monthsIn("What was the sector's 3-month absolute return?"));
        assertEquals(12, TableCells.monthsIn("德邦传媒指数近一年涨跌幅"));
        assertEquals(-1, TableCells.monthsIn("华金的相对收益是多少？"));
        // A quarter of the year, a number of three digits, this year: no period of such a table.
        assertEquals(-1, TableCells.monthsIn("一季度相对收益"));
        assertEquals(-1, TableCells.monthsIn("120个月的相对收益"));
        assertEquals(-1, TableCells.monthsIn("relative return this year"));
    }
}
