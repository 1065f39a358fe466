package reportqa.server.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import reportqa.server.TestServer;
import reportqa.server.config.ServerConfig;

/** Answers built from a report's structure (one line per report, its printed details) on the seed reports, over HTTP. */
class ReportLinesAnswerTest {

    @Test
    void anEnglishComparisonIsNotEmptiedByTheWordsNoPassageHolds() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            // "Which brokers" makes it a comparison; its other words (did, work, Qian, Jinyu …) are in no
            // Chinese passage, and requiring one of them per line left the answer empty, not even abstained.
            JsonNode a = client.post(
                            "/api/ask",
                            "{\"question\": \"Which brokers did Qian Jinyu work at before joining Tebon?\"}")
                    .json();
            assertFalse(a.get("abstained").asBoolean(), a.toString());
            assertTrue(a.get("answer").asText().contains("曾就职于华福证券、国泰君安"), a.toString());

            // A name the passages do hold still decides which reports address the comparison.
            JsonNode kimi =
                    client.post("/api/ask", "{\"question\": \"哪些券商提到了 Kimi？\"}").json();
            String answer = kimi.get("answer").asText();
            assertEquals(1, answer.lines().filter(l -> l.startsWith("- ")).count(), answer);
            assertTrue(answer.contains("- 上海证券 · 2024-03-25"), answer);
            assertTrue(answer.contains("未谈及此问题的报告："), answer);
        });
    }

    @Test
    void aContactDetailIsQuotedFromTheReportAndOneItDoesNotPrintIsSaidSo() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            JsonNode mail =
                    client.post("/api/ask", "{\"question\": \"德邦传媒那篇的研究助理邮箱\"}").json();
            assertFalse(mail.get("abstained").asBoolean(), mail.toString());
            assertTrue(mail.get("answer").asText().contains("王梅卿 邮箱 wangmq@tebon.com.cn[1]"), mail.toString());
            JsonNode cited = mail.at("/citations/0");
            assertTrue(
                    cited.path("quote").asText().replaceAll("\\s+", "").contains("wangmq@tebon.com.cn")
                            || mail.at("/sources/0/passage").asText().contains("wangmq@tebon.com.cn"),
                    mail.toString());

            // The report's header holds a phone and a website but no fax: not the nearest number.
            JsonNode fax =
                    client.post("/api/ask", "{\"question\": \"华金证券的传真号码？\"}").json();
            assertTrue(fax.get("abstained").asBoolean(), fax.toString());
            assertEquals(
                    "the report prints no 传真 (fax)", fax.get("abstainReason").asText());

            // A code a report prints only in the title of a report it lists as related is still its code.
            JsonNode code =
                    client.post("/api/ask", "{\"question\": \"永信至诚的股票代码是多少？\"}").json();
            assertFalse(code.get("abstained").asBoolean(), code.toString());
            assertTrue(code.get("answer").asText().contains("永信至诚(688244.SH)"), code.toString());

            // A year of the assistant's is not who the assistant is.
            JsonNode joined = client.post("/api/ask", "{\"question\": \"德邦传媒研究助理王梅卿是哪年进的德邦？\"}")
                    .json();
            assertFalse(joined.get("answer").asText().contains("：研究助理 王梅卿["), joined.toString());
            assertTrue(
                    joined.get("abstained").asBoolean()
                            || joined.get("answer").asText().contains("2022"),
                    "abstains or gives the year: " + joined);
            JsonNode who = client.post("/api/ask", "{\"question\": \"德邦传媒那篇的研究助理是谁？\"}")
                    .json();
            assertTrue(who.get("answer").asText().contains("：研究助理 王梅卿["), who.toString());

            // A question none of whose words the retrieved passages write is about something else.
            JsonNode bitcoin =
                    client.post("/api/ask", "{\"question\": \"比特币现在什么价？\"}").json();
            assertTrue(bitcoin.get("abstained").asBoolean(), bitcoin.toString());
            assertEquals(
                    "the passages share almost none of the question's words",
                    bitcoin.get("abstainReason").asText());

            // A follow-up naming another person asks for theirs, not again for the one asked before.
            JsonNode other = client.post(
                            "/api/ask",
                            "{\"question\": \"and Ma Xiao's phone?\", \"history\": [{\"role\": \"user\", "
                                    + "\"content\": \"What's Chen Min's phone number?\"}]}")
                    .json();
            assertTrue(other.get("abstained").asBoolean(), other.toString());
            assertEquals(
                    "the reports meant print no 电话 (phone)",
                    other.get("abstainReason").asText());
        });
    }

    @Test
    void whatARatingMeansIsQuotedFromTheScaleTheReportPrints() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            // 增持 means one thing for a stock and another for an industry: the scope asked decides.
            JsonNode industry = client.post("/api/ask", "{\"question\": \"上海证券的行业评级里“增持”是啥意思？\"}")
                    .json();
            assertFalse(industry.get("abstained").asBoolean(), industry.toString());
            String answer = industry.get("answer").asText();
            assertTrue(answer.contains("增持 行业基本面看好，相对表现优于同期基准指数[1]"), answer);
            assertFalse(answer.contains("股价表现将强于基准指数"), answer);
            assertTrue(industry.at("/sources/0/passage").asText().contains("行业基本面看好"), industry.toString());

            // Two brokers named: each one's benchmark, once, though each has two reports.
            JsonNode both = client.post("/api/ask", "{\"question\": \"上海证券和德邦证券评级时A股分别以什么指数做基准？\"}")
                    .json();
            String lines = both.get("answer").asText();
            assertEquals(2, lines.lines().filter(l -> l.startsWith("- ")).count(), lines);
            assertTrue(lines.contains("A 股市场以沪深 300 指数为基准"), lines);
            assertTrue(lines.replace(" ", "").contains("A股市场以上证综指或深证成指为基准"), lines);

            // A rating the broker's scale does not have is said to be missing, not answered with another.
            JsonNode none = client.post("/api/ask", "{\"question\": \"华金证券评级里的“买入”是什么意思？\"}")
                    .json();
            assertTrue(none.get("abstained").asBoolean(), none.toString());
            assertEquals(
                    "the rating scale of the report gives no definition of 买入",
                    none.get("abstainReason").asText());

            // A grade the scale lacks is missing too; the grade of the rating just given is the risk grade.
            JsonNode c = client.post("/api/ask", "{\"question\": \"华金证券风险评级 C 级是怎么定义的\"}")
                    .json();
            assertEquals(
                    "the rating scale of the report gives no definition of C",
                    c.get("abstainReason").asText());
            String history = "\"history\": [{\"role\": \"user\", \"content\": \"华金证券的行业快报给传媒行业什么评级？\"}]";
            JsonNode grade = client.post("/api/ask", "{\"question\": \"这个评级里的 A 是什么意思\", " + history + "}")
                    .json();
            assertTrue(grade.get("answer").asText().contains("A—正常风险"), grade.toString());
            assertFalse(grade.get("answer").asText().contains("领先大市—"), grade.toString());
        });
    }

    @Test
    void aTableCellIsReadFromItsRowAndColumnAndAMissingPeriodIsSaidSo() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            JsonNode month = client.post("/api/ask", "{\"question\": \"华金快报里传媒板块近一个月跑输沪深300多少\"}")
                    .json();
            assertFalse(month.get("abstained").asBoolean(), month.toString());
            assertTrue(month.get("answer").asText().contains("相对收益（1M）：-12.24[1]"), month.toString());
            assertTrue(month.at("/sources/0/passage").asText().contains("相对收益 -12.24 -15.8 6.67"), month.toString());

            // The follow-up's own row and period replace those carried over.
            String history = "\"history\": [{\"role\": \"user\", \"content\": "
                    + "\"What was the one-month relative return of the media sector in Huajin's note?\"}]";
            JsonNode absolute = client.post(
                            "/api/ask", "{\"question\": \"And the absolute one over three months?\", " + history + "}")
                    .json();
            assertTrue(absolute.get("answer").asText().contains("绝对收益（3M）：-21.49[1]"), absolute.toString());

            JsonNode half = client.post("/api/ask", "{\"question\": \"华金证券报告里，传媒行业最近6个月的相对收益是多少？\"}")
                    .json();
            assertTrue(half.get("abstained").asBoolean(), half.toString());
            assertEquals(
                    "the table of the report gives 相对收益 for 1M, 3M, 12M only",
                    half.get("abstainReason").asText());
        });
    }

    @Test
    void anAnalystNamedInPinyinIsTheOneTheReportsNameInChinese() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            JsonNode ma = client.post("/api/ask", "{\"question\": \"Ma Xiao SAC cert no.?\"}")
                    .json();
            assertFalse(ma.get("abstained").asBoolean(), ma.toString());
            assertTrue(ma.get("answer").asText().contains("马笑 执业证书编号 S0120522100002[1]"), ma.toString());
            assertEquals("马笑 SAC cert no.?", ma.get("query").asText(), ma.toString());

            // The research assistant is named but prints no certificate: said so, not another's number.
            JsonNode wang = client.post("/api/ask", "{\"question\": \"What's Wang Meiqing's SAC number?\"}")
                    .json();
            assertTrue(wang.get("abstained").asBoolean(), wang.toString());
            assertEquals(
                    "the report prints no 执业证书编号 (certificate)",
                    wang.get("abstainReason").asText());
        });
    }

    @Test
    void headerFieldsAskedInAnalystsEnglishAreTheFieldsNotTheWordsTheyShare() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            // "industry call" is the rating, not the industry.
            String call = client.post(
                            "/api/ask",
                            "{\"question\": \"What industry call did Huajin make on media in the Sora flash note?\"}")
                    .json()
                    .get("answer")
                    .asText();
            assertTrue(call.contains("评级 领先大市-A维持[1]"), call);
            String assisted = client.post(
                            "/api/ask",
                            "{\"question\": \"Who assisted on the research for Tebon's media report on Sora?\"}")
                    .json()
                    .get("answer")
                    .asText();
            assertTrue(assisted.contains("研究助理 王梅卿[1]"), assisted);
            String day = client.post(
                            "/api/ask",
                            "{\"question\": \"On which day was the Shanghai Securities media weekly for the 11–17"
                                    + " March 2024 week put out?\"}")
                    .json()
                    .get("answer")
                    .asText();
            assertTrue(day.contains("日期 2024-03-19[1]"), day);
        });
    }

    @Test
    void aFollowUpAboutThePersonAnAnswerNamedIsNotAboutTheThingsItsQuestionNamed() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            String history = "\"history\": [{\"role\": \"user\", \"content\": \"德邦计算机那篇Sora报告的分析师是谁？\"},"
                    + " {\"role\": \"assistant\", \"content\": \"- 德邦证券 · ≥ 2024-01-30：分析师 钱劲宇[1]。\"}]";
            JsonNode a = client.post("/api/ask", "{\"question\": \"他是哪个学校毕业的\", " + history + "}")
                    .json();
            // Sora named the report; the question is about 钱劲宇, whose biography never says Sora.
            assertFalse(a.get("abstained").asBoolean(), a.toString());
            assertTrue(a.get("answer").asText().contains("哥伦比亚硕士"), a.toString());
        });
    }

    @Test
    void anAnalystsCertificationIsASourceOfWhoWroteAReportButNeverQuotedForAnythingElse() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            JsonNode who = client.post("/api/ask", "{\"question\": \"华金那篇传媒快报的分析师是谁？\"}")
                    .json();
            assertTrue(who.get("answer").asText().contains("倪爽"), who.toString());
            JsonNode certification = null;
            for (JsonNode s : who.get("sources")) {
                if (s.get("passage").asText().contains("倪爽声明")) {
                    certification = s;
                }
            }
            assertTrue(certification != null && certification.get("backMatter").asBoolean(), who.toString());
            // A follow-up still about that analyst's report, asking for something else: the
            // certification may be searched, but a quote comes from the body or not at all.
            String history =
                    "\"history\": [{\"role\": \"user\", \"content\": \"Who is the analyst on the Huajin media flash"
                            + " report?\"},"
                            + " {\"role\": \"assistant\", \"content\": \"倪爽[1]\"}]";
            JsonNode other = client.post(
                            "/api/ask",
                            "{\"question\": \"Which stock is named as the top pick (首选股票) in its header?\", " + history
                                    + "}")
                    .json();
            String answer = other.get("answer").asText();
            boolean searched = false;
            for (JsonNode s : other.get("sources")) {
                searched |= s.get("backMatter").asBoolean()
                        && s.get("passage").asText().contains("倪爽声明");
            }
            assertTrue(searched, "the certification is among the sources: " + other);
            assertFalse(answer.contains("声明") || answer.contains("执业资格"), answer);
        });
    }

    @Test
    void anAnalystsProfileAnswersQuestionsAboutTheAnalystNotAboutTheReportsTopic() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            // The profile (钱劲宇：德邦证券计算机行业首席分析师…) shares the question's broker and industry words.
            JsonNode topic = client.post("/api/ask", "{\"question\": \"德邦证券计算机团队建议关注哪些算力公司？\"}")
                    .json();
            String answer = topic.get("answer").asText();
            assertTrue(answer.contains("海光信息"), answer);
            assertFalse(answer.contains("哥伦比亚硕士") || answer.contains("分析师与研究助理简介"), answer);
            JsonNode person = client.post("/api/ask", "{\"question\": \"德邦计算机的首席分析师之前在哪些券商工作过？\"}")
                    .json();
            assertTrue(person.get("answer").asText().contains("华福证券"), person.toString());
        });
    }
}
