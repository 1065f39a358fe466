package reportqa.retrieval.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.report.BodyLines.Line;

/**
 * Reads which broker published a report. Signals vote: e-mail domains, web sites and the legal
 * owner named in the disclaimer ("本报告仅供华金证券股份有限公司…") weigh most, a header line that
 * is a broker's name a little less. Other brokers are named in passing (a cited report, a
 * comparison), so a broker is taken only when its votes add up to a strong signal.
 */
final class BrokerExtractor {

    // Bounded, possessive parts keep matching linear: with an unbounded local part a long run of
    // letters and digits (a base64 blob in a report) is rescanned from every start position.
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+@([A-Za-z0-9-]{1,63}+(?:\\.[A-Za-z0-9-]{1,63}+){1,8}+)");
    private static final Pattern WEB = Pattern.compile("(?i)www\\.([a-z0-9-]{1,63}+(?:\\.[a-z0-9-]{1,63}+){1,8}+)");
    private static final Pattern OWNER =
            Pattern.compile("本报告(?:仅供|版权归|版权仅为)\\s*([\\u4e00-\\u9fa5A-Za-z]{2,20}?(?:股份有限公司|有限责任公司|有限公司|公司|证券))");
    private static final int OWNERSHIP_SIGNAL = 10;
    private static final int STRONG_BROKER_SIGNAL = 8;

    private final BrokerRegistry brokers;

    BrokerExtractor(BrokerRegistry brokers) {
        this.brokers = brokers;
    }

    /**
     * The canonical name of the broker, or empty.
     *
     * @param text the whole cleaned text (domains and the legal owner stand in the boilerplate)
     * @param header the header lines of the body
     */
    String extract(String text, List<Line> header, Map<String, String> provenance) {
        Map<String, Integer> score = new HashMap<>();
        Map<String, String> why = new HashMap<>();
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            vote(brokers.byDomain(m.group(1)), OWNERSHIP_SIGNAL, "e-mail domain " + m.group(1), score, why);
        }
        m = WEB.matcher(text);
        while (m.find()) {
            vote(brokers.byDomain(m.group(1)), OWNERSHIP_SIGNAL, "web site www." + m.group(1), score, why);
        }
        m = OWNER.matcher(text);
        while (m.find()) {
            vote(brokers.byName(m.group(1)), OWNERSHIP_SIGNAL, "legal owner " + m.group(1), score, why);
        }
        for (Line l : header) {
            vote(brokers.byName(l.text()), STRONG_BROKER_SIGNAL, "header line " + l.text(), score, why);
        }
        return score.entrySet().stream()
                .filter(e -> e.getValue() >= STRONG_BROKER_SIGNAL)
                .max(Map.Entry.comparingByValue())
                .map(e -> {
                    provenance.put(MetadataField.BROKER.key(), why.get(e.getKey()));
                    return e.getKey();
                })
                .orElse("");
    }

    private static void vote(
            Optional<BrokerRegistry.Broker> broker,
            int weight,
            String reason,
            Map<String, Integer> score,
            Map<String, String> why) {
        broker.ifPresent(b -> {
            score.merge(b.name(), weight, Integer::sum);
            why.putIfAbsent(b.name(), reason);
        });
    }
}
