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
 * or only a broker (对德邦的看法) is none, and so is one that refers back (这家公司, 该模型).
 *
 * @param chinese patterns whose group {@code topic} is a Chinese question's topic
 * @param english the pattern whose group {@code topic} is an English question's topic
 * @param headEnd where a Chinese topic's head ends (的, 对 …)
 * @param referenceHead how a head that refers back to the conversation begins
 * @param generic heads that name no topic of their own
 */
record OpinionTopics(
        List<Pattern> chinese, Pattern english, Pattern headEnd, Pattern referenceHead, Set<String> generic) {

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
                Pattern.compile(node.path("referenceHead").asText()),
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
        String head = BROKERS.withoutNamedBrokers(topic);
        Matcher end = headEnd.matcher(head);
        if (end.find()) {
            head = head.substring(0, end.start());
        }
        head = head.strip();
        return head.isEmpty()
                        || generic.contains(head)
                        || referenceHead.matcher(head).find()
                ? Optional.empty()
                : Optional.of(head);
    }

    /**
     * An English topic's capitalised names (Google's Gemini 1.5), the part a Chinese text can be
     * checked for; a topic of plain words (AI video, the gaming sector) is none: its words are
     * translated, not written, in the reports.
     */
    private Optional<String> englishHead(String topic) {
        String names = BROKERS.withoutNamedBrokers(topic)
                .replaceAll("'s\\b", "")
                .replaceAll("(?<![A-Za-z0-9])(?![A-Z])[A-Za-z]+(?![A-Za-z0-9])", " ")
                .replaceAll("\\s+", " ")
                .strip();
        return names.chars().anyMatch(Character::isUpperCase) ? Optional.of(names) : Optional.empty();
    }
}
