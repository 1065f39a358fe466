package reportqa.retrieval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Brokers named in a question: names, aliases, and English short names as whole words. */
class BrokerRegistryTest {

    private static final BrokerRegistry REGISTRY = BrokerRegistry.standard();

    private static List<String> named(String text) {
        return REGISTRY.namedIn(text).stream().map(BrokerRegistry.Broker::name).toList();
    }

    @Test
    void anEnglishShortNameNamesItsBrokerAsAWholeWord() {
        assertEquals(List.of("德邦证券"), named("Which datasets does the Tebon computer report list?"));
        assertEquals(List.of("华金证券"), named("What rating did Huajin's flash report give?"));
        // The international banks' research arms, by the names analysts use for them.
        assertEquals(List.of("高盛高华"), named("What did Goldman Sachs say about Kimi?"));
        assertEquals(List.of("摩根士丹利证券(中国)"), named("What did Morgan Stanley say about Sora?"));
        assertEquals(List.of("摩根士丹利证券(中国)"), named("大摩怎么看 Sora？"));
        assertEquals(List.of("花旗"), named("Citi's view on AI video?"));
        assertEquals(List.of("中信证券"), named("What did Citic say?"));
        // Inside another word it names nothing; an ordinary word or a place alone is no short name.
        assertEquals(List.of(), named("see www.huajinsec.cn"));
        assertEquals(List.of(), named("How many users does the Western market have in Shanghai?"));
    }

    @Test
    void aShortNameIsTakenOutOfTheSearchedTextWithItsPossessive() {
        assertEquals(
                "What did   media report say?",
                REGISTRY.withoutNames("What did Tebon's media report say?", List.of("德邦证券")));
    }
}
