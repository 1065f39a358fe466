package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.text.NoiseLines;

/** Which contact detail a question asks for, and whose detail a report's text gives. */
class ContactFactsTest {

    /** A header as a broker prints it: each person's details on the lines after their name. */
    private static final String HEADER = "证券分析师\n\n马笑\n\n资格编号：S0120522100002\n\n邮箱：maxiao@tebon.com.cn\n\n"
            + "研究助理\n\n王梅卿\n\n邮箱：wangmq@tebon.com.cn\n\n……正文……\n\n电话：021-20655588\n\n网址：www.tebon.com.cn";

    private static final List<String> PEOPLE = List.of("马笑", "王梅卿");

    private static ContactFacts.Kind kind(String question) {
        return ContactFacts.asked(question).orElseThrow(() -> new AssertionError("no kind in " + question));
    }

    @Test
    void theKindAskedComesFromTheQuestionsWords() {
        assertEquals(
                "certificate",
                kind("What is the SAC registration number of the analyst?").kind());
        assertEquals("email", kind("德邦传媒那篇的研究助理邮箱").kind());
        assertEquals("fax", kind("华金证券的传真号码？").kind());
        assertEquals("phone", kind("华金证券的总机号码是多少？").kind(), "a switchboard is a phone");
        assertEquals("website", kind("What is Huajin Securities' website?").kind());
        assertTrue(ContactFacts.asked("马笑的分析框架是什么？").isEmpty());
        // Words that contain a contact word but ask for none.
        assertTrue(ContactFacts.asked("德邦的报告怎么看 iPhone 销量？").isEmpty());
        assertTrue(ContactFacts.asked("德邦怎么看手机行业？").isEmpty());
        assertTrue(ContactFacts.asked("华金认为哪些网站会受益？").isEmpty());
    }

    /** A broker's back matter as printed: its offices, one per line. */
    private static final String OFFICES = "华金证券股份有限公司\n\n办公地址：\n\n上海市浦东新区杨高南路 759 号陆家嘴世纪金融广场 30 层\n\n"
            + "北京市朝阳区建国路 108 号横琴人寿大厦 17 层\n\n深圳市福田区益田路 6001 号太平金融大厦 10 楼 05 单元\n\n电话：021-20655588";

    @Test
    void anOfficeQuestionGetsTheBrokersAddressesAndTheCityItNames() {
        ContactFacts.Kind address = kind("华金证券北京办公室在哪");
        assertEquals("address", address.kind());
        assertTrue(address.brokersOwn());
        assertEquals("address", kind("Where's that firm's Shenzhen office?").kind());
        assertEquals("phone", kind("What's the office phone number?").kind());
        assertEquals("email", kind("分析师的邮件地址").kind());
        assertEquals(
                List.of(
                        "上海市浦东新区杨高南路 759 号陆家嘴世纪金融广场 30 层",
                        "北京市朝阳区建国路 108 号横琴人寿大厦 17 层",
                        "深圳市福田区益田路 6001 号太平金融大厦 10 楼 05 单元"),
                List.copyOf(ContactFacts.details(address, OFFICES, List.of(), List.of())
                        .keySet()));
        assertEquals(List.of("北京"), ContactFacts.citiesIn("华金证券北京办公室在哪"));
        assertEquals(List.of("深圳"), ContactFacts.citiesIn("Where is Huajin's Shenzhen office?"));
        // 上海 of 上海证券 names the broker, not a city.
        assertEquals(List.of(), ContactFacts.citiesIn("上海证券研究所的办公地址在哪里？"));
        assertEquals(List.of("北京"), ContactFacts.citiesIn("Shanghai Securities' Beijing office?"));
    }

    @Test
    void anOfficeIsAskedOnlyOfABrokerTheQuestionNames() {
        ReportMetadata huajin =
                new ReportMetadata("华金证券", "t", ReportDate.UNKNOWN, List.of("倪爽"), List.of(), "传媒", "", "", Map.of());
        assertTrue(ContactFacts.namesABroker("华金证券北京办公室在哪", SearchFilters.NONE, List.of(huajin)));
        assertTrue(ContactFacts.namesABroker("倪爽那篇报告的深圳办公地址在哪？", SearchFilters.NONE, List.of(huajin)));
        assertTrue(
                ContactFacts.namesABroker("办公地址在哪？", SearchFilters.NONE.withBrokers(Set.of("华金证券")), List.of(huajin)));
        assertFalse(ContactFacts.namesABroker("嘉诺撒圣家学校的地址是哪里？", SearchFilters.NONE, List.of(huajin)));
        assertFalse(ContactFacts.namesABroker("印度空间研究组织的总部位于哪里？", SearchFilters.NONE, List.of(huajin)));
    }

    @Test
    void anAssistantsDetailOfAReportNamingNoAssistantIsNobodysElse() {
        ReportMetadata noAssistant =
                new ReportMetadata("德邦证券", "t", ReportDate.UNKNOWN, List.of("钱劲宇"), List.of(), "计算机", "", "", Map.of());
        ReportMetadata withAssistant = new ReportMetadata(
                "德邦证券", "t", ReportDate.UNKNOWN, List.of("马笑"), List.of("王梅卿"), "传媒", "", "", Map.of());
        assertTrue(ContactFacts.asksForAnAssistantItLacks("德邦计算机那篇报告的研究助理叫什么，邮箱多少？", noAssistant));
        assertFalse(ContactFacts.asksForAnAssistantItLacks("德邦传媒那篇报告的研究助理邮箱多少？", withAssistant));
        assertFalse(ContactFacts.asksForAnAssistantItLacks("德邦计算机那篇报告的分析师邮箱多少？", noAssistant));
        assertTrue(ContactFacts.asksForAnAssistantItLacks("钱劲宇的研究助理邮箱？", noAssistant), "not the analyst's");
    }

    @Test
    void aPersonsDetailIsTheOneAfterTheirName() {
        assertEquals(
                Map.of("wangmq@tebon.com.cn", "王梅卿"), ContactFacts.details(kind("邮箱"), HEADER, List.of("王梅卿"), PEOPLE));
        assertEquals(
                Map.of("maxiao@tebon.com.cn", "马笑"), ContactFacts.details(kind("邮箱"), HEADER, List.of("马笑"), PEOPLE));
        // With nobody in particular asked: every one, each with its owner.
        assertEquals(
                List.of("maxiao@tebon.com.cn", "wangmq@tebon.com.cn"),
                List.copyOf(ContactFacts.details(kind("邮箱"), HEADER, List.of(), PEOPLE)
                        .keySet()));
        assertEquals(Map.of("S0120522100002", "马笑"), ContactFacts.details(kind("资格编号"), HEADER, List.of(), PEOPLE));
    }

    @Test
    void theBrokersOwnDetailsBelongToNobody() {
        assertEquals(Map.of("021-20655588", ""), ContactFacts.details(kind("电话"), HEADER, List.of(), PEOPLE));
        assertEquals(Map.of("www.tebon.com.cn", ""), ContactFacts.details(kind("网址"), HEADER, List.of(), PEOPLE));
        assertEquals(Map.of(), ContactFacts.details(kind("传真"), HEADER, List.of(), PEOPLE), "no fax printed");
        // An assistant's phone is asked, and the only phone is the broker's: none of theirs.
        assertEquals(Map.of(), ContactFacts.details(kind("电话"), HEADER, List.of("王梅卿"), PEOPLE));
    }

    @Test
    void aQuestionForAContactDetailAsksForContactLines() {
        // The detail is quoted from a contact line: a question ContactFacts answers must let it be.
        for (String q : List.of(
                "What is the SAC registration number of the analyst?",
                "分析师的执业证书编号是多少？",
                "研究助理邮箱",
                "华金证券的传真号码？",
                "What is Huajin Securities' website?",
                "上海证券的电话",
                "What is the analyst's telephone number?",
                "分析师的电邮")) {
            assertTrue(ContactFacts.asked(q).isPresent(), q);
            assertTrue(NoiseLines.askedFor(q).contains("contact"), q);
        }
    }
}
