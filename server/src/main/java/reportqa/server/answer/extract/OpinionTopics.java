package reportqa.server.answer.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.report.BrokerRegistry;

/**
 * The topic a question asks the reports' view of, and its head: 百度文心一言 of "这些报告怎么看百度文心一言的
 * 商业化进展？", Google's Gemini 1.5 of "What does Huajin say about Google's Gemini 1.5?". Read with the
 * patterns of answer-types.json's {@code opinionTopic}; a head that names no topic of its own (它, 行业)
 * or only a broker (对德邦的看法) is none.
 */
record OpinionTopics(List<Pattern> chinese, Pattern english, Pattern headEnd, Set<String> generic) {

    private static final BrokerRegistry BROKERS = BrokerRegistry.standard();

    static OpinionTopics load(JsonNode node) {
        List<Pattern> chinese = new ArrayList<>();
        node.path("chinese").forEach(p -> chinese.add(Pattern.compile(p.asText())));
        Set<String> generic = new HashSet<>();
        node.path("generic").forEach(g -> generic.add(g.asText()));
        return new OpinionTopics(
                List.copyOf(chinese),
                Pattern.compile(node.path("english").asText()),
                Pattern.compile(node.path("headEnd").asText()),
                Set.copyOf(generic));
    }

    /** The head of the topic the question asks the view of, or empty. */
    Optional<String> head(String question) {
        for (Pattern p : chinese) {
            Matcher m = p.matcher(question);
            if (m.find()) {
                return headOf(m.group("topic"));
            }
        }
        Matcher m = english.matcher(question);
        if (m.find()) {
            return englishHead(m.group("topic"));
        }
        return Optional.empty();
    }

    private Optional<String> headOf(String topic) {
        String head = withoutBrokers(topic);
        Matcher end = headEnd.matcher(head);
        if (end.find()) {
            head = head.substring(0, end.start());
        }
        head = head.strip();
        return head.isEmpty() || generic.contains(head) ? Optional.empty() : Optional.of(head);
    }

    /**
     * An English topic's capitalised names (Google's Gemini 1.5), the part a Chinese text can be
     * checked for; a topic of plain words (AI video, the gaming sector) is none: its words are
     * translated, not written, in the reports.
     */
    private Optional<String> englishHead(String topic) {
        String names = withoutBrokers(topic)
                .replaceAll("'s\\b", "")
                .replaceAll("(?<![A-Za-z0-9])(?![A-Z])[A-Za-z]+(?![A-Za-z0-9])", " ")
                .replaceAll("\\s+", " ")
                .strip();
        return names.chars().anyMatch(Character::isUpperCase) ? Optional.of(names) : Optional.empty();
    }

    /** The text without the names of the brokers it names: a broker is whose view, not what of. */
    static String withoutBrokers(String text) {
        List<String> named =
                BROKERS.namedIn(text).stream().map(BrokerRegistry.Broker::name).toList();
        // withoutNames keeps a text that would be left empty (nothing but a broker's name); a mark
        // after it keeps anything from being left empty, and is taken off again.
        String out = BROKERS.withoutNames(text + "。", named);
        return out.substring(0, out.length() - 1);
    }
}
