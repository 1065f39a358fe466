package reportqa.retrieval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import reportqa.retrieval.Resources;

/**
 * The brokers the system knows, read from the data file {@code brokers.json}: canonical name,
 * aliases (full company names, English names, short forms) and e-mail domains.
 */
public final class BrokerRegistry {

    /** One known broker. */
    public record Broker(String name, List<String> aliases, List<String> domains) {

        public Broker {
            aliases = List.copyOf(aliases);
            domains = List.copyOf(domains);
        }

        /** The canonical name and every alias. */
        public List<String> names() {
            List<String> all = new ArrayList<>();
            all.add(name);
            all.addAll(aliases);
            return all;
        }
    }

    private static final String RESOURCE = "/reportqa/retrieval/brokers.json";
    private final List<Broker> brokers;

    public BrokerRegistry(List<Broker> brokers) {
        this.brokers = List.copyOf(brokers);
    }

    /** The brokers shipped with the library. */
    public static BrokerRegistry standard() {
        List<Broker> list = new ArrayList<>();
        for (JsonNode b : Resources.json(RESOURCE).path("brokers")) {
            list.add(new Broker(
                    b.path("name").asText(),
                    Vocabulary.strings(b.path("aliases")),
                    Vocabulary.strings(b.path("domains"))));
        }
        return new BrokerRegistry(list);
    }

    public List<Broker> brokers() {
        return brokers;
    }

    /** The broker owning an e-mail or web domain ({@code maxiao@tebon.com.cn}, {@code www.huajinsec.cn}). */
    public Optional<Broker> byDomain(String hostOrAddress) {
        String host = hostOrAddress.toLowerCase(Locale.ROOT);
        host = host.substring(host.indexOf('@') + 1);
        for (Broker b : brokers) {
            for (String d : b.domains()) {
                if (host.equals(d) || host.endsWith("." + d)) {
                    return Optional.of(b);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The text with every name and alias of the given brokers (canonical names) replaced by a space;
     * the text itself when that would leave nothing.
     */
    public String withoutNames(String text, Collection<String> brokerNames) {
        if (brokerNames.isEmpty()) {
            return text;
        }
        String out = text;
        for (Broker b : brokers) {
            if (brokerNames.contains(b.name())) {
                for (String n : b.names()) {
                    out = out.replace(n, " ");
                }
            }
        }
        return out.isBlank() ? text : out;
    }

    /** Canonical names of every known broker. */
    public Set<String> names() {
        Set<String> all = new LinkedHashSet<>();
        brokers.forEach(b -> all.add(b.name()));
        return all;
    }

    /** The brokers whose canonical name or an alias the text contains (case-insensitive), in registry order. */
    public List<Broker> namedIn(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        List<Broker> out = new ArrayList<>();
        for (Broker b : brokers) {
            if (b.names().stream().anyMatch(n -> t.contains(n.toLowerCase(Locale.ROOT)))) {
                out.add(b);
            }
        }
        return out;
    }

    /** The broker whose canonical name or alias equals the text (case-insensitive). */
    public Optional<Broker> byName(String text) {
        String t = text.strip();
        for (Broker b : brokers) {
            for (String n : b.names()) {
                if (n.equalsIgnoreCase(t)) {
                    return Optional.of(b);
                }
            }
        }
        return Optional.empty();
    }
}
