package reportqa.retrieval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The field extractors on small made-up reports, one rule at a time. */
class MetadataExtractorTest {

    private final ReportParser parser = ReportParser.standard();

    private ReportMetadata metadata(String text) throws ReportParseException {
        return parser.parse("t", text, null).metadata();
    }

    @Test
    void aStatedDateIsExact() throws Exception {
        ReportMetadata m = metadata("某公司点评报告标题\n\n日期：2024年3月19日\n\n相关报告 2024.2.3 发布。");
        assertEquals(LocalDate.of(2024, 3, 19), m.date().exact());
        assertEquals("stated: 日期：2024年3月19日", m.provenance().get("date"));
    }

    @Test
    void aStatedDateThatIsNoDateFallsBackToInference() throws Exception {
        ReportMetadata m = metadata("某公司点评报告标题\n\n日期：2024年2月30日\n\n相关报告 2024.2.3 发布。");
        assertTrue(m.date().inferred());
        assertEquals(LocalDate.of(2024, 2, 3), m.date().earliest(), "2024年2月30日 is no date and bounds nothing");
        assertNull(m.date().latest());
    }

    @Test
    void aFutureEventBoundsTheDateFromAbove() throws Exception {
        ReportMetadata m = metadata("某公司点评报告标题\n\n公司于 2024年3月10日 发布新品，并将于 3 月 27 日正式上线。");
        assertEquals(LocalDate.of(2024, 3, 10), m.date().earliest());
        assertEquals(
                LocalDate.of(2024, 3, 27), m.date().latest(), "将于 makes 3 月 27 日 future, in the year of 2024年3月10日");
        assertEquals("约 2024-03", m.date().display());
    }

    @Test
    void aMonthAndDayWithoutAnyYearSaysNothing() throws Exception {
        ReportMetadata m = metadata("某公司点评报告标题\n\n2月16日 OpenAI 发布 Sora。");
        assertFalse(m.date().isKnown());
        assertNull(m.provenance().get("date"));
    }

    @Test
    void aBrokerNeedsAStrongSignalNotAMention() throws Exception {
        ReportMetadata header = metadata("上海证券\n某公司点评报告标题\n\n正文。");
        assertEquals("上海证券", header.broker());
        assertEquals("header line 上海证券", header.provenance().get("broker"));
        assertEquals("", metadata("某公司点评报告标题\n\n据上海证券统计，行业增长。").broker(), "named in prose only");
        assertEquals("德邦证券", metadata("某公司点评报告标题\n\n邮箱：maxiao@tebon.com.cn").broker());
    }

    @Test
    void labelledFieldsAreRead() throws Exception {
        ReportMetadata m = metadata("某公司点评报告标题\n行业： 传媒\n分析师： 陈旻、张三\n增持（维持）\n\n正文。");
        assertEquals("传媒", m.industry());
        assertEquals(List.of("陈旻", "张三"), m.analysts());
        assertEquals("增持（维持）", m.rating());
        assertEquals("某公司点评报告标题", m.title(), "labels and the rating are no headline");
    }
}
