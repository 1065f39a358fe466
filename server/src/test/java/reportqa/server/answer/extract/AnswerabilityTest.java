package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.search.Unmatched;

/** The checks that make an extractive answer abstain, input by input. */
class AnswerabilityTest {

    private static final String PASSAGES = "OpenAI 发布了 Sora。Sora 可以生成长达一分钟的视频。昆仑万维发布了天工大模型。相关报告：《传媒行业周报》，2024.2.18";

    private static Optional<String> check(String question) {
        return Answerability.check(question, List.of(), new PassageText(PASSAGES));
    }

    @Test
    void thePassagesAreLowerCasedOnceAnAnswer() {
        PassageText text = new PassageText("Sora 与 KIMI，Open-Sora");
        assertEquals("Sora 与 KIMI，Open-Sora", text.text());
        assertEquals("sora 与 kimi，open-sora", text.lowerCase());
        assertSame(text.lowerCase(), text.lowerCase(), "made once, then kept");
    }

    @Test
    void aViewOfATopicThePassagesNeverMentionIsNotInThem() {
        assertTopicMissing("百度文心一言", "这些报告怎么看百度文心一言的商业化进展？");
        assertTopicMissing("快手可灵视频模型", "报告对快手可灵视频模型怎么评价？");
        assertTopicMissing("美联储降息", "德邦怎么看美联储降息对传媒板块的影响？");
        assertTopicMissing("Google Gemini 1.5", "What does Huajin say about Google's Gemini 1.5?");
        assertTopicMissing("美国芯片出口管制", "报告有没有分析美国芯片出口管制对算力股的影响？");
        assertTopicMissing("腾讯游戏业务明年", "报告对腾讯游戏业务明年的收入怎么预测？");
        // A topic they mention, in whole or by most of its words, or in a glossary's Chinese.
        assertEquals(Optional.empty(), Answerability.topicMissing("各家券商对 Sora 的看法？", new PassageText(PASSAGES)));
        assertEquals(Optional.empty(), Answerability.topicMissing("德邦怎么看天工大模型的发布？", new PassageText(PASSAGES)));
        assertEquals(
                Optional.empty(),
                Answerability.topicMissing("What does Huajin think about Nvidia?", new PassageText("英伟达的算力")));
        // A topic that is only a broker, a pronoun or a general word, or plain English words, is none.
        assertEquals(Optional.empty(), Answerability.topicMissing("对德邦证券的观点怎么看？", new PassageText(PASSAGES)));
        assertEquals(Optional.empty(), Answerability.topicMissing("报告怎么看它的前景？", new PassageText(PASSAGES)));
        assertEquals(
                Optional.empty(), Answerability.topicMissing("报告有没有提到这家公司？", new PassageText(PASSAGES)), "refers back");
        assertEquals(Optional.empty(), Answerability.topicMissing("德邦怎么看该模型的商业化？", new PassageText(PASSAGES)));
        assertEquals(
                Optional.empty(),
                Answerability.topicMissing(
                        "What does Tebon say about short video platforms?", new PassageText(PASSAGES)));
        assertEquals(
                Optional.empty(),
                Answerability.topicMissing("Sora 能生成多长的视频？", new PassageText(PASSAGES)),
                "asks no view");
    }

    private static void assertTopicMissing(String topic, String question) {
        assertEquals(
                Optional.of("the passages never mention " + topic),
                Answerability.topicMissing(question, new PassageText(PASSAGES)));
    }

    @Test
    void anEverydayRequestThatNamesNothingOfTheLibraryIsNoQuestionForIt() {
        assertEquals(
                Optional.of("the question asks about the weather, which broker research does not cover"),
                Answerability.outOfScope(
                        "What's the weather forecast for Shanghai this weekend?", new PassageText(PASSAGES)));
        assertEquals(
                Optional.of("the question asks about food and restaurants, which broker research does not cover"),
                Answerability.outOfScope("帮我推荐一家北京适合商务宴请的餐厅", new PassageText(PASSAGES)));
        assertTrue(Answerability.outOfScope("can you write me a poem about spring instead?", new PassageText(PASSAGES))
                .isPresent());
        assertTrue(Answerability.outOfScope("how do i factory reset my iphone", new PassageText(PASSAGES))
                .isPresent());
        assertTrue(Answerability.outOfScope("北京到上海坐高铁要多长时间？", new PassageText(PASSAGES))
                .isPresent());
        assertTrue(Answerability.outOfScope("2024年高考全国卷作文题目是什么？", new PassageText(PASSAGES))
                .isPresent());
        // A report word, a broker or a name the passages write ties it to the library; a follow-up's
        // request is read from its own words, and what ties it from the question it carried over.
        assertEquals(
                Optional.empty(),
                Answerability.outOfScope("那他们对订酒店怎么看？", "那他们对订酒店怎么看？ 德邦怎么看传媒板块", new PassageText(PASSAGES)));
        assertTrue(Answerability.outOfScope("那订酒店呢？", "那订酒店呢？ 明天上海天气", new PassageText(PASSAGES))
                .isPresent());
        // One that points back to nothing is not tied to the library by the report it carried over.
        assertTrue(Answerability.outOfScope("那明天北京会下雨吗？", "那明天北京会下雨吗？ 传媒报告提到的 LTX Studio 上线", new PassageText(PASSAGES))
                .isPresent());
        // 这周末, 应该 and the "it" of the weather point back to nothing.
        assertTrue(Answerability.outOfScope("那这周末上海天气怎么样？", "那这周末上海天气怎么样？ 传媒报告 上线", new PassageText(PASSAGES))
                .isPresent());
        assertTrue(Answerability.outOfScope(
                        "Will it rain in Beijing tomorrow?",
                        "Will it rain in Beijing tomorrow? 传媒报告 上线",
                        new PassageText(PASSAGES))
                .isPresent());
        assertEquals(Optional.empty(), Answerability.outOfScope("德邦怎么看酒店板块？", new PassageText(PASSAGES)));
        assertEquals(Optional.empty(), Answerability.outOfScope("华金证券的天气指数怎么算？", new PassageText(PASSAGES)));
        assertEquals(
                Optional.empty(),
                Answerability.outOfScope("Can Sora show rain falling realistically?", new PassageText(PASSAGES)));
        // A word with a sense in technology is no everyday request.
        assertEquals(
                Optional.empty(),
                Answerability.outOfScope(
                        "What are the phases of Open-Sora's training recipe?", new PassageText(PASSAGES)));
        assertEquals(Optional.empty(), Answerability.outOfScope("Sora 能生成多长的视频？", new PassageText(PASSAGES)));
        // A library that writes about it covers it (CMRC 2018's encyclopedia pages).
        assertEquals(Optional.empty(), Answerability.outOfScope("2010年世界杯在哪个国家举办？", new PassageText("2010年世界杯在南非举办。")));
    }

    @Test
    void aFollowUpsCarriedOverEnglishQuestionIsReadAsEnglish() {
        String carried = "它在模型里插入了什么结构？ What s the name of the video model shown at the Seven Volcanoes event";
        assertEquals(List.of(), Answerability.namesBySentence(carried));
        assertEquals(
                Optional.empty(), Answerability.check(carried, "它在模型里插入了什么结构？", List.of(), new PassageText(PASSAGES)));
        assertEquals(List.of("Etna"), Answerability.namesBySentence("Etna 有多长？ what model was shown"));
    }

    @Test
    void aBrokerTheLibraryLacksMakesItAbstain() {
        assertEquals(
                Optional.of("no reports from 中信证券 in the library"),
                Answerability.check(
                        "中信证券怎么看 Sora？", List.of(new Unmatched("reports from 中信证券", null)), new PassageText(PASSAGES)));
    }

    @Test
    void aBrokerThePassagesWriteAboutAsACompanyDoesNotMakeItAbstain() {
        String bank = "法国巴黎银行总部大楼由建筑师设计，1990 年落成。";
        Unmatched bnp = Unmatched.absentBroker("法国巴黎银行");
        // CMRC 2018: a question about the bank itself, which the passages write about.
        assertEquals(Optional.empty(), Answerability.check("法国巴黎银行总部由谁设计？", List.of(bnp), new PassageText(bank)));
        // Its views or ratings are what only its reports give, whatever the passages say of it.
        assertEquals(
                Optional.of("no reports from 法国巴黎银行 in the library"),
                Answerability.check("法国巴黎银行怎么看 AI 视频？", List.of(bnp), new PassageText(bank)));
        assertEquals(
                Optional.of("no reports from 法国巴黎银行 in the library"),
                Answerability.check("法国巴黎银行给传媒行业什么评级？", List.of(bnp), new PassageText(bank)));
        // Whom it has cover a topic is its reports' work too, asked in English or Chinese.
        String former = "钱劲宇曾就职于华福证券、国泰君安，对 AI 有深度的研究。";
        Unmatched guotai = Unmatched.absentBroker("国泰君安");
        assertEquals(
                Optional.of(guotai.reason()),
                Answerability.check(
                        "Who is the Guotai Junan analyst covering Sora and AI video?",
                        List.of(guotai),
                        new PassageText(former)));
        assertEquals(
                Optional.of(guotai.reason()),
                Answerability.check("国泰君安覆盖 AI 视频的分析师是谁？", List.of(guotai), new PassageText(former)));
        assertEquals(
                Optional.empty(),
                Answerability.check("哪位分析师曾在国泰君安工作？", List.of(guotai), new PassageText(former)),
                "the person's past");
        // A broker the passages name without its 证券, as an award (东方财富百佳分析师), not two characters of it.
        String award = "2018年东方财富百佳分析师传媒团队第一名；2020年wind金牌分析师。";
        Unmatched eastmoney = Unmatched.absentBroker("东方财富证券");
        assertEquals(
                Optional.empty(),
                Answerability.check(
                        "What ranking did Ma Xiao's team get in the 2018 Eastmoney awards?",
                        List.of(eastmoney),
                        new PassageText(award)));
        assertEquals(
                Optional.of(eastmoney.reason()),
                Answerability.check("东方财富证券怎么看 AI 视频？", List.of(eastmoney), new PassageText(award)),
                "its views are its reports' work");
        Unmatched citic = Unmatched.absentBroker("中信证券");
        assertEquals(
                Optional.of(citic.reason()),
                Answerability.check("中信证券的地址在哪？", List.of(citic), new PassageText("关注【中信出版】等公司。")),
                "中信 of 中信出版 is not the broker");
        // Passages that never name it cannot answer about it.
        assertEquals(
                Optional.of("no reports from 法国巴黎银行 in the library"),
                Answerability.check("法国巴黎银行总部由谁设计？", List.of(bnp), new PassageText(PASSAGES)));
        // A broker the request's filter leaves out stays out.
        Unmatched filtered = new Unmatched("reports from 法国巴黎银行", null, "broker 上海证券", "法国巴黎银行");
        assertEquals(
                Optional.of(filtered.reason()),
                Answerability.check("法国巴黎银行总部由谁设计？", List.of(filtered), new PassageText(bank)));
    }

    @Test
    void aPlainEnglishWordWithANumberMayBeWrittenInChinese() {
        String remake = "3 月 6 日，《终结者 2》翻拍作品《我们的终结者 2 重制版 (Our T2 Remake)》首映。Claude-100k 支持约 8 万字。";
        String q = "How big was the crew of AI artists who remade Terminator 2?";
        assertEquals(List.of("Terminator 2"), Answerability.versionedNames(q));
        assertEquals(
                List.of(), Answerability.versionsToFind(Answerability.versionedNames(q), q, new PassageText(remake)));
        // A name the passages write in Latin letters keeps its version: Claude 3 is not Claude-100k.
        String claude = "How long a context does Claude 3 support?";
        assertEquals(
                List.of("Claude 3"),
                Answerability.versionsToFind(Answerability.versionedNames(claude), claude, new PassageText(remake)));
        // In a Chinese question a Latin word is a name as written.
        String zh = "Terminator 2 的翻拍团队有多少人？";
        assertEquals(
                List.of("Terminator 2"),
                Answerability.versionsToFind(Answerability.versionedNames(zh), zh, new PassageText(remake)));
        // A dotted version is a product's, written in Latin letters in Chinese text too.
        String gemini = "How many characters of context does Google Gemini 1.5 support?";
        assertEquals(
                List.of("Gemini 1.5"),
                Answerability.versionsToFind(Answerability.versionedNames(gemini), gemini, new PassageText(remake)));
        assertEquals(
                Optional.of("the passages never mention Gemini 1.5"),
                Answerability.versionMissing(List.of("Gemini 1.5"), remake));
    }

    @Test
    void aNameMisspeltByOneLetterIsTheOneThePassagesWrite() {
        String kimi = "Kimi 主要有长文总结和生成、联网搜索 6 项功能。Gen-2、Pika 等模型密集发布。";
        assertEquals(Optional.of("Kimi"), Answerability.misspelt("Kimmi", kimi));
        assertEquals(Optional.of("Kimi"), Answerability.misspelt("Kmii", kimi), "two letters swapped");
        assertEquals(Optional.empty(), Answerability.check("Kimmi 都有哪些功能", List.of(), new PassageText(kimi)));
        assertEquals(Optional.empty(), Answerability.misspelt("Gen-3", kimi), "a version is no misspelling");
        assertEquals(Optional.empty(), Answerability.misspelt("Mimi", kimi), "the first letter must be right");
        assertEquals(Optional.empty(), Answerability.misspelt("Pi", kimi), "too short to tell");
        assertEquals(
                Optional.of("the passages never mention Kimono"),
                Answerability.check("Kimono 有哪些功能", List.of(), new PassageText(kimi)));
    }

    @Test
    void anEnglishAbbreviationForAWordIsFoundByItsChinese() {
        String film = "后续一致性、可控性的提升或是 AI 在影视领域技术优化迭代的关键。";
        assertEquals(
                Optional.empty(),
                Answerability.check(
                        "What does Tebon see as the key to further iteration of AI in film and TV?",
                        List.of(),
                        new PassageText(film)));
        assertEquals(
                Optional.of("the passages never mention TV"),
                Answerability.check(
                        "Which TV series did Tebon cover?", List.of(), new PassageText("Sora 可以生成一分钟的视频。")));
    }

    @Test
    void aDayOfAnEventNoPassageGivesMakesItAbstain() {
        String kimi = "3 月 18 日，月之暗面宣布 Kimi 智能助手启动 200 万字无损上下文内测。2024年3月17日，Open-Sora 开源。";
        assertEquals(
                Optional.of("the passages never mention 3 月 28 日"),
                Answerability.dayMissing("Kimi 3 月 28 日启动的内测支持多少万字上下文？", false, kimi));
        assertEquals(
                Optional.of("the passages never mention March 28"),
                Answerability.dayMissing("How long a context did Kimi's March 28 beta take?", false, kimi));
        assertEquals(Optional.empty(), Answerability.dayMissing("Kimi 3月18号启动的内测支持多少字？", false, kimi));
        assertEquals(
                Optional.empty(),
                Answerability.dayMissing("Does Open-Sora train 64 frames at 1/2 the cost?", false, kimi),
                "a fraction is no day");
        assertEquals(
                Optional.empty(),
                Answerability.dayMissing("3月1日至3月31日期间 Kimi 有哪些升级？", false, kimi),
                "the bounds of a period");
        assertEquals(Optional.empty(), Answerability.dayMissing("自3月1日起 Kimi 有哪些升级？", false, kimi));
        assertEquals(Optional.empty(), Answerability.dayMissing("What did Kimi add since March 1?", false, kimi));
        assertEquals(
                Optional.empty(), Answerability.dayMissing("Open-Sora 是 3 月 17 日开源的吗", false, kimi), "with its year");
        assertEquals(
                Optional.empty(),
                Answerability.dayMissing("杜老志是1861年10月12日官学生计划的第几批学生？", false, "他是1861年10月12日「官学生计划」的第一批官学生"),
                "a year of another century");
        assertEquals(
                Optional.empty(),
                Answerability.dayMissing("3 月 25 日的周报讲了什么", true, kimi),
                "a report's date is in its header, not the passages");
    }

    @Test
    void aReportDateNothingMatchesMakesItAbstainUnlessAPassageGivesThatDate() {
        Unmatched april = new Unmatched("reports dated 2024-04-01", LocalDate.of(2024, 4, 1));
        assertEquals(
                Optional.of("no reports dated 2024-04-01 in the library"),
                Answerability.check("4 月 1 日的周报说了什么？", List.of(april), new PassageText(PASSAGES)));
        Unmatched related = new Unmatched("reports dated 2024-02-18", LocalDate.of(2024, 2, 18));
        assertEquals(
                Optional.empty(), Answerability.check("2 月 18 日的周报说了什么？", List.of(related), new PassageText(PASSAGES)));
    }

    @Test
    void aRoleThePassagesNeverNameMakesItAbstain() {
        assertEquals(Optional.of("the passages never mention a 创始人 (founder)"), check("月之暗面的创始人叫什么名字"));
        assertEquals(Optional.of("the passages never mention a 导演 (director)"), check("Who directed 千秋诗颂?"));
        assertEquals(
                Optional.empty(),
                Answerability.check("月之暗面的创始人是谁？", List.of(), new PassageText("月之暗面创始人杨植麟毕业于清华大学。")),
                "a role the passages name is left to the answer");
    }

    @Test
    void aNameThePassagesNeverMentionMakesItAbstain() {
        assertEquals(Optional.of("the passages never mention Midjourney"), check("Midjourney 能生成视频吗？"));
        assertEquals(Optional.empty(), check("Sora 能生成多长的视频？"));
    }

    @Test
    void namesInEnglishQuestionsKeepOnlyAcronymsAndInnerCapitals() {
        assertEquals(List.of("Sora", "OpenAI"), Answerability.names("Sora 是 OpenAI 的模型吗？"));
        // "Nvidia" is written 英伟达 in the reports: a plain capitalised word is not required.
        assertEquals(List.of("GPUs", "OpenAI"), Answerability.names("How many GPUs does OpenAI use for Nvidia chips?"));
        // An English word hyphenated to a name is not part of it; a name's own parts are.
        assertEquals(
                List.of("NVIDIA", "UE5"),
                Answerability.names("Which NVIDIA scientist said Sora may have used UE5-generated data?"));
        assertEquals(List.of("GPT-4-32k", "Claude-100k"), Answerability.names("Is GPT-4-32k longer than Claude-100k?"));
        assertEquals(
                List.of("Huajin", "Shanghai"),
                Answerability.names("Huajin Securities Shanghai office address?"),
                "the word a broker's English name ends in names nothing");
        assertEquals(
                List.of("Securities"),
                Answerability.names("asset-backed Securities 的发行规模是多少？"),
                "only after a name is it a broker's");
        assertEquals(
                List.of("Shanghai"),
                Answerability.names(" Securities Shanghai office address?"),
                "the search took the broker's name out, as its filter holds it");
        assertEquals(
                Optional.empty(),
                Answerability.check(
                        "Huajin Securities Shanghai office address?",
                        List.of(),
                        new PassageText("上海市浦东新区杨高南路 759 号陆家嘴世纪金融广场 30 层")),
                "a city's English name is found by its Chinese");
        // An industry named in English picks reports; it is no name a passage must write (IT is 计算机).
        assertEquals(List.of(), Answerability.names("List the compute names Tebon's IT team flags in its Sora note."));
        assertEquals(List.of("IT"), Answerability.names("How much do IT budgets grow?"));
    }

    @Test
    void aNameIsFoundHoweverItIsHyphenatedAndAConjunctionStartingAFollowUpIsNoName() {
        String passages = "2024 年 3 月 17 日，Colossal-AI 团队全面开源全球首个类 Sora 架构视频生成模型 Open-Sora 1.0。";
        assertEquals(Optional.empty(), Answerability.check("OpenSora开源日期", List.of(), new PassageText(passages)));
        assertEquals(
                Optional.of("the passages never mention Kimi"),
                Answerability.check("Kimi开源日期", List.of(), new PassageText(passages)));
        assertEquals(List.of(), Answerability.names("And 掌阅科技?"));
        // The subject is then looked for as the passages write it.
        assertEquals(List.of("Open-Sora"), Answerability.names("OpenSora开源日期", passages));
    }

    @Test
    void aLatinNameWrittenAgainstChineseCharactersIsStillAName() {
        assertEquals(List.of("CEO"), Answerability.names("七火山科技的CEO叫什么名字？"));
        assertEquals(List.of("Sora"), Answerability.names("这篇Sora快报给了什么评级？"));
    }

    @Test
    void anEnglishQuestionsOneNameThePassagesWriteIsItsSubject() {
        String passages =
                "Etna 发布一段高清 4K 文生视频，实现了 60 FPS 的超高帧率。OpenAI 展示 Sora 后，Kimi Chat 支持 20 万字，" + "Claude-100k 约 8 万字。";
        // Left out as a plain capitalised word, then taken back: the passages write it.
        assertEquals(List.of(), Answerability.names("What frame rate does Sora output?"));
        assertEquals(List.of("Sora"), Answerability.names("What frame rate does Sora output?", passages));
        // A word the passages do not write may be translated there (Nvidia 英伟达): not required.
        assertEquals(List.of(), Answerability.names("What frame rate does Nvidia report?", passages));
        // Two names the passages write: parts of one name, or things compared.
        assertEquals(List.of(), Answerability.names("What was Kimi Chat's maximum input length?", passages));
        assertEquals(
                List.of("Claude-100k"),
                Answerability.names("How much text can Claude-100k take in, compared with Kimi?", passages));
    }

    @Test
    void aNameTypedInLowerCaseIsTheNameThePassagesWrite() {
        String passages = "2月16日 OpenAI 发布文生视频模型 Sora。Kimi 支持 20 万字。";
        assertEquals(List.of("Sora"), Answerability.names("sora几号官宣的", passages));
        assertEquals(List.of("Sora", "Kimi"), Answerability.names("sora和kimi谁先发布", passages));
        // Short words and words the passages never capitalise are no names.
        assertEquals(List.of(), Answerability.names("ai视频的app有哪些", passages));
        // Not in English, where a lower-case word is a word.
        assertEquals(List.of(), Answerability.names("when was sora announced?", passages));
    }

    @Test
    void aVersionTheQuestionWritesMustBeWrittenByThePassages() {
        assertEquals(List.of("Claude 3"), Answerability.versionedNames("Anthropic 的 Claude 3 模型支持多少字？"));
        assertEquals(List.of("Open-Sora 1.0"), Answerability.versionedNames("Open-Sora 1.0 用了多少数据？"));
        // Quantities and calendar dates are no versions.
        assertEquals(List.of(), Answerability.versionedNames("Sora 1 分钟的视频，Kimi 200 万字"));
        assertEquals(List.of(), Answerability.versionedNames("As of June 2022, what was the rate on March 6?"));
        assertEquals(
                Optional.of("the passages never mention Claude 3"),
                Answerability.versionMissing(
                        Answerability.versionedNames("Claude 3 支持多少字？"), "Claude-100k 模型支持约 8 万字。"));
        assertEquals(
                Optional.empty(),
                Answerability.versionMissing(Answerability.versionedNames("Claude 3 支持多少字？"), "Claude 3 模型发布。"));
    }

    @Test
    void latinWordsWithoutAnEnglishSentenceAroundThemAreNames() {
        // Typed as the user knows them, next to a Chinese question or as bare keywords: names to find.
        assertEquals(List.of("Pika", "Lip", "Sync"), Answerability.names("Pika Lip Sync 哪天发布的"));
        assertEquals(List.of("Sora", "FPS"), Answerability.names("Sora frame rate FPS"));
        assertFalse(Answerability.englishSentence("Sora frame rate FPS"));
        // In an English sentence a plain capitalised word may be a translated name (Nvidia 英伟达).
        assertTrue(Answerability.englishSentence("What frame rate does Sora reach?"));
        assertEquals(List.of(), Answerability.names("What frame rate does Sora reach?"));
    }

    @Test
    void aFollowUpThatNamesItsOwnSubjectNeedsOnlyThatMentioned() {
        String debugger = "3 月 12 日，OpenAI 开放了自己内部一直用于分析 Transformer 内部结构的工具 Transformer Debugger。";
        String standalone = "那3月19日那期里 Transformer Debugger 是谁开放的 上海证券 Kimi 开始内测 字 上下文";
        // Kimi came over from the question before: the follow-up asks about Transformer Debugger.
        assertEquals(
                Optional.empty(),
                Answerability.check(
                        standalone, "那3月19日那期里 Transformer Debugger 是谁开放的？", List.of(), new PassageText(debugger)));
        assertEquals(
                Optional.of("the passages never mention Kimi"),
                Answerability.check(standalone, List.of(), new PassageText(debugger)));
        // A follow-up that names nothing of its own ("那它是谁开放的？") still needs what it carried.
        assertEquals(
                Optional.of("the passages never mention Kimi"),
                Answerability.check("那它是谁开放的 Kimi 开始内测", "那它是谁开放的？", List.of(), new PassageText(debugger)));
    }
}
