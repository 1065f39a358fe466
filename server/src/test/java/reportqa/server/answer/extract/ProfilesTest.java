package reportqa.server.answer.extract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which questions ask about a person, for whom an analyst's profile is quoted. */
class ProfilesTest {

    private static final Profiles PROFILES = Profiles.STANDARD;
    private static final Set<String> PEOPLE = Set.of("马笑", "钱劲宇");

    @Test
    void aProfileIsUnderItsHeading() {
        assertTrue(PROFILES.isProfile("分析师与研究助理简介"));
        assertTrue(PROFILES.isProfile("分析师简介"));
        assertFalse(PROFILES.isProfile("投资要点"));
        assertFalse(PROFILES.isProfile(null));
    }

    @Test
    void aQuestionAboutAPersonByAWordForOneOrByName() {
        for (String q : List.of(
                "德邦计算机的首席分析师之前在哪些券商工作过？",
                "他2020年拿过什么奖？",
                "马笑是哪年加入德邦的",
                "Where did Tebon's media analyst study?",
                "Who wrote the Huajin note?")) {
            assertTrue(PROFILES.asksAboutPeople(q, PEOPLE), q);
        }
        for (String q : List.of(
                "德邦证券计算机团队建议关注哪些算力公司？",
                "其他券商怎么看 Sora？",
                "Sora 生成的视频里人物和背景会不会乱套？",
                "Which week does the weekly cover?",
                "What limitations of Sora does Tebon's computer team mention?",
                "钱劲宇那篇 Sora 报告的第一条风险是什么",
                "马笑的传媒报告推荐了哪些公司？",
                "What does 钱劲宇's note say about compute?")) {
            assertFalse(PROFILES.asksAboutPeople(q, PEOPLE), q);
        }
    }
}
