package reportqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.SeedLibrary;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.text.TextMatch;

/** A question asking for a header field gets the passage the field was read from first. */
class HeaderFieldLiftTest {

    private final ReportLibrary lib = SeedLibrary.get();

    private List<Passage> search(String q, int headerReports) throws Exception {
        Retriever r = new Retriever(
                lib.backend(),
                BrokerRegistry.standard(),
                QueryExpansion.standard(),
                new FurnitureDemotion(FurnitureDemotion.DEFAULT_WEIGHT),
                new HeaderFieldLift(HeaderQuestions.standard(), headerReports));
        return r.search(SearchRequest.question(q, 5, SearchMode.HYBRID, SearchFilters.NONE))
                .passages();
    }

    @Test
    void aRatingQuestionGetsTheRatingLineFirstWhereWithoutTheStageItIsNot() throws Exception {
        String q = "华金证券这份传媒快报给出的行业投资评级是什么？";
        String rating = "投资评级 **领先大市-A维持**";
        assertFalse(TextMatch.contains(search(q, 0).get(0).text(), rating), "without the stage the header ranks first");
        List<Passage> on = search(q, HeaderFieldLift.DEFAULT_REPORTS);
        assertTrue(TextMatch.contains(on.get(0).text(), rating), () -> "on: " + on);
        assertEquals("001_e256dbcac6dad0ec", on.get(0).reportId());
        assertEquals(5, on.size());
        for (int i = 0; i < on.size(); i++) {
            assertEquals(i + 1, on.get(i).rank());
            assertTrue(i == 0 || on.get(i - 1).score() >= on.get(i).score());
        }
        assertEquals(on.size(), on.stream().map(Passage::passageId).distinct().count(), "no passage twice");
    }

    @Test
    void anEnglishQuestionForTheAuthorGetsTheAnalystsPassageOfTheReportItIsAbout() throws Exception {
        String q = "Who wrote Tebon Securities' computer-sector report on Sora?";
        // The topic decides the order of the reports (here the media report first): each of the best
        // reports gets its analysts' passage above its other passages.
        assertTrue(search(q, 0).stream().noneMatch(p -> p.text().contains("钱劲宇")));
        List<Passage> on = search(q, 3);
        assertTrue(
                on.stream()
                        .anyMatch(p -> p.reportId().equals("004_5d62042c63f084b6")
                                && p.text().contains("钱劲宇")),
                () -> "on: " + on);
    }

    @Test
    void aQuestionForTheAnalystGetsTheirProfileJustBelowTheLineNamingThem() throws Exception {
        List<Passage> on = search("德邦传媒那篇报告的分析师是谁？", HeaderFieldLift.DEFAULT_REPORTS);
        assertTrue(TextMatch.contains(on.get(0).text(), "证券分析师 马笑"), () -> "on: " + on);
        assertTrue(on.get(1).text().contains("马笑，华中科技大学硕士"), () -> "on: " + on);
        assertEquals("002_bcc5796c86ba42b6", on.get(1).reportId());
    }

    @Test
    void onlyAPersonFieldBringsMorePassagesAndBackMatterOnlyAnAnalystsCertification() throws Exception {
        ReportMetadata m = new ReportMetadata(
                "华金证券", "快报", ReportDate.UNKNOWN, List.of("倪爽"), List.of("王梅卿"), "传媒", "领先大市", "", Map.of());
        Passage content = new Passage("r#0", "r", "Sora 正文", "", false, 0, 7, 2.0, 1, m);
        Passage header = new Passage("r#1", "r", "投资评级 领先大市 分析师 倪爽 研究助理 王梅卿", "", false, 8, 30, 0, 0, m);
        Passage profile = new Passage("r#2", "r", "倪爽，硕士，传媒分析师。王梅卿，硕士", "", false, 31, 50, 0, 0, m);
        Passage statement = new Passage("r#9", "r", "倪爽声明，本人具有执业资格", "", true, 90, 103, 0, 0, m);
        Passage contact = new Passage("r#8", "r", "王梅卿 邮箱：wmq@huajinsec.cn", "", true, 80, 89, 0, 0, m);
        SearchBackend backend = new OnePassageList(List.of(content, header, profile, contact, statement));
        HeaderFieldLift lift = new HeaderFieldLift(HeaderQuestions.standard(), 1);
        // The certification says who wrote the report, though it stands in the back matter.
        assertEquals(
                List.of("r#1", "r#2", "r#9", "r#0"),
                ids(lift.apply("华金快报的分析师是谁", List.of(content), SearchFilters.NONE, backend, 5)));
        // An assistant's other back-matter lines come only when the search has the back matter.
        assertEquals(
                List.of("r#1", "r#2", "r#0"),
                ids(lift.apply("华金快报的研究助理是谁", List.of(content), SearchFilters.NONE, backend, 5)));
        assertEquals(
                List.of("r#1", "r#2", "r#8", "r#0"),
                ids(lift.apply("华金快报的研究助理是谁", List.of(content), SearchFilters.NONE.withBoilerplate(), backend, 5)));
        assertEquals(
                List.of("r#1", "r#0"), ids(lift.apply("华金快报的评级是什么", List.of(content), SearchFilters.NONE, backend, 5)));
    }

    private static List<String> ids(List<Passage> passages) {
        return passages.stream().map(Passage::passageId).toList();
    }

    @Test
    void aReportsNameIsItsTitle() {
        HeaderQuestions h = HeaderQuestions.standard();
        for (String q : List.of("华金那篇传媒快报叫什么名字", "德邦计算机这篇报告的名称是？", "What was the Huajin flash note called?")) {
            assertEquals("title", h.asked(q).map(HeaderQuestions.Field::key).orElse(""), q);
        }
        assertEquals(
                "analysts",
                h.asked("华金那篇快报的分析师叫什么名字").map(HeaderQuestions.Field::key).orElse(""));
        assertTrue(h.asked("七火山的模型叫什么名字").isEmpty(), "a model's name is no report's title");
        assertTrue(
                h.asked("What is the model in the report called?").isEmpty(), "a thing in a report is not its title");
    }

    @Test
    void questionsNotAskingForAHeaderFieldAreLeftAsTheyWere() throws Exception {
        for (String q : List.of("Sora 能生成多长的视频？", "华金证券的评级标准是什么？", "德邦证券建议关注哪些公司？")) {
            assertEquals(search(q, 0), search(q, 3), q);
        }
    }

    @Test
    void backMatterIsNotLiftedIntoASearchThatLeavesItOut() throws Exception {
        ReportMetadata m =
                new ReportMetadata("华金证券", "快报", ReportDate.UNKNOWN, List.of("倪爽"), List.of(), "传媒", "", "", Map.of());
        Passage content = new Passage("r#0", "r", "Sora 正文", "", false, 0, 7, 2.0, 1, m);
        Passage statement = new Passage("r#9", "r", "倪爽声明，本人具有执业资格", "", true, 90, 103, 0, 0, m);
        SearchBackend backend = new OnePassageList(List.of(content, statement));
        HeaderFieldLift lift = new HeaderFieldLift(HeaderQuestions.standard(), 1);
        List<Passage> left = lift.apply("华金快报的分析师是谁", List.of(content), SearchFilters.NONE, backend, 5);
        assertEquals(List.of("r#0"), left.stream().map(Passage::passageId).toList());
        SearchFilters withBackMatter = SearchFilters.NONE.withBoilerplate();
        List<Passage> lifted = lift.apply("华金快报的分析师是谁", List.of(content), withBackMatter, backend, 5);
        assertEquals(
                List.of("r#9", "r#0"), lifted.stream().map(Passage::passageId).toList());
        assertEquals(2.0, lifted.get(0).score(), 1e-9, "the lifted passage takes its report's best score");
        assertFalse(lift.apply("华金快报的分析师是谁", List.of(content), withBackMatter, backend, 1)
                .isEmpty());
    }

    @Test
    void aNegativeNumberOfReportsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HeaderFieldLift(HeaderQuestions.standard(), -1));
    }

    /** A backend whose one report has the given passages. */
    private record OnePassageList(List<Passage> all) implements SearchBackend {
        @Override
        public List<Passage> search(String text, SearchMode mode, SearchFilters filters, int k) {
            return all.subList(0, Math.min(k, all.size()));
        }

        @Override
        public Map<String, ReportCard> reports() {
            return Map.of();
        }

        @Override
        public Optional<Report> report(String id) {
            return Optional.empty();
        }

        @Override
        public List<Passage> passages(String reportId) {
            return all;
        }

        @Override
        public int passageCount() {
            return all.size();
        }
    }

    @Test
    void authoredAsksForTheAnalysts() {
        for (String q :
                List.of("Who authored Shanghai Securities' media weekly?", "Which weekly was written by Chen Min?")) {
            assertEquals(
                    "analysts",
                    HeaderQuestions.standard()
                            .asked(q)
                            .map(HeaderQuestions.Field::key)
                            .orElse(""),
                    q);
        }
    }

    @Test
    void aPublishDateAsksForTheReportsDateButAReleaseDateDoesNot() {
        HeaderQuestions header = HeaderQuestions.standard();
        for (String q :
                List.of("shanghai securities weekly 20240318-20240324 publish date", "Tebon note publication date")) {
            assertEquals("date", header.asked(q).map(HeaderQuestions.Field::key).orElse(""), q);
        }
        // A release date is a product's (Sora's), not the report's.
        assertEquals(
                Optional.empty(), header.asked("Tebon note: Sora release date").filter(f -> f.key()
                        .equals("date")));
    }

    @Test
    void aBrokerageSomeoneWorkedAtBeforeIsNoReportsBroker() {
        HeaderQuestions header = HeaderQuestions.standard();
        for (String q : List.of(
                "Which brokerage published the Sora weekly?",
                "Which broker published the Sora weekly before March 25?")) {
            assertEquals(
                    "broker", header.asked(q).map(HeaderQuestions.Field::key).orElse(""), q);
        }
        for (String q : List.of(
                "Ma Xiao previously led the TMT group at which brokerage?",
                "Which brokerage did Qian Jinyu work at before joining Tebon?")) {
            assertEquals(Optional.empty(), header.asked(q).filter(f -> f.key().equals("broker")), q);
        }
    }

    @Test
    void aSectorABrokerRecommendsIsContentNotTheReportsIndustry() {
        HeaderQuestions header = HeaderQuestions.standard();
        assertEquals(
                "industry",
                header.asked("Which sector does the Shanghai Securities weekly cover?")
                        .map(HeaderQuestions.Field::key)
                        .orElse(""));
        String recommended = "Which sector does Shanghai Securities keep recommending for its fundamental advantages?";
        assertEquals(
                Optional.empty(), header.asked(recommended).filter(f -> f.key().equals("industry")));
    }
}
