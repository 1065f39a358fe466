package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a question asks for: the kind of value, and the attribute next to the question word. */
class AskedForTest {

    private static AskedFor.Type type(String q) {
        return AskedFor.of(q).type();
    }

    @Test
    void theKindOfAnswerComesFromTheQuestionWord() {
        assertEquals(AskedFor.Type.YEAR, type("这家公司成立于哪一年？"));
        // Colloquial question words read as their plain forms.
        assertEquals("研究助理叫什么？", AskedFor.plain("研究助理叫啥？"));
        assertEquals("怎么评级的", AskedFor.plain("咋评级的"));
        assertEquals(AskedFor.Type.YEAR, type("In what year was the company founded?"));
        assertEquals(AskedFor.Type.DATE, type("新版本什么时候上线？"));
        assertEquals(AskedFor.Type.MONEY, type("这款软件的售价是多少？"));
        assertEquals(AskedFor.Type.MONEY, type("How much does the service charge per month?"));
        assertEquals(AskedFor.Type.MONEY, type("How much did Moonshot raise in its last round?"));
        assertEquals(
                AskedFor.Type.COUNT,
                type("By how much did AI raise the production efficiency of Qianqiu Shisong?"),
                "by how much: the size of a change, not an amount of money");
        assertEquals(AskedFor.Type.CODE, type("它代码多少"), "a code asked with 多少 is no count");
        assertEquals(AskedFor.Type.CODE, type("视觉中国在华金报告里标的代码写的是多少"));
        assertEquals(AskedFor.Type.PERCENT, type("该业务收入占比是多少？"));
        assertEquals(AskedFor.Type.PERSON, type("这个项目的负责人是谁？"));
        assertEquals(AskedFor.Type.COUNT, type("团队有多少名工程师？"));
        assertEquals(AskedFor.Type.COUNT, type("How many users does it have?"));
        assertEquals(AskedFor.Type.RATING, type("该券商给行业什么评级？"));
        assertEquals(AskedFor.Type.LIST, type("报告推荐了哪些标的？"));
        assertEquals(AskedFor.Type.ANY, type("这个模型的原理是什么？"));
        assertEquals(AskedFor.Type.LANGUAGE, type("它支持哪些语言？"));
        assertEquals(AskedFor.Type.FORMAT, type("导出的文件格式是什么？"));
        assertEquals(AskedFor.Type.FORMAT, type("What video file format does Sora export its videos in?"));
        assertEquals(AskedFor.Type.FORMAT, type("Which format is the output?"));
        // A vertical or widescreen format is a frame's shape, not a file's.
        assertEquals(AskedFor.Type.ANY, type("And the vertical format?"));
        assertEquals(AskedFor.Type.CODE, type("这家公司的股票代码是多少？"));
        assertEquals(AskedFor.Type.PLACE, type("这家公司的总部在哪里？"));
        assertEquals(AskedFor.Type.PLACE, type("What is the office address of the firm?"));
        assertEquals(AskedFor.Type.EDUCATION, type("这位分析师是哪所大学毕业的？"));
        assertEquals(AskedFor.Type.CAREER, type("她加入之前在哪里工作？"));
        assertEquals(AskedFor.Type.AGE, type("How old is the analyst?"));
        assertEquals(AskedFor.Type.AGE, type("这位分析师今年多大年纪？"));
        assertEquals(AskedFor.Type.CAREER, type("倪爽之前在哪家券商干过"));
        assertEquals(AskedFor.Type.CAREER, type("Which firms did he work at before?"));
        assertEquals(AskedFor.Type.RATING, type("Is the company rated Buy or Overweight?"));
        // 哪几家 asks for a list of companies, not how many.
        assertEquals(AskedFor.Type.LIST, type("报告在游戏板块推荐了哪几家公司？"));
        // An e-mail address is contact, not a place.
        assertFalse(type("What is the analyst's email address?") == AskedFor.Type.PLACE);
    }

    @Test
    void aValueOfTheNewTypesLooksLikeOne() {
        assertTrue(AskedFor.of("视觉中国的股票代码是多少？").valueIn("视觉中国(000681.SZ)、昆仑万维(300418.SZ)"));
        assertFalse(AskedFor.of("视觉中国的股票代码是多少？").valueIn("视觉中国是图片版权平台。"));
        assertTrue(AskedFor.of("公司地址在哪里？").valueIn("地址：上海市浦东新区杨高南路 759 号"));
        assertFalse(AskedFor.of("公司总部在哪里？").valueIn("公司于 2023 年 10 月推出一款智能助手。"));
        assertTrue(AskedFor.of("他是哪所学校毕业的？").valueIn("马笑，华中科技大学硕士"));
        assertFalse(AskedFor.of("他是哪所学校毕业的？").valueIn("王梅卿，2022年加入德邦证券研究所传媒互联网组"));
        assertTrue(AskedFor.of("他之前在哪里工作？").valueIn("曾任新时代证券TMT组长"));
    }

    @Test
    void aQuestionWordOrALoneCharacterIsNoFocus() {
        // 是几月几号的事: 几号 asks again; the focus is not a second question word.
        assertEquals("", AskedFor.of("工具开放出来，是几月几号的事？").focus());
        // 所 of 所有, cut off by the particle 有, names nothing.
        assertFalse(AskedFor.of("什么时候向所有用户开放？").focus().equals("所"));
        // A day, then a time of day, before the event asked about.
        assertEquals("央视开播", AskedFor.of("动画片是哪天晚上在央视开播的？").focus());
        // A measure before an adjectival cue is the attribute; a plain noun is the subject.
        // Four characters before the question word would split a word (跃用户数, 下文长度): it is taken whole.
        assertEquals("活跃用户数", AskedFor.of("Kimi 目前的月活跃用户数是多少？").focus());
        assertEquals("上下文长度", AskedFor.of("Kimi 开启内测的无损上下文长度是多少？").focus());
        assertEquals("大会上亮相", AskedFor.of("Etna在七火山大会上亮相是几月几号？").focus());
        assertEquals("参数量", AskedFor.focus("参数量有多大？"));
        assertEquals("分辨率", AskedFor.focus("分辨率有多高？"));
        assertEquals("", AskedFor.focus("视频有多长？"));
    }

    @Test
    void aFocusIsFoundWithoutTheOneCharacterWordsItsRunTookIn() {
        // 大会上亮相: a text that writes 大会 and 亮相 but not 会上 or 上亮 still names it.
        AskedFor debut = AskedFor.of("Etna在七火山大会上亮相是几月几号？");
        assertEquals(List.of("大会", "亮相"), debut.focusParts());
        assertTrue(debut.focusIn("Etna 于 3 月 5 日的七火山大会首次亮相"));
        assertFalse(debut.focusIn("Etna 于 3 月 5 日首次亮相"));
        // A focus of longer words only is matched as before, by its character pairs.
        assertEquals(List.of(), AskedFor.of("Kimi 开启内测的无损上下文长度是多少？").focusParts());
        // A one-character word of the attribute itself is not left out: 用户 of 月活用户, where the
        // segmenter cuts 月活 into single characters, would be another attribute.
        AskedFor monthly = AskedFor.of("Kimi 目前的月活用户有多少？");
        assertEquals(List.of(), monthly.focusParts());
        assertFalse(monthly.focusIn("Kimi 的注册用户已超过 100 万"));
        // Loose words only, and the longer words most of the focus.
        assertEquals(List.of("岩画"), AskedFor.parts("组岩画"));
        assertEquals(List.of(), AskedFor.parts("各地区中约"), "one word among three loose ones");
        assertEquals(List.of(), AskedFor.parts("总市值"), "总 begins the attribute");
        assertEquals(List.of(), AskedFor.parts("上半年营收"), "上 of 上半年 is no locative");
    }

    @Test
    void anAttributeIsFoundUnderAnyWordOfItsClass() {
        assertEquals("发布发布", AskedFor.canonical("面世推出"));
        assertTrue(AskedFor.of("这款助手最早是什么时候面世的？").focusIn("于 2023 年 10 月推出的一款智能助手"));
        AskedFor longer = AskedFor.of("视频生成的时长拉长了多少倍？");
        assertTrue(longer.focusIn("Sora 将视频生成的时长一次性提升了 15 倍"));
        assertTrue(longer.valueNearFocus("Sora 将视频生成的时长一次性提升了 15 倍"));
        // A class stays narrow: opened to the public is not announced.
        assertFalse(AskedFor.of("什么时候向公众开放？").focusIn("2 月 16 日 OpenAI 发布文生视频模型 Sora"));
        // 官宣 is announced; open-sourced is opened (开放了自己内部一直用于分析…的工具).
        assertTrue(AskedFor.of("sora几号官宣的").focusIn("2月16日 OpenAI 发布文生视频模型 Sora"));
        assertTrue(AskedFor.of("TDB是哪天开源的").focusIn("3 月 12 日，OpenAI 开放了自己内部的工具"));
        assertFalse(AskedFor.of("TDB是哪天开源的").focusIn("3 月 12 日，OpenAI 发布了自己内部的工具"));
    }

    @Test
    void anEnglishQuestionNamingAMeasuredAttributeAsksForAQuantity() {
        // 帧率, 分辨率, 加速 end in a character of measure: "what frame rate" asks how much, like 多少.
        assertEquals(AskedFor.Type.COUNT, type("What frame rate does the Etna video model reach?"));
        assertEquals(AskedFor.Type.COUNT, type("What speed-up did the team report for training?"));
        assertEquals(AskedFor.Type.ANY, type("What license was the tool released under?"));
        AskedFor rate = AskedFor.of("What frame rate does the model reach?");
        assertTrue(rate.valueIn("实现了 60 FPS 的超高帧率") && rate.valueNearFocus("实现了 60 FPS 的超高帧率"));
        // Frames are not a frame rate.
        assertFalse(rate.focusIn("在处理 64 帧、512x512 分辨率视频的训练中"));
        // Years and users are measures in English too: a registration number is neither.
        assertFalse(AskedFor.of("How many years of research experience does he have?")
                .measuredIn("资格编号：S0120523090002"));
        assertTrue(AskedFor.of("How many years of research experience does he have?")
                .measuredIn("5年多二级研究经验"));
        assertFalse(AskedFor.of("How many users does Kimi have?").measuredIn("用户交互、翻译 6 项功能"));
    }

    @Test
    void aNumberTheQuestionStatesIsNoAnswer() {
        String q = "Etna 生成一段 15 秒的视频要花多长时间？";
        AskedFor time = AskedFor.of(q);
        assertFalse(time.valueBeyond(q, "视频长度达到了破纪录的 15 秒，并且实现了 60 FPS 的超高帧率"));
        // A day of the month is a date, not a duration.
        assertFalse(time.valueBeyond(q, "3 月 5 日，Etna 发布一段 15 秒的视频"));
        assertTrue(time.valueBeyond(q, "生成 15 秒的视频只需 2 分钟"));
        String g = "训练 64 帧、512x512 视频时，训练加速效果有多少？";
        assertTrue(AskedFor.of(g).valueBeyond(g, "在处理 64 帧、512x512 分辨率视频的训练中，实现了 1.55 倍的加速效果"));
        // Other types may repeat what the question names (the year of a date).
        String d = "2024 年 Open-Sora 是哪天开源的？";
        assertTrue(AskedFor.of(d).valueBeyond(d, "2024 年"));
        // A number the question writes in Chinese numerals is the same number in digits.
        String m = "Sora 生成一段一分钟的视频需要多长时间？";
        assertFalse(AskedFor.of(m).valueBeyond(m, "Sora 则支持最高 1 分钟的视频长度"));
        assertTrue(AskedFor.of(m).valueBeyond(m, "生成 1 分钟的视频需要 10 分钟"));
    }

    @Test
    void anEnglishQuantityIsOfItsAttributeWhenOneOfItsChineseWordsStandsNextToIt() {
        AskedFor users = AskedFor.of("How many users signed up for the public beta?");
        assertTrue(users.valueNearFocus("上线首月用户数突破 100 万"));
        assertFalse(users.valueNearFocus("AI 赋能后，制作效率提升 3 倍"));
    }

    @Test
    void whenJoiningTwoClausesDoesNotAskForADate() {
        assertEquals(
                AskedFor.Type.DATE,
                AskedFor.of("When was Open-Sora 1.0 open-sourced?").type());
        assertEquals(
                AskedFor.Type.DATE,
                AskedFor.of("According to Huajin, when did OpenAI release Sora?")
                        .type());
        assertFalse(AskedFor.of("What speedup did Colossal-AI achieve when training on 64-frame videos?")
                        .type()
                == AskedFor.Type.DATE);
        // The question's 128-frame must be written where the answer is, as 64 帧 is.
        assertFalse(AskedFor.quantitiesWritten("What speedup when training on 128-frame videos?")
                .test("在处理 64 帧视频的训练中，实现了 1.55 倍的加速"));
        assertTrue(AskedFor.quantitiesWritten("What speedup when training on 64-frame videos?")
                .test("在处理 64 帧视频的训练中，实现了 1.55 倍的加速"));
    }

    @Test
    void aPhoneOrAnEmailQuestionIsAnsweredOnlyByANumberOrAnAddress() {
        AskedFor phone = AskedFor.of("上海证券的陈旻电话多少？");
        assertEquals(AskedFor.Type.PHONE, phone.type());
        assertTrue(phone.valueIn("Tel: 021-53686134"));
        assertFalse(phone.valueIn("SAC 编号：S0870522020001"));
        AskedFor mail = AskedFor.of("倪爽邮箱？");
        assertEquals(AskedFor.Type.EMAIL, mail.type());
        assertTrue(mail.valueIn("邮箱：nishuang@huajinsec.cn"));
        assertFalse(mail.valueIn("Tel: 021-53686134"));
        assertEquals(
                AskedFor.Type.EMAIL,
                AskedFor.of("What's the email address of Chen Min?").type());
        assertEquals(AskedFor.Type.PHONE, AskedFor.of("钱劲宇的联系电话是多少？").type());
        assertEquals(AskedFor.Type.PHONE, AskedFor.of("陈旻的电话？").type());
        assertEquals(
                AskedFor.Type.PHONE,
                AskedFor.of("What is the phone number of 陈旻?").type());
        assertEquals(AskedFor.Type.PHONE, AskedFor.of("陈旻的手机号是？").type());
        assertEquals(AskedFor.Type.PHONE, AskedFor.of("陈旻的电话和邮箱分别是什么").type());
        // A question about phones, not one asking for a number (CMRC 2018).
        assertEquals(AskedFor.Type.LIST, AskedFor.of("除了电话窃听，还有哪些东西容易被窃听？").type());
        assertEquals(AskedFor.Type.ANY, AskedFor.of("为什么第三代移动电话就难窃听一点？").type());
    }

    @Test
    void whereSomethingStandsIsNoAttribute() {
        // 背后 says where the artists stand, not what is counted: no attribute to look for (with it, a
        // sentence giving the count of artists without 背后 did not answer).
        assertEquals("", AskedFor.of("《Our T2 Remake》背后有多少位 AI 艺术家参与创作？").focus());
        assertEquals("参数", AskedFor.of("Sora 背后有多少参数？").focus());
    }

    @Test
    void adverbsAndDirectionalComplementsAreNotTheAttribute() {
        assertEquals("开源", AskedFor.of("这个模型是哪天彻底开源的？").focus());
        assertEquals("推出", AskedFor.of(AskedFor.plain("这个助手是啥时候推出来的？")).focus());
        assertEquals("方案", AskedFor.trimmed("方案到底"));
        assertEquals("上线", AskedFor.trimmed("正式上线"));
        // Two characters are left alone: 全面 is no adverb of nothing.
        assertEquals("全面", AskedFor.trimmed("全面"));
        // A numeral with its measure word counts or orders: 一次 and 第一个 name no attribute; 一个月 does.
        assertEquals("模型", AskedFor.trimmed("模型一次"));
        assertEquals("", AskedFor.of("Sora 一次最多能生成多少秒的视频？").focus());
        assertEquals("一个月", AskedFor.trimmed("一个月"));
    }

    @Test
    void industriesNamedInAQuestionLeaveOutTheGenericWords() {
        assertEquals(List.of("计算机"), AskedFor.industriesIn("上海证券给计算机行业的评级是什么？"));
        assertEquals(List.of(), AskedFor.industriesIn("给行业和板块的评级？"));
        // In English, an industry before "sector" or "industry", by its Chinese name.
        assertEquals(List.of("计算机"), AskedFor.industriesIn("What rating does Huajin assign to the computer sector?"));
        assertEquals(List.of("传媒"), AskedFor.industriesIn("Which media stocks did they recommend?"));
        assertEquals(List.of(), AskedFor.industriesIn("What does the report say about computers?"));
    }

    @Test
    void anEnglishRatingQuestionNamesWhatIsRatedAfterGiveOrRatingFor() {
        assertEquals("万兴科技", AskedFor.ratedSubject("What stock rating does Tebon give to 万兴科技?"));
        assertEquals("Kunlun", AskedFor.ratedSubject("What is the rating for Kunlun Tech?"));
        assertEquals("", AskedFor.ratedSubject("What rating does Tebon give the media sector?"));
        assertEquals("", AskedFor.ratedSubject("What rating does Huajin assign to the computer sector?"));
    }

    @Test
    void theFocusIsTheWordNextToTheQuestionWord() {
        assertEquals("参数", AskedFor.focus("这个模型有多少参数？"));
        assertEquals("显存", AskedFor.focus("推理需要多少显存？"));
        assertEquals("员工", AskedFor.focus("公司有多少名员工？"));
        assertEquals("编程语言写", AskedFor.focus("它是用什么编程语言写的？"));
        assertEquals("视频帧率", AskedFor.focus("视频帧率能做到多少？"));
        // A verb phrase (a modal in it) or the base of a comparison is no attribute.
        assertEquals("", AskedFor.focus("新人多快就能上手？"));
        assertEquals("", AskedFor.focus("制作速度比传统方式快了多少？"));
        // Only a value of an attribute has a focus: for 什么/哪 + noun the noun is the answer's category.
        assertEquals("", AskedFor.of("它靠什么手段减轻算力负担？").focus());
        assertEquals("参数", AskedFor.of("这个模型有多少参数？").focus());
        assertEquals("公众开放", AskedFor.focus("它什么时候向公众开放？"));
        assertEquals("参数量", AskedFor.focus("模型的参数量是多少？"));
        assertEquals("公司成立", AskedFor.focus("该公司成立于哪一年？"));
        assertEquals("创始人", AskedFor.focus("公司的创始人是谁？"));
        // A measure asked with an adjective has no named attribute; an English question has no Chinese focus.
        assertEquals("", AskedFor.focus("视频能有多长？"));
        assertEquals("显存", AskedFor.focus("单卡有多大显存？"));
        assertEquals("", AskedFor.focus("How many parameters does the model have?"));
        // Words that only restate the type are no focus.
        assertEquals("", AskedFor.of("是哪家公司发布的？").focus());
    }

    @Test
    void aWorkNamedInTheQuestionMustBeNamedNearTheAnswer() {
        AskedFor team = AskedFor.of("《某部动画》的制作团队有多少人？");
        assertEquals(List.of("某部动画"), team.subjects());
        assertFalse(team.subjectIn("另一部影片的创作团队由 50 位艺术家组成"));
        assertTrue(team.subjectIn("《某部动画》开播。其制作团队由 20 人组成"));
        assertEquals(List.of("2025"), AskedFor.of("2025年市场规模是多少？").years());
        assertFalse(AskedFor.of("2025年市场规模是多少？").yearsIn("2023 年市场规模约 143 亿元"));
    }

    @Test
    void anEnglishQuestionsAttributeIsLookedUpInChinese() {
        AskedFor q = AskedFor.of("How many employees does the company have?");
        assertEquals(List.of("员工"), q.focusWords());
        assertFalse(q.focusIn("公司发布了新模型"));
        assertTrue(q.focusIn("公司共有员工 300 人"));
    }

    @Test
    void aRatingOfACompanyIsNotTheIndustryRating() {
        assertEquals("某公司", AskedFor.of("该券商对某公司的投资评级是什么？").focus());
        assertEquals("", AskedFor.of("该券商给传媒行业什么评级？").focus());
        assertEquals("", AskedFor.of("这份周报给了什么评级？").focus());
        assertEquals("", AskedFor.of("华金证券这篇快报给的评级是什么？").focus(), "给的 is given, not given to");
        assertEquals("", AskedFor.of("华金证券这篇传媒行业快报给的投资评级是什么？").focus());
        assertFalse(AskedFor.of("该券商对某公司的投资评级是什么？").focusIn("维持行业增持评级"));
    }

    @Test
    void aSentenceAnswersOnlyWithAValueOfTheKindAndTheAttributeAskedAbout() {
        AskedFor parameters = AskedFor.of("这个模型有多少参数？");
        assertTrue(parameters.valueIn("共有 30 亿参数") && parameters.focusIn("共有 30 亿参数"));
        assertFalse(parameters.focusIn("模型可生成 60 秒视频"), "a number about something else");
        AskedFor year = AskedFor.of("该公司成立于哪一年？");
        assertFalse(year.valueIn("公司发布了新模型"));
        assertTrue(year.valueIn("公司成立于 2019 年") && year.focusIn("公司成立于 2019 年"));
        AskedFor price = AskedFor.of("这款软件的售价是多少？");
        assertFalse(price.valueIn("软件支持 4K 分辨率"));
        assertTrue(price.valueIn("售价 199 元"));
        // The value must be a value of the attribute: near it, not anywhere in the sentence.
        assertTrue(parameters.valueNearFocus("模型共有 30 亿参数"));
        assertFalse(parameters.valueNearFocus("模型生成 60 秒视频，研究者此前讨论过它的架构、训练方法和各种参数"));
        // A longer attribute is covered by more than half of its character pairs.
        assertTrue(AskedFor.of("模型的视频帧率是多少？").focusIn("帧率可达 60 帧的视频"));
        assertFalse(AskedFor.of("模型的参数量是多少？").focusIn("发布数量超过 100 款"));
    }

    @Test
    void aValuationMultipleIsACountAndNoDigitOfANameOrListItemIsOne() {
        AskedFor pe = AskedFor.of("What P/E multiple does Tebon's computer report assign to 寒武纪?");
        assertEquals(AskedFor.Type.COUNT, pe.type());
        assertEquals(AskedFor.Type.COUNT, AskedFor.of("德邦给寒武纪的市盈率是？").type());
        // The number of a list item, a model's name (Gen2, UE5, GPT-4): nothing counted.
        assertFalse(pe.valueIn("(2) 算力及服务器:海光信息、寒武纪、浪潮信息、中科曙光等。"));
        assertFalse(pe.valueIn("相对于 Runway Gen2、Pika 等文生视频模型，Sora 取得了重大突破。"));
        assertFalse(pe.valueIn("可能通过 UE5 等大量生成了合成数据，GPT-4 也是。"));
        assertTrue(pe.valueIn("对应 2024 年 PE 为 85 倍。"));
    }

    @Test
    void aCountryIsAnsweredByTheNameOfOne() {
        AskedFor country = AskedFor.of("Which country is the startup behind LTX Studio from?");
        assertEquals(AskedFor.Type.COUNTRY, country.type());
        assertTrue(country.valueIn("以色列初创公司 Lightricks 发布了一款 AI 驱动的电影生成和剪辑软件——LTX Studio。"));
        assertFalse(country.valueIn("公司将在 3 月 27 日正式上线该平台。"));
        assertEquals(AskedFor.Type.COUNTRY, AskedFor.of("这家初创公司来自哪个国家？").type());
        assertFalse(country.valueIn("Contact us for the full report."));
    }

    @Test
    void aNumberWithAClassifierCountsItsOwnNoun() {
        AskedFor users = AskedFor.of("Kimi 目前有多少用户？");
        // 6 项 counts 功能, though 用户 stands a few characters before it.
        assertFalse(users.valueNearFocus("主要有长文总结和生成、联网搜索、数据处理、编写代码、用户交互、翻译 6 项功能。"));
        assertTrue(users.valueNearFocus("上线半年，累计用户达 3000 万。"));
        // A number counting the attribute itself, or with no classifier, still does.
        assertTrue(AskedFor.of("团队有多少位艺术家？").valueNearFocus("其创作团队由 50 位艺术家组成。"));
        assertTrue(AskedFor.of("Sora 有多少参数？").valueNearFocus("模型约有 30 亿参数。"));
    }

    @Test
    void aFollowUpAsksWhatItsOwnWordsAskUnlessItIsElliptical() {
        // Its own question word: no degree is asked of an award.
        assertEquals(
                AskedFor.Type.ANY,
                AskedFor.ofFollowUp("他2020年拿过什么荣誉？", "他2020年拿过什么荣誉？ 传媒首席马笑 学历").type());
        // Its own word for a kind of value: the e-mail, not the phone asked before.
        assertEquals(
                AskedFor.Type.EMAIL, AskedFor.ofFollowUp("邮箱呢？", "邮箱呢？ 分析师电话").type());
        // Elliptical: the same kind of value, of another broker.
        assertEquals(
                AskedFor.Type.RATING,
                AskedFor.ofFollowUp("那德邦呢？", "那德邦呢？ 华金证券 行业评级").type());
        // A question word naming nothing but a broker is elliptical too.
        assertEquals(
                AskedFor.Type.RATING,
                AskedFor.ofFollowUp("那华金的是什么？", "那华金的是什么？ 德邦证券 行业评级").type());
        assertEquals(
                AskedFor.Type.ANY,
                AskedFor.ofFollowUp("他拿过啥荣誉？", "他拿过啥荣誉？ 传媒首席马笑 学历").type());
        assertEquals(
                AskedFor.Type.RATING,
                AskedFor.ofFollowUp("What about Huajin?", "What about Huajin? What rating did Tebon give")
                        .type());
    }

    @Test
    void aQuantityAskedInAUnitNeedsOnlyTheAttributesHeadWordInItsSentence() {
        // 模型 stands a clause away from 18 秒: the unit says what the number measures.
        AskedFor seconds = AskedFor.of("2023年那批扩散视频模型一次最多能生成多少秒？");
        assertTrue(seconds.measuredWithHead("同时，模型单次生成的视频时长最长为 18 秒，虽然支持通过预测延长视频。"));
        assertFalse(seconds.measuredWithHead("相比业界水平，Sora 将视频生成的时长一次性提升了 15 倍。"));
        // 团队 of 主创团队, written as 创作团队.
        AskedFor team = AskedFor.of("Our T2 Remake 的主创团队有多少人？");
        assertTrue(team.measuredWithHead("其创作团队由 50 位 AI 领域艺术家组成。"));
        // The head word is the attribute's: 15 秒 of a clip is no count of hours of 视频数据.
        AskedFor hours = AskedFor.of("七火山的 Etna 用了多少小时的视频数据来训练？");
        assertFalse(hours.measuredWithHead("Etna 发布一段高清 4K 文生视频，视频长度达到了破纪录的 15 秒。"));
        // A date is no number of a unit of time.
        assertFalse(seconds.measuredWithHead("2024 年 2 月 16 日，OpenAI 发布文生视频模型 Sora。"));
        // No unit asked: nothing to go by.
        assertFalse(AskedFor.of("Colossal-AI 的训练方案快了多少？").measuredWithHead("方案实现了 1.55 倍的加速效果。"));
    }

    @Test
    void aQuantityAskedInAUnitIsAnsweredOnlyInAUnitOfThatMeasure() {
        AskedFor seconds = AskedFor.of("这段视频最长能生成多少秒？");
        assertTrue(seconds.measuredIn("视频长度达到了 15 秒。"));
        // Another unit of time is the same measure.
        assertTrue(seconds.measuredIn("可以生成长达 1 分钟的视频。"));
        assertFalse(seconds.measuredIn("时长一次性提升了 15 倍。"));
        // People and items counted in their own units (多少名, 多少条): a year or another count is not one.
        AskedFor clips = AskedFor.of("训练一共用了多少条视频数据？");
        assertTrue(clips.measuredIn("共收集了 1000 万条视频。"));
        assertFalse(clips.measuredIn("2024 年 3 月 17 日，团队开源了模型，加速 1.55 倍。"));
        AskedFor staff = AskedFor.of("研究所一共有多少名分析师？");
        assertTrue(staff.measuredIn("研究所共有 120 名分析师。"));
        assertFalse(staff.measuredIn("2020年wind金牌分析师。"));
        AskedFor money = AskedFor.of("这部片子的制作预算是多少元？");
        assertFalse(money.measuredIn("AI 赋能后，制作效率提升 3 倍。"));
        assertTrue(money.measuredIn("单集成本约 30 万元。"));
        assertTrue(AskedFor.of("How many seconds can the clip last?").measuredIn("视频长度达到 15 秒"));
        // A magnitude between the question word and the unit (多少亿人): still people, not money.
        AskedFor users = AskedFor.of("中国网民规模达到多少亿人？");
        assertFalse(users.measuredIn("2023 年中国 AIGC 产业规模约为 143 亿元。"));
        assertTrue(users.measuredIn("网民规模达 10.79 亿人。"));
        // 几家 asks for companies, which a list of names answers: no measure.
        assertTrue(AskedFor.of("报告推荐了几家公司？").measuredIn("推荐万兴科技、昆仑万维。"));
    }

    @Test
    void aSentenceDatedToAnotherYearDoesNotAnswer() {
        AskedFor asked = AskedFor.of("截至2023年12月，互联网普及率是多少？");
        assertFalse(asked.noOtherYear("截至 2022 年 6 月，互联网普及率已高达 74.4%。"));
        assertTrue(asked.noOtherYear("截至 2023 年 12 月，普及率达 77.5%。"));
        // A sentence with no year of its own may take it from its paragraph.
        assertTrue(asked.noOtherYear("普及率已高达 77.5%。"));
        // An English question's years count too; a size is no year.
        assertEquals(
                List.of("2027"),
                AskedFor.of("What is the market size forecast for 2027?").years());
        assertEquals(List.of(), AskedFor.of("Can it make 2048x2048 images?").years());
    }

    @Test
    void aQuantityTheQuestionNamesMustBeWrittenWhereTheAnswerIs() {
        assertFalse(AskedFor.quantitiesWritten("最近6个月的相对收益是多少？").test("升幅% 1M 3M 12M 相对收益 -12.24 -15.8 6.67"));
        assertTrue(AskedFor.quantitiesWritten("最近6个月的相对收益是多少？").test("近 6 个月相对收益为 -15.8%"));
        assertTrue(AskedFor.quantitiesWritten("Sora 的原理是什么？").test("任何文本"));
        // 3.19周报 is the weekly of March 19, not 3.19 weeks.
        assertTrue(AskedFor.quantitiesWritten("上海证券3.19周报推荐了哪几家公司？").test("推荐【盛天网络】"));
        assertFalse(AskedFor.quantitiesWritten("3.5周能完成吗？").test("推荐【盛天网络】"));
        // A number with its magnitude is the same number multiplied out.
        assertTrue(AskedFor.quantitiesWritten("以前要花1万小时才能成为专家").test("过去要 10000 小时才能成为专家"));
        assertTrue(AskedFor.quantitiesWritten("1.5万小时").test("约 15,000 小时"));
        assertFalse(AskedFor.quantitiesWritten("以前要花2万小时").test("过去要 10000 小时"));
    }

    @Test
    void aTeamNamedByItsIndustryIsNoAttribute() {
        // (The question word asks about nothing here, so the whole question is read.)
        assertEquals(List.of(), AskedFor.englishAttribute("When did Debon's computer team publish its Sora note?"));
        assertEquals(List.of("团队"), AskedFor.englishAttribute("How big is the team?"));
    }

    @Test
    void aSearchBoxQueryEndingInAMeasureAsksForItsValue() {
        AskedFor asked = AskedFor.of("Sora参数量");
        assertEquals(AskedFor.Type.COUNT, asked.type());
        assertEquals("参数量", asked.focus());
        assertEquals("帧率", AskedFor.of("Etna 帧率").focus());
        // A query ending otherwise, or one with a question word, is read as before.
        assertEquals(AskedFor.Type.ANY, AskedFor.of("Kimi 功能").type());
        assertEquals("", AskedFor.endingMeasure("金盏花具有怎样的药用价值？"));
    }

    @Test
    void theYearOfAReportDateTheSearchFilteredOnIsNoYearTheFactMustBeOf() {
        AskedFor asked = AskedFor.of("In its weekly dated March 19, 2024, what could Etna's arrival upend?");
        assertEquals(List.of("2024"), asked.years());
        LocalDate day = LocalDate.of(2024, 3, 19);
        assertEquals(List.of(), asked.withoutReportYear(day, day).years());
        // Another year, or a range over years, is still the fact's.
        assertEquals(
                List.of("2024"),
                asked.withoutReportYear(day.minusYears(1), day.minusYears(1)).years());
        assertEquals(
                List.of("2024"), asked.withoutReportYear(day.minusYears(1), day).years());
        assertEquals(List.of("2024"), asked.withoutReportYear(null, null).years());
    }

    @Test
    void theAttributeIsReadWordByWord() {
        // 及 of 普及率 is inside a word, not a particle that cuts it off.
        assertTrue(AskedFor.of("中国互联网普及率是多少？").focus().endsWith("普及率"));
        // 能 of 功能 is no modal: what is counted is the functions.
        assertEquals("主要功能", AskedFor.of("这款助手一共具备几项主要功能？").focus());
        // 长了 is not cut off 拉长了, and an adverb before the cue is skipped.
        assertFalse(AskedFor.of("视频时长拉长了多少倍？").focus().endsWith("拉"));
        assertEquals("上下文", AskedFor.of("两个模型的上下文分别大约支持多少字？").focus());
    }

    @Test
    void aTotalIsNotAnsweredByARate() {
        String total = "这部动画片一共有多少集？";
        assertFalse(AskedFor.of(total).notARate(total, "按传统流程，一个月只能做一集。"));
        assertTrue(AskedFor.of(total).notARate(total, "该片共 26 集，每集 5 分钟。"));
        // Without 一共 a rate may be what is asked.
        String rate = "传统流程一个月能做多少集？";
        assertTrue(AskedFor.of(rate).notARate(rate, "按传统流程，一个月只能做一集。"));
    }

    @Test
    void anAgeIsGivenInYearsOrByABirthYearNotByAnyNumber() {
        AskedFor age = AskedFor.of("How old is Tebon's media analyst Ma Xiao?");
        // A biography full of years (joined in 2022, awards in 2018) gives no age.
        assertFalse(age.valueIn("马笑，华中科技大学硕士，2022年加入德邦证券，传媒互联网&海外首席分析师"));
        assertTrue(age.valueIn("马笑今年 35 岁"));
        assertTrue(age.valueIn("马笑，1988年出生"));
    }

    @Test
    void aDemonstrativeIsNotPartOfTheAttribute() {
        // 那个大会 asks about the conference the conversation means: its date is 大会's.
        assertEquals("大会", AskedFor.of("七火山那个大会是几号开的？").focus());
    }

    @Test
    void aNounJoinedTo多少By的IsWhatTheValueIsOfNotTheAttribute() {
        assertEquals("水深", AskedFor.of("黑褐新箭雀鲷生活在水深多少的海域？").focus());
        // After an adjectival cue the noun is the attribute.
        assertEquals("显存", AskedFor.of("推理需要多大的显存？").focus());
    }

    @Test
    void yearsAndTimesAreReadAsChineseTextWritesThem() {
        AskedFor year = AskedFor.of("硕塞卒于哪一年？");
        assertTrue(year.valueIn("顺治十一年，硕塞卒"), "a reign year");
        assertTrue(year.valueIn("崇祯四年（1631年）进士"));
        assertFalse(year.valueIn("他是三年级学生"), "a school grade is no year");
        AskedFor when = AskedFor.of("榅桲什么时候开花？");
        assertTrue(when.valueIn("榅桲在晚春或初夏开花"), "a season");
        assertTrue(when.valueIn("最高温出现在三、四月份"), "a month in Chinese numerals");
        assertTrue(when.valueIn("20世纪中叶以后受到汉化"), "a century");
        assertTrue(when.valueIn("扁尾海蛇通常在夜间出没"), "a time of day");
        assertFalse(when.valueIn("该节目在晚上新闻档播出"), "a programme slot is no time");
        assertFalse(when.valueIn("视频生成技术不断进步"));
        assertFalse(year.valueIn("过去三年行业规模翻倍"), "a span of years is no year");
        assertFalse(year.valueIn("近十年来持续增长"));
    }

    @Test
    void aValueWhoseFormNamesTheAttributeGivesItUnwritten() {
        String sampled = "Sora 可以采样宽屏 1920x1080p 视频、竖屏 1080x1920 视频以及两者之间的所有视频。";
        assertTrue(AskedFor.of("德邦传媒那篇说 Sora 横屏最高能采样到多大分辨率？").valueNamesFocus(sampled));
        assertTrue(AskedFor.of("Which widescreen video resolution can Sora sample?")
                .valueNamesFocus(sampled));
        assertTrue(AskedFor.of("Etna 视频的帧率是多少？").valueNamesFocus("并且实现了 60 FPS 的超高帧率"));
        // A word of the attribute's class asks for it too.
        assertTrue(AskedFor.of("七火山Etna那段视频是多高清晰度的").valueNamesFocus("Etna 发布一段高清 4K 文生视频"));
        assertFalse(AskedFor.of("Sora 模型的参数量有多大？").valueNamesFocus(sampled), "a resolution is no parameter count");
        assertFalse(
                AskedFor.of("Claude 的分辨率是多少？").valueNamesFocus("Claude 支持 8K 上下文"), "8K of context is no resolution");
        assertFalse(AskedFor.of("Sora 能生成的视频分辨率是多少？").valueNamesFocus("Kimi 支持 200 万字的上下文"), "no resolution written");
    }
}
