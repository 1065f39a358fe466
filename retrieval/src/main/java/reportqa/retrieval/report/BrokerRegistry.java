package reportqa.retrieval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import reportqa.retrieval.Memo;
import reportqa.retrieval.Resources;
import reportqa.retrieval.text.Words;

/**
 * The brokers the system knows, read from the data file {@code brokers.json}: canonical name,
 * aliases (full company names, English names, short forms) and e-mail domains.
 */
public final class BrokerRegistry {

    /**
     * One known broker.
     *
     * @param englishShort English short names (Tebon, Huajin), matched only as whole words: a short
     *     name is found inside no other word ("Huajin" is not in "Huajinsec")
     */
    public record Broker(String name, List<String> aliases, List<String> domains, List<String> englishShort) {

        public Broker {
            aliases = List.copyOf(aliases);
            domains = List.copyOf(domains);
            englishShort = List.copyOf(englishShort);
        }

        public Broker(String name, List<String> aliases, List<String> domains) {
            this(name, aliases, domains, List.of());
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

    /**
     * The word an English broker name ends in after its name (Huajin Securities, Shanghai Zhengquan,
     * SH Sec.), as an alternation (brokers.json, englishSuffix): not a name of its own.
     */
    public static final String ENGLISH_SUFFIX =
            Resources.json(RESOURCE).path("englishSuffix").asText();

    private final List<Broker> brokers;
    /**
     * Each broker's short names as one pattern, compiled once (it is matched for every question):
     * English short names as whole words, possessive included (Tebon's), and the stem of its Chinese
     * name where a report word follows.
     */
    private final Map<String, Pattern> shortNames = new HashMap<>();
    /**
     * Per broker, in the order of {@link #brokers}: its names in lower case, and the lower-case
     * words without which its short-name pattern cannot match (its English short names, its stem).
     * {@link #namedIn} runs for every question and every search: lower-casing 526 names and running
     * 113 patterns each time was 15% of a seed-library search.
     */
    private final List<Lookup> lookups = new ArrayList<>();

    /**
     * The brokers found in each text lately: one answer asks about its question five times or more
     * (the filters, the follow-up check, the answer's checks), and about the same words again and
     * again across questions; each was a scan of every name. Texts up to {@link #REMEMBERED_LENGTH}
     * characters: a longer one (an answer's passages together) is seldom asked about twice, and would
     * hold kilobytes a key.
     */
    private final Memo<String, List<Broker>> named = new Memo<>(4096);

    private static final int REMEMBERED_LENGTH = 200;

    /**
     * What {@link #namedIn} looks for of one broker: its Chinese names of three characters or more
     * (found anywhere), its Chinese short names of two (华金, 东吴: only as words of their own), its
     * Latin-script names (CSC, HUAJIN SECURITIES: only as whole words, in lower case, and as a pattern),
     * and the words its short-name pattern needs.
     */
    private record Lookup(
            Broker broker,
            List<String> chineseNames,
            List<String> shortChinese,
            List<String> latinNames,
            Pattern latin,
            List<String> shortNameWords) {}

    /**
     * What makes a two-character short name part of another organisation's name: 东吴大学, 汇丰银行, 德邦物流
     * are a university, a bank and a carrier, not the brokers 东吴, 汇丰 and 德邦 stand for.
     */
    private final Pattern otherOrganisation;

    public BrokerRegistry(List<Broker> brokers) {
        this(brokers, "", "");
    }

    public BrokerRegistry(List<Broker> brokers, String stemContext) {
        this(brokers, stemContext, "");
    }

    /**
     * @param stemContext words that make the stem of a name ending in 证券 name the broker when they
     *     follow it (上海 + 那篇 is 上海证券; 上海 alone is the city); empty for none
     * @param otherOrganisation words that, right after a two-character short name, make it part of
     *     another organisation's name (大学, 银行); empty for none
     */
    public BrokerRegistry(List<Broker> brokers, String stemContext, String otherOrganisation) {
        this.brokers = List.copyOf(brokers);
        this.otherOrganisation = otherOrganisation.isEmpty() ? null : Pattern.compile(otherOrganisation);
        for (Broker b : this.brokers) {
            List<String> alternatives = new ArrayList<>();
            if (!b.englishShort().isEmpty()) {
                String names = b.englishShort().stream().map(Pattern::quote).collect(Collectors.joining("|"));
                alternatives.add("(?<![A-Za-z])(?:" + names + ")(?:'s|’s)?(?![A-Za-z])");
            }
            String stem = stem(b.name());
            if (!stemContext.isEmpty() && !stem.isEmpty()) {
                alternatives.add(Pattern.quote(stem) + "(?=" + stemContext + ")");
            }
            if (!alternatives.isEmpty()) {
                shortNames.put(b.name(), Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE));
            }
            List<String> words = new ArrayList<>();
            b.englishShort().forEach(n -> words.add(n.toLowerCase(Locale.ROOT)));
            if (!stemContext.isEmpty() && !stem.isEmpty()) {
                words.add(stem.toLowerCase(Locale.ROOT));
            }
            List<String> lower =
                    b.names().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
            List<String> latinNames = lower.stream()
                    .filter(n -> n.codePoints().noneMatch(BrokerRegistry::isHan))
                    .toList();
            List<String> shortChinese = lower.stream()
                    .filter(n -> n.length() == 2 && n.codePoints().allMatch(BrokerRegistry::isHan))
                    .toList();
            List<String> chinese = lower.stream()
                    .filter(n -> !latinNames.contains(n) && !shortChinese.contains(n))
                    .toList();
            Pattern latin = latinNames.isEmpty()
                    ? null
                    : Pattern.compile("(?<![a-z0-9])(?:"
                            + latinNames.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                            + ")(?![a-z0-9])");
            lookups.add(new Lookup(b, chinese, shortChinese, latinNames, latin, List.copyOf(words)));
        }
    }

    /** 上海 of 上海证券: a name of at least two characters before 证券, else empty. */
    private static String stem(String name) {
        return name.endsWith("证券") && name.length() >= 4 ? name.substring(0, name.length() - 2) : "";
    }

    /**
     * Whether the text names the broker by a short name: an English one as a whole word, or the stem
     * of its Chinese name before a word of the stem context.
     */
    private boolean shortNameIn(Broker b, String text) {
        Pattern p = shortNames.get(b.name());
        return p != null && p.matcher(text).find();
    }

    /**
     * The brokers shipped with the library, read once and shared: a registry is not changed once
     * made, and a start asked for it about ten times (the library, the parser, the answer stages),
     * reading the file three times and compiling its patterns each time, 13–75 ms apiece.
     */
    public static BrokerRegistry standard() {
        return Standard.REGISTRY;
    }

    /** Holds the shipped registry, read when first asked for. */
    private static final class Standard {
        static final BrokerRegistry REGISTRY = read();
    }

    private static BrokerRegistry read() {
        JsonNode file = Resources.json(RESOURCE);
        List<Broker> list = new ArrayList<>();
        for (JsonNode b : file.path("brokers")) {
            list.add(new Broker(
                    b.path("name").asText(),
                    Vocabulary.strings(b.path("aliases")),
                    Vocabulary.strings(b.path("domains")),
                    Vocabulary.strings(b.path("englishShort"))));
        }
        return new BrokerRegistry(
                list,
                file.path("stemContext").asText(),
                file.path("otherOrganisation").asText());
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
                Pattern shortName = shortNames.get(b.name());
                if (shortName != null) {
                    out = shortName.matcher(out).replaceAll(" ");
                }
            }
        }
        return out.isBlank() ? text : out;
    }

    /**
     * The text without the names of the brokers it names, replaced by spaces; unlike {@link
     * #withoutNames}, a text that is nothing but a broker's name is left blank (对德邦证券的看法 asks the
     * view of no topic).
     */
    public String withoutNamedBrokers(String text) {
        // withoutNames keeps a text that would be left empty; a mark after it keeps anything from
        // being left empty, and is taken off again.
        String out = withoutNames(
                text + "。", namedIn(text).stream().map(Broker::name).toList());
        return out.substring(0, out.length() - 1);
    }

    /** Canonical names of every known broker. */
    public Set<String> names() {
        Set<String> all = new LinkedHashSet<>();
        brokers.forEach(b -> all.add(b.name()));
        return all;
    }

    /**
     * The brokers whose canonical name or an alias the text contains (case-insensitive), or an English
     * short name as a whole word, in registry order.
     */
    public List<Broker> namedIn(String text) {
        return text.length() > REMEMBERED_LENGTH ? find(text) : named.get(text, this::find);
    }

    private List<Broker> find(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        List<Broker> out = new ArrayList<>();
        for (Lookup l : lookups) {
            if (anyIn(l.chineseNames(), t)
                    || shortChineseIn(l.shortChinese(), text)
                    || (anyIn(l.latinNames(), t) && l.latin().matcher(t).find())
                    || (anyIn(l.shortNameWords(), t) && shortNameIn(l.broker(), text))) {
                out.add(l.broker());
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether a two-character short name stands in the text as a word of its own (国海 is not in 美国海军:
     * the words there are 美国 and 海军) and not as the head of another organisation's name (东吴大学).
     */
    private boolean shortChineseIn(List<String> names, String text) {
        boolean[] starts = null;
        for (String n : names) {
            for (int at = text.indexOf(n); at >= 0; at = text.indexOf(n, at + 1)) {
                int end = at + n.length();
                if (otherOrganisation != null
                        && otherOrganisation
                                .matcher(text)
                                .region(end, text.length())
                                .lookingAt()) {
                    continue;
                }
                // Segmented only when a short name is there at all: most texts name none.
                starts = starts == null ? Words.wordStarts(text) : starts;
                if (starts[at] && starts[end]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isHan(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static boolean anyIn(List<String> words, String text) {
        for (String w : words) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
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
