package reportqa.server.answer.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.search.SearchBackend;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.text.ScreenedPattern;

/**
 * Questions for the contact details a report prints (an analyst's certificate number or e-mail, the
 * broker's phone, fax, website or offices, those in the city the question names), answered from the
 * report's own text and cited to the passage that holds them; when the reports meant print no such
 * detail, the answer says so instead of quoting the nearest number. Which reports are meant is decided as for {@link HeaderFacts}; the words are in
 * {@code contact-questions.json}.
 */
final class ContactFacts {

    /**
     * A contact detail a question can ask for.
     *
     * @param brokersOwn whether the detail is always the broker's (an office address, a website), never
     *     a person's: a question naming the analyst (倪爽那篇报告的深圳办公地址) asks for the broker's
     * @param brokerNamed whether it is asked only of a broker the question names (地址 is asked of a
     *     school as often)
     */
    record Kind(
            String kind, String label, ScreenedPattern asks, Pattern value, boolean brokersOwn, boolean brokerNamed) {

        /** The detail of one match: its first group when the pattern has one (the number after 传真：). */
        String valueOf(Matcher m) {
            return m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group();
        }
    }

    private static final List<Kind> KINDS;
    /** Cities an address question may name, each with how a question writes it. */
    private static final Map<String, Pattern> CITIES;

    private static final BrokerRegistry BROKERS = BrokerRegistry.standard();

    /** A broker's English name by its city (Shanghai Securities), which the registry need not know. */
    private static final Pattern ENGLISH_BROKER =
            Pattern.compile("(?i)\\b[a-z]+(?:'s)?\\s+(?:" + BrokerRegistry.ENGLISH_SUFFIX + ")\\b");

    private static final Pattern ASSISTANT_WORDS;
    private static final Pattern ANALYST_WORDS;
    /** A line of a person's details (资格编号：…, E-mail: …): what may stand between a name and its detail. */
    private static final Pattern DETAIL_LINE;
    /** How far after a person's name their details may stand, when no other person's name comes first. */
    static final int PERSON_SPAN = 160;

    static {
        JsonNode root = Resources.json("/reportqa/contact-questions.json");
        List<Kind> kinds = new ArrayList<>();
        for (JsonNode k : root.path("kinds")) {
            kinds.add(new Kind(
                    k.path("kind").asText(),
                    k.path("label").asText(),
                    ScreenedPattern.compile(k.path("asks").asText()),
                    Pattern.compile(k.path("value").asText()),
                    k.path("brokersOwn").asBoolean(false),
                    k.path("brokerNamed").asBoolean(false)));
        }
        KINDS = List.copyOf(kinds);
        Map<String, Pattern> cities = new LinkedHashMap<>();
        root.path("cities").properties().forEach(e -> {
            if (!e.getKey().startsWith("_")) {
                cities.put(e.getKey(), Pattern.compile(e.getValue().asText()));
            }
        });
        CITIES = Collections.unmodifiableMap(cities);
        ASSISTANT_WORDS = Pattern.compile(root.path("assistantWords").asText());
        ANALYST_WORDS = Pattern.compile(root.path("analystWords").asText());
        DETAIL_LINE = Pattern.compile(root.path("detailLine").asText());
    }

    private final SearchBackend backend;
    private final HeaderFacts header;

    ContactFacts(SearchBackend backend, HeaderFacts header) {
        this.backend = backend;
        this.header = header;
    }

    /** The contact detail a question asks for, or empty when it asks for none. */
    static Optional<Kind> asked(String question) {
        return KINDS.stream().filter(k -> k.asks().find(question)).findFirst();
    }

    /**
     * The answer from the reports' text, or empty when the question asks for no contact detail or
     * names no report.
     *
     * @param question the standalone question
     * @param turn the question as asked in this turn (a follow-up's own words)
     * @param applied the filters the search applied
     */
    Optional<ExtractiveAnswerer.Draft> answer(String question, String turn, SearchFilters applied) throws IOException {
        // The follow-up's own words first: a detail it asks for, or a header field it asks for instead
        // of the detail it carried over ("那他的评级呢？" after an e-mail question).
        Optional<Kind> own = asked(turn);
        Optional<Kind> asked = own.isEmpty() && !HeaderFacts.asksAField(turn) ? asked(question) : own;
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        // A follow-up that asks a question of its own is not about the detail asked before it.
        if (HeaderFacts.asksItsOwn(question, turn, own.isPresent())) {
            return Optional.empty();
        }
        Kind kind = asked.get();
        HeaderFacts.Meant all = header.meant(question, applied);
        List<ReportCard> meant = all.listed();
        if (meant.isEmpty()) {
            return Optional.empty();
        }
        if (kind.brokerNamed()
                && !namesABroker(
                        question,
                        applied,
                        meant.stream().map(ReportCard::metadata).toList())) {
            return Optional.empty();
        }
        // A follow-up naming a person of its own ("and Ma Xiao's phone?" after 陈旻's) asks for theirs alone.
        List<String> turnNames = meant.stream()
                .flatMap(r -> named(turn, r.metadata()).stream())
                .distinct()
                .toList();
        // An address question naming a city (北京办公室, the Shenzhen office) asks for the offices there.
        List<String> cities = kind.kind().equals("address") ? citiesOf(turn, question) : List.of();
        FactLines lines = new FactLines(header);
        lines.of(all);
        boolean noAssistant = false;
        for (ReportCard r : meant) {
            Optional<Report> report = backend.report(r.id());
            if (report.isEmpty()) {
                continue;
            }
            // A research assistant's detail, of a report that names none: not its analyst's.
            if (!kind.brokersOwn() && asksForAnAssistantItLacks(question, r.metadata())) {
                noAssistant = true;
                continue;
            }
            List<String> people = new ArrayList<>(r.metadata().analysts());
            people.addAll(r.metadata().assistants());
            people.removeIf(String::isBlank); // a blank name stands before every detail
            List<String> whose = kind.brokersOwn()
                    ? List.of()
                    : turnNames.isEmpty() || turn.equals(question) ? whose(question, r.metadata()) : turnNames;
            // A broker's own detail is nobody's, whoever's name stands before it.
            Map<String, String> found =
                    details(kind, report.get().text(), whose, kind.brokersOwn() ? List.of() : people);
            if (!cities.isEmpty()) {
                found.keySet().removeIf(value -> cities.stream().noneMatch(value::contains));
            }
            for (Map.Entry<String, String> detail : found.entrySet()) {
                String value = detail.getKey();
                lines.add(
                        r,
                        value,
                        (detail.getValue().isEmpty() ? "" : detail.getValue() + " ") + kind.label() + " " + value);
            }
        }
        if (lines.isEmpty() && noAssistant) {
            return Optional.of(ExtractiveAnswerer.Draft.abstain(
                    "the report" + (meant.size() > 1 ? "s meant name" : " names") + " no 研究助理"));
        }
        if (lines.isEmpty()) {
            return Optional.of(ExtractiveAnswerer.Draft.abstain("the report"
                    + (meant.size() > 1 ? "s meant print" : " prints") + " no " + kind.label()
                    + (cities.isEmpty() ? "" : " in " + String.join("、", cities)) + " (" + kind.kind() + ")"));
        }
        return lines.answer();
    }

    /**
     * Whether a question names a broker: by name, by the search's filter, or by one of the meant
     * reports' people. 地址 and 总部 are asked of a school or a company as often as of a broker.
     */
    static boolean namesABroker(String question, SearchFilters applied, List<ReportMetadata> meant) {
        return !BROKERS.namedIn(question).isEmpty()
                || !applied.brokers().isEmpty()
                || meant.stream().anyMatch(m -> !named(question, m).isEmpty());
    }

    /** The cities the turn names, else those of the question it carried over (那德邦的呢？ after 北京). */
    private static List<String> citiesOf(String turn, String question) {
        List<String> own = citiesIn(turn);
        return own.isEmpty() ? citiesIn(question) : own;
    }

    /** The cities a question names, a broker's name left out (上海 of 上海证券 is no city asked for). */
    static List<String> citiesIn(String question) {
        String q = ENGLISH_BROKER.matcher(BROKERS.withoutNamedBrokers(question)).replaceAll(" ");
        return CITIES.entrySet().stream()
                .filter(e -> e.getValue().matcher(q).find())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /**
     * Whether the question asks for a research assistant's detail (研究助理的邮箱) of a report that names
     * no assistant: then {@link #whose} would fall back to everybody's, or to the analyst it names.
     */
    static boolean asksForAnAssistantItLacks(String question, ReportMetadata m) {
        // Naming the analyst (钱劲宇的研究助理邮箱) still asks for an assistant's, not the analyst's.
        return ASSISTANT_WORDS.matcher(question).find()
                && m.assistants().stream().allMatch(String::isBlank);
    }

    /** The report's analysts and assistants the text names. */
    private static List<String> named(String text, ReportMetadata m) {
        List<String> named = new ArrayList<>();
        m.analysts().stream().filter(a -> !a.isBlank() && text.contains(a)).forEach(named::add);
        m.assistants().stream().filter(a -> !a.isBlank() && text.contains(a)).forEach(named::add);
        return named;
    }

    /**
     * The people whose details are asked: those the question names, else the assistants or analysts
     * when it says which, else nobody in particular (every detail of the kind the report prints).
     */
    static List<String> whose(String question, ReportMetadata m) {
        List<String> named = named(question, m);
        if (!named.isEmpty()) {
            return named;
        }
        if (ASSISTANT_WORDS.matcher(question).find()) {
            return m.assistants();
        }
        if (ANALYST_WORDS.matcher(question).find()) {
            return m.analysts();
        }
        return List.of();
    }

    /**
     * The details of a kind in a report's text, each with the person it belongs to ("" for the
     * broker's own), in order. A detail belongs to the person whose name stands nearest before it,
     * within {@value #PERSON_SPAN} characters (陈旻 / Tel / E-mail / SAC 编号, one per line). With people
     * asked for, only theirs.
     */
    static Map<String, String> details(Kind kind, String text, List<String> asked, List<String> people) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = kind.value().matcher(text);
        while (m.find()) {
            String owner = owner(text, m.start(), people);
            if (asked.isEmpty() || asked.contains(owner)) {
                out.putIfAbsent(kind.valueOf(m), owner);
            }
        }
        return out;
    }

    /**
     * The person whose name stands nearest before {@code at}, within {@value #PERSON_SPAN} characters
     * and with only lines of details between (a heading or a sentence between ends their block), or "".
     */
    private static String owner(String text, int at, List<String> people) {
        String owner = "";
        int nearest = -1;
        for (String p : people) {
            int i = text.lastIndexOf(p, at - p.length());
            if (i >= 0 && at - i <= PERSON_SPAN && i > nearest && onlyDetailsBetween(text, i + p.length(), at)) {
                nearest = i;
                owner = p;
            }
        }
        return owner;
    }

    /** Whether every whole line between two places is blank or a line of details. */
    private static boolean onlyDetailsBetween(String text, int from, int to) {
        int firstBreak = text.indexOf('\n', from);
        int lastBreak = text.lastIndexOf('\n', to);
        if (firstBreak < 0 || firstBreak >= lastBreak) {
            return true; // on the name's own line or the next
        }
        return text.substring(firstBreak + 1, lastBreak)
                .lines()
                .map(String::strip)
                .allMatch(l -> l.isEmpty() || DETAIL_LINE.matcher(l).find());
    }
}
