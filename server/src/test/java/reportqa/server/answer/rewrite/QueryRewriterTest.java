package reportqa.server.answer.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.server.answer.Deadline;
import reportqa.server.answer.Prompts;
import reportqa.server.answer.Pronouns;
import reportqa.server.answer.Turn;
import reportqa.server.answer.generate.ModelCalls;
import reportqa.server.config.Secret;

/** Follow-up detection, carrying the previous question over, and the model's rewrite with its failures. */
class QueryRewriterTest {

    private static final ExecutorService CALLS = ModelCalls.newPool();
    private static final List<Turn> HISTORY =
            List.of(new Turn(Turn.Role.USER, "上海证券建议关注哪些 AI 公司？"), new Turn(Turn.Role.ASSISTANT, "汇纳科技、昆仑万维[1]"));
    private static final Deadline LONG = Deadline.after(Duration.ofSeconds(30));

    @AfterAll
    static void stop() {
        CALLS.shutdownNow();
    }

    private static QueryRewriter rewriter(ChatModel model) {
        return new QueryRewriter(model, CALLS, new Prompts(), BrokerRegistry.standard(), Secret.of("sk-SECRET"));
    }

    /** A model that answers every request with {@code reply} and remembers the last prompt. */
    private static ChatModel replying(String reply, AtomicReference<String> prompt) {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                prompt.set(
                        ((UserMessage) request.messages().get(request.messages().size() - 1)).singleText());
                return ChatResponse.builder().aiMessage(AiMessage.from(reply)).build();
            }
        };
    }

    @Test
    void aFollowUpNeedsAMarker() {
        assertTrue(FollowUps.looksLikeFollowUp("那德邦呢？"));
        assertTrue(FollowUps.looksLikeFollowUp("还有哪些公司？"));
        assertTrue(FollowUps.looksLikeFollowUp("它能生成多长的视频"));
        assertTrue(FollowUps.looksLikeFollowUp("What about Kimi?"));
        assertTrue(FollowUps.looksLikeFollowUp("德邦证券呢"));
        assertFalse(FollowUps.looksLikeFollowUp("Kimi 是什么？"));
        assertFalse(FollowUps.looksLikeFollowUp("Sora 能生成多长的视频？"));
        assertFalse(FollowUps.looksLikeFollowUp("Andrew Ng said what?"));
        // A broker and nothing else to ask about asks the previous question of that broker.
        assertTrue(FollowUps.looksLikeFollowUp("德邦怎么看？"));
        assertTrue(FollowUps.looksLikeFollowUp("And Tebon?"));
        assertFalse(FollowUps.looksLikeFollowUp("德邦怎么看 Sora？"), "a question of its own");
        assertFalse(FollowUps.looksLikeFollowUp("怎么看？"), "no broker: nothing to carry the question to");
        // A demonstrative with a word for what the conversation named, or one of what it listed.
        assertTrue(FollowUps.looksLikeFollowUp("What does that rating require?"));
        assertTrue(FollowUps.looksLikeFollowUp("Which of those is Sora?"));
        assertFalse(FollowUps.looksLikeFollowUp("What does a Buy rating require?"));
        assertTrue(FollowUps.looksLikeFollowUp("Beijing one specifically?"));
        assertTrue(FollowUps.looksLikeFollowUp("And the second one?"));
        assertTrue(FollowUps.looksLikeFollowUp("that one's date?"));
        // A demonstrative that ends the question stands for what the conversation named.
        assertTrue(FollowUps.looksLikeFollowUp("When was that?"));
        assertTrue(FollowUps.looksLikeFollowUp("Who said this?"));
        assertFalse(FollowUps.looksLikeFollowUp("Which report says that Sora makes a minute of video?"));
        assertTrue(FollowUps.looksLikeFollowUp("Which country is that startup from?"));
        assertTrue(FollowUps.looksLikeFollowUp("How long are those clips typically?"));
        assertFalse(FollowUps.looksLikeFollowUp("Does Tebon say that the model needs more data?"));
        assertFalse(FollowUps.looksLikeFollowUp("Does Tebon say that most clips are short?"));
        assertFalse(FollowUps.looksLikeFollowUp("What rating did Huajin give media this year?"));
        assertTrue(FollowUps.looksLikeFollowUp("第三条是啥？"), "an item of the list the answer before gave");
        // One word for what it asks, naming nothing: of what the conversation named.
        assertTrue(FollowUps.looksLikeFollowUp("ticker?"));
        assertTrue(FollowUps.looksLikeFollowUp("Email?"));
        assertTrue(FollowUps.looksLikeFollowUp("电话？"));
        assertFalse(FollowUps.looksLikeFollowUp("Sora?"), "names something of its own");
        assertFalse(FollowUps.looksLikeFollowUp("快手？"), "names something of its own");
        assertFalse(FollowUps.looksLikeFollowUp("AIGC 市场规模有多大？"));
        assertFalse(FollowUps.looksLikeFollowUp("分析师的电话是多少？"), "a question of its own");
        assertFalse(FollowUps.looksLikeFollowUp("钱劲宇那篇 Sora 报告的第一条风险是什么"));
        assertFalse(FollowUps.looksLikeFollowUp("Which model made the first one-minute video?"));
        assertFalse(FollowUps.looksLikeFollowUp("Sora made one minute of video, how long is Etna's?"));
        assertFalse(FollowUps.looksLikeFollowUp("Does Sora support more than one camera angle?"));
        assertFalse(FollowUps.looksLikeFollowUp("Name one company Huajin lists."));
        assertFalse(FollowUps.looksLikeFollowUp("Is Sora the only one?"));
        assertFalse(FollowUps.looksLikeFollowUp("Which one of the brokers rates media highest?"));
        // The 他 of 其他 ("other") is no pronoun.
        assertFalse(Pronouns.refersToPerson("还有其他报告提到过吗？"));
        assertTrue(Pronouns.refersToPerson("他是哪个学校毕业的"));
    }

    @Test
    void thePeopleAPronounStandsForAreCarriedInTheOrderTheAnswerNamesThem() {
        QueryRewriter r = new QueryRewriter(
                null,
                CALLS,
                new Prompts(),
                BrokerRegistry.standard(),
                Secret.of("sk-SECRET"),
                () -> List.of("王梅卿", "马笑"));
        List<Turn> history = List.of(
                new Turn(Turn.Role.USER, "德邦传媒那篇报告的分析师是谁？"),
                new Turn(Turn.Role.ASSISTANT, "- 德邦证券 · 约 2024-03：分析师 马笑（研究助理 王梅卿）[1]。"));
        String query = r.rewrite("他是哪所学校毕业的？", history, LONG).query();
        assertTrue(query.endsWith(" 马笑 王梅卿"), query);
    }

    @Test
    void aQuestionWithoutHistoryOrMarkerIsKeptAsItIs() {
        assertEquals(new Rewritten("那德邦呢？", null), rewriter(null).rewrite("那德邦呢？", List.of(), LONG));
        assertEquals(new Rewritten("Kimi 是什么？", null), rewriter(null).rewrite("Kimi 是什么？", HISTORY, LONG));
    }

    @Test
    void withoutAModelThePreviousQuestionIsCarriedOverMinusTheBrokerItReplaces() {
        Rewritten r = rewriter(null).rewrite("那德邦证券呢？", HISTORY, LONG);
        assertEquals("那德邦证券呢？ 建议关注 AI 公司", r.query());
        assertNull(r.failure());
        // No broker in the follow-up: the previous question's broker stays.
        assertEquals(
                "那还有呢？ 上海证券建议关注 AI 公司",
                rewriter(null).rewrite("那还有呢？", HISTORY, LONG).query());
    }

    @Test
    void aFollowUpOfAFollowUpCarriesWhatTheOneBeforeItCarriedTwoQuestionsDeepAtMost() {
        List<Turn> twoDeep = List.of(
                new Turn(Turn.Role.USER, "上海证券 3 月 25 日的周报讲了什么？"),
                new Turn(Turn.Role.ASSISTANT, "Kimi[1]"),
                new Turn(Turn.Role.USER, "那德邦呢？"),
                new Turn(Turn.Role.ASSISTANT, "Sora[1]"));
        // "那德邦呢？" stood for 德邦's reports, which is what "还有呢？" asks more of.
        assertEquals(
                "还有呢？ 那德邦 的周报讲了", rewriter(null).rewrite("还有呢？", twoDeep, LONG).query());
        List<Turn> threeDeep = new java.util.ArrayList<>(
                List.of(new Turn(Turn.Role.USER, "华金证券的评级是什么？"), new Turn(Turn.Role.ASSISTANT, "领先大市[1]")));
        threeDeep.addAll(twoDeep.subList(2, 4));
        threeDeep.add(new Turn(Turn.Role.USER, "还有呢？"));
        threeDeep.add(new Turn(Turn.Role.ASSISTANT, "Sora[1]"));
        // Two questions back and no further: the first question's words are not carried.
        String q = rewriter(null).rewrite("那它呢？", threeDeep, LONG).query();
        assertEquals("那它呢？ 还有 那德邦", q);
        assertFalse(q.contains("评级"), q);
    }

    @Test
    void aBrokerOrDateInTheFollowUpReplacesThePreviousDateToo() {
        QueryRewriter r = rewriter(null);
        // 上海证券 and 3 月 25 日 named one report; 德邦 asks about another broker's reports.
        assertEquals("那德邦呢？ 的周报讲了", r.carry("那德邦呢？", "上海证券 3 月 25 日的周报讲了什么？"));
        assertEquals("那 3 月 19 日呢？ 上海证券 的周报讲了", r.carry("那 3 月 19 日呢？", "上海证券 3 月 25 日的周报讲了什么？"));
        // Neither named: the date stays.
        assertEquals("那还有呢？ 上海证券 3 月 25 日的周报讲了", r.carry("那还有呢？", "上海证券 3 月 25 日的周报讲了什么？"));
    }

    @Test
    void theModelRewritesFromTheTranscript() {
        AtomicReference<String> prompt = new AtomicReference<>();
        Rewritten r = rewriter(replying("  德邦证券建议关注哪些 AI 公司  ", prompt)).rewrite("那德邦呢？", HISTORY, LONG);
        assertEquals(new Rewritten("德邦证券建议关注哪些 AI 公司", null), r);
        assertEquals(
                new Prompts()
                        .render(
                                Prompts.Template.REWRITE,
                                java.util.Map.of(
                                        "history",
                                        "user: 上海证券建议关注哪些 AI 公司？\nassistant: 汇纳科技、昆仑万维[1]",
                                        "question",
                                        "那德邦呢？")),
                prompt.get());
    }

    @Test
    void anEmptyOrOverlongRewriteIsCarriedOverInstead() {
        Rewritten empty = rewriter(replying("   ", new AtomicReference<>())).rewrite("那德邦证券呢？", HISTORY, LONG);
        assertEquals(new Rewritten("那德邦证券呢？ 建议关注 AI 公司", "the model's rewrite was empty or too long"), empty);
        Rewritten tooLong =
                rewriter(replying("长".repeat(301), new AtomicReference<>())).rewrite("那德邦证券呢？", HISTORY, LONG);
        assertEquals("the model's rewrite was empty or too long", tooLong.failure());
    }

    @Test
    void aFailingModelIsCarriedOverWithTheReasonAndNoSecret() {
        ChatModel failing = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                throw new IllegalStateException("upstream said no to key sk-SECRET");
            }
        };
        Rewritten r = rewriter(failing).rewrite("那德邦证券呢？", HISTORY, LONG);
        assertEquals("那德邦证券呢？ 建议关注 AI 公司", r.query());
        assertEquals("model call failed: IllegalStateException (upstream said no to key ***)", r.failure());
    }

    @Test
    void aSlowModelIsAbandonedAtTheDeadline() {
        ChatModel slow = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                try {
                    Thread.sleep(20_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ChatResponse.builder()
                        .aiMessage(AiMessage.from("too late"))
                        .build();
            }
        };
        long t0 = System.nanoTime();
        Rewritten r = rewriter(slow).rewrite("那德邦证券呢？", HISTORY, Deadline.after(Duration.ofMillis(300)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(new Rewritten("那德邦证券呢？ 建议关注 AI 公司", "the model did not rewrite the question in time"), r);
        assertTrue(ms < 5_000, "abandoned after " + ms + " ms, not after the model's 20 s");
    }

    @Test
    void aPronounCarriesOverThePersonThePreviousAnswerNamed() {
        assertTrue(FollowUps.looksLikeFollowUp("Where did he work before joining the firm?"));
        assertTrue(FollowUps.looksLikeFollowUp("请问他毕业于哪所学校？"));
        List<Turn> history = List.of(
                new Turn(Turn.Role.USER, "德邦证券传媒报告的分析师是谁？"),
                new Turn(Turn.Role.ASSISTANT, "- 德邦证券 · 约 2024-03：分析师 马笑[1]。"));
        QueryRewriter rewriter = new QueryRewriter(
                null,
                CALLS,
                new Prompts(),
                BrokerRegistry.standard(),
                Secret.of("sk-SECRET"),
                () -> List.of("马笑", "陈旻"));
        String query = rewriter.rewrite("他是哪所学校毕业的？", history, LONG).query();
        // The person the answer named comes along; one it did not name does not.
        assertTrue(query.contains("马笑"), query);
        assertFalse(query.contains("陈旻"), query);
        // Without a pronoun nobody is carried over.
        assertFalse(rewriter.rewrite("那德邦计算机呢？", history, LONG).query().contains("马笑"));
    }

    @Test
    void itMeansTheThingThePreviousAnswerNamedWhenThePreviousQuestionNamedNone() {
        List<Turn> named = List.of(
                new Turn(Turn.Role.USER, "七火山大会上发布文生视频的模型叫什么？"),
                new Turn(
                        Turn.Role.ASSISTANT,
                        "（未配置语言模型：…）\n- 上海证券 · 2024-03-19：3 月 5 日，超讯通信 X 七火山大会上，Etna 发布一段高清 4K 文生视频[1]。"));
        Rewritten r = rewriter(null).rewrite("它在模型里插入了什么？", named, LONG);
        assertTrue(r.query().endsWith(" Etna"), r.query());
        // The previous question named the thing itself: "它" is that one, not a name of the answer.
        List<Turn> asked = List.of(
                new Turn(Turn.Role.USER, "Open-Sora 1.0 是哪天开源的？"),
                new Turn(
                        Turn.Role.ASSISTANT,
                        "- 上海证券 · 2024-03-25：2024 年 3 月 17 日，Colossal-AI 团队全面开源 Open-Sora 1.0[1]。"));
        Rewritten same = rewriter(null).rewrite("它训练分几个阶段？", asked, LONG);
        assertFalse(same.query().contains("Colossal"), same.query());
        // IT is an industry, not "it".
        assertFalse(FollowUps.refersToThing("IT 行业有哪些公司受益？"));
    }

    @Test
    void thatAnalystIsTheOneThePreviousAnswerNamed() {
        assertTrue(FollowUps.looksLikeFollowUp("Which university did that analyst graduate from?"));
        assertTrue(FollowUps.looksLikeFollowUp("What rating does that report give?"));
        assertFalse(FollowUps.looksLikeFollowUp("Which university did the analyst graduate from?"));
        List<Turn> who = List.of(
                new Turn(Turn.Role.USER, "Who wrote Huajin Securities' media flash report on video generation models?"),
                new Turn(Turn.Role.ASSISTANT, "- 华金证券 · ≥ 2024-02-16 《视频生成模型再迎突破》：分析师 倪爽[1]。"));
        QueryRewriter rewriter = new QueryRewriter(
                null,
                CALLS,
                new Prompts(),
                BrokerRegistry.standard(),
                Secret.of("sk-SECRET"),
                () -> List.of("倪爽", "马笑"));
        String query = rewriter.rewrite("Which university did that analyst graduate from?", who, LONG)
                .query();
        assertTrue(query.contains("Huajin") && query.endsWith(" 倪爽"), query);
    }
}
