package reportqa.server.answer.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import reportqa.retrieval.Resources;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.search.HeaderQuestions;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.SearchBackend;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.text.Dates;
import reportqa.retrieval.text.NoiseLines;
import reportqa.retrieval.text.TextMatch;
import reportqa.server.answer.Language;
import reportqa.server.answer.Markdown;
import reportqa.server.answer.Source;

/**
 * Questions about a report itself (its rating, analysts, date, title, industry, type) answered
 * from the metadata the parser read from its header, each fact cited to the passage it was read
 * from. Which report is meant comes from what the question names: a broker, an analyst, a date, words
 * of the title; when several reports fit equally, each gets its line. The question words are in
 * {@code header-questions.json}.
 */
public final class HeaderFacts {

    /**
     * What a question for a report's people asks: who (a person, a list), how many, or what the field
     * says; not a year, a school or a date of theirs.
     */
    private static final Set<AskedFor.Type> PEOPLE_ANSWERS =
            Set.of(AskedFor.Type.PERSON, AskedFor.Type.LIST, AskedFor.Type.COUNT, AskedFor.Type.ANY);

    /** A header field a question can ask for, with how an answer labels it. */
    private enum Field {
        RATING("rating", "评级"),
        ANALYSTS("analysts", "分析师"),
        ASSISTANTS("assistants", "研究助理"),
        BROKER("broker", "券商"),
        DATE("date", "日期"),
        TITLE("title", "标题"),
        INDUSTRY("industry", "行业"),
        REPORT_TYPE("reportType", "报告类型"),
        PERIOD("period", "覆盖周期");

        final String key;
        final String label;

        Field(String key, String label) {
            this.key = key;
            this.label = label;
        }

        static Field of(String key) {
            for (Field f : values()) {
                if (f.key.equals(key)) {
                    return f;
                }
            }
            throw new IllegalStateException("header-questions.json names no field " + key);
        }

        /** The report's value of this field as an answer writes it, or empty. */
        String value(ReportCard r) {
            ReportMetadata m = r.metadata();
            return switch (this) {
                case RATING -> m.rating();
                case ANALYSTS -> people(m);
                case ASSISTANTS -> String.join("、", m.assistants());
                case BROKER -> m.broker();
                case DATE -> m.date().display();
                case TITLE -> m.title().isEmpty() ? "" : "《" + Markdown.inline(m.title()) + "》";
                case INDUSTRY -> m.industry();
                case REPORT_TYPE -> m.reportType();
                case PERIOD -> period(r);
            };
        }

        /** The text the value was read from, to find the passage to cite. */
        String evidence(ReportMetadata m, String value) {
            String read = HeaderQuestions.evidence(key, m);
            if (!read.isEmpty()) {
                return read;
            }
            // (A period is cited where it is written, as a rating is.)
            return switch (this) {
                case BROKER -> m.analysts().isEmpty() ? m.title() : m.analysts().get(0);
                case DATE -> m.title();
                default -> value;
            };
        }

        /** The people of a report are read from its header blocks: none there means none named. */
        boolean namesPeople() {
            return this == ANALYSTS || this == ASSISTANTS;
        }
    }

    private record FieldRule(Field field, Pattern pattern) {}

    private static final Pattern REPORT_WORDS;
    /** A report word that ends a text (这篇 before a name). */
    private static final Pattern REPORT_WORD_BEFORE;

    private static final Pattern ALL_REPORTS;
    /** Words that make a follow-up a question of its own. */
    private static final Pattern OWN_QUESTION;

    private static final String PLAIN_CHARS;
    private static final int MAX_OTHER_CHARS;
    /** Ratings a question may presuppose, each with how a report writes it (header-questions.json). */
    private static final List<RatingValue> RATING_VALUES;

    /**
     * A rating a question may set something to.
     *
     * @param value as the question writes it
     * @param framed the value where a question sets a rating to it (下调为“同步大市”, downgrade to Neutral)
     * @param written how reports write it
     */
    private record RatingValue(String value, Pattern framed, List<String> written) {}

    private static final Pattern LATIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]+");

    static {
        JsonNode root = Resources.json(HeaderQuestions.RESOURCE);
        REPORT_WORDS = Pattern.compile(root.path("reportWords").asText());
        REPORT_WORD_BEFORE = Pattern.compile("(?:" + root.path("reportWords").asText() + ")$");
        ALL_REPORTS = Pattern.compile(root.path("allReports").asText());
        OWN_QUESTION = Pattern.compile(root.path("ownQuestion").asText());
        PLAIN_CHARS = root.path("plainChars").asText();
        MAX_OTHER_CHARS = root.path("maxOtherChars").asInt();
        JsonNode values = root.path("ratingValues");
        String before = values.path("frameBefore").asText();
        String after = values.path("frameAfter").asText();
        String english = values.path("englishFrame").asText();
        List<RatingValue> ratings = new ArrayList<>();
        values.path("chinese").forEach(r -> {
            String v = Pattern.quote(r.asText());
            ratings.add(new RatingValue(
                    r.asText(),
                    Pattern.compile("(?:" + before + ")" + v + "|" + v + "(?:" + after + ")"),
                    List.of(r.asText())));
        });
        values.path("english").fields().forEachRemaining(e -> {
            List<String> written = new ArrayList<>();
            e.getValue().forEach(w -> written.add(w.asText()));
            ratings.add(new RatingValue(
                    e.getKey(),
                    Pattern.compile(english.replace("VALUE", "(?:" + Pattern.quote(e.getKey()) + ")")),
                    List.copyOf(written)));
        });
        RATING_VALUES = List.copyOf(ratings);
    }

    private final SearchBackend backend;
    private final BrokerRegistry brokers;
    private final ContactFacts contacts;
    private final RatingScales scales;
    private final TableCells tables;
    private final RelatedReports related;

    public HeaderFacts(SearchBackend backend, BrokerRegistry brokers) {
        this.backend = backend;
        this.brokers = brokers;
        this.contacts = new ContactFacts(backend, this);
        this.scales = new RatingScales(backend, this);
        this.tables = new TableCells(backend, this);
        this.related = new RelatedReports(backend, this);
    }

    /** The header field the words ask for (the first of header-questions.json that matches), if any. */
    private static Optional<FieldRule> fieldAsked(String text) {
        return HeaderQuestions.standard().asked(text).map(f -> new FieldRule(Field.of(f.key()), f.pattern()));
    }

    /** Whether the words ask for a header field (评级, analysts …). */
    static boolean asksAField(String text) {
        return fieldAsked(text).isPresent();
    }

    /**
     * Whether a follow-up asks a question of its own ("他是哪所学校毕业的", "And which university did the
     * analyst graduate from?") rather than the one it carried over ("那德邦呢？"): its own words ask
     * something, and not the kind of thing the caller answers ({@code turnAsksThis}).
     */
    static boolean asksItsOwn(String question, String turn, boolean turnAsksThis) {
        return !turn.equals(question)
                && !turnAsksThis
                && OWN_QUESTION.matcher(turn).find();
    }

    /** The reports a question about reports means (see {@link #answer}); empty when it names none. */
    Meant meant(String question, SearchFilters applied) {
        Map<String, ReportCard> reports = backend.reports();
        LastMeant last = lastMeant.get();
        if (last != null
                && last.library().get() == reports
                && last.question().equals(question)
                && last.applied().equals(applied)) {
            return last.meant();
        }
        Meant meant = Meant.of(meant(question, reports.values(), applied));
        lastMeant.set(new LastMeant(question, applied, new WeakReference<>(reports), meant));
        return meant;
    }

    /**
     * The most reports one answer is about. A question may mean hundreds (每份研报, or a broker's
     * reports by its name alone, in a library of 10,000): answering for every one of them read each
     * one's passages, and "这几份研报分别给所覆盖行业打了什么评级？" took 7–10 s and answered 750,000
     * characters with 10,003 sources. It is answered for the newest of them, and says how many more
     * there are.
     */
    static final int MAX_MEANT = 20;

    /**
     * The reports a question means, in the order they fit it; when it means more than {@value
     * #MAX_MEANT}, the newest of them, newest first.
     *
     * @param total how many reports the question means
     */
    record Meant(List<ReportCard> listed, int total) {

        Meant {
            listed = List.copyOf(listed);
        }

        /** Newest first, undated last, then by id. */
        private static final Comparator<ReportCard> NEWEST = Comparator.comparing(
                        (ReportCard r) -> r.metadata().date().latest(), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(ReportCard::id);

        static Meant of(List<ReportCard> all) {
            if (all.size() <= MAX_MEANT) {
                return new Meant(all, all.size());
            }
            return new Meant(all.stream().sorted(NEWEST).limit(MAX_MEANT).toList(), all.size());
        }

        /** How many reports meant are left out. */
        int notListed() {
            return total - listed.size();
        }
    }

    /**
     * The reports last meant on a thread, for which question, filters and state of the library (held
     * weakly: a thread that answers no more does not keep an old library's list alive). One answer
     * asks for them up to five times (contact details, rating scales, tables, related reports, the
     * header), each a pass over every report: 10,000 in a large library.
     */
    private record LastMeant(
            String question, SearchFilters applied, WeakReference<Map<String, ReportCard>> library, Meant meant) {}

    private final ThreadLocal<LastMeant> lastMeant = new ThreadLocal<>();

    /**
     * The reports meant, and for each other broker the question names ("上海证券和德邦证券的评级体系"),
     * that broker's newest report the filters allow: a question about what every report of a broker
     * prints alike (its rating scale) needs one report of each.
     */
    List<ReportCard> meantOfEachBroker(String question, SearchFilters applied) {
        List<ReportCard> out = new ArrayList<>(meant(question, applied).listed());
        for (BrokerRegistry.Broker b : brokers.namedIn(question)) {
            if (out.stream().anyMatch(r -> r.metadata().broker().equals(b.name()))) {
                continue;
            }
            backend.reports().values().stream()
                    .filter(r -> r.metadata().broker().equals(b.name()))
                    .filter(r ->
                            applied.brokers().isEmpty() || applied.brokers().contains(b.name()))
                    .filter(r ->
                            applied.reportIds().isEmpty() || applied.reportIds().contains(r.id()))
                    .max(Comparator.comparing(
                            (ReportCard r) -> r.metadata().date().earliest(),
                            Comparator.nullsFirst(Comparator.naturalOrder())))
                    .ifPresent(out::add);
        }
        return out;
    }

    /**
     * The answer from the reports' metadata, or empty when the question is not about a report's header.
     *
     * @param question the standalone question
     * @param turn the question as asked in this turn (a follow-up's own words)
     * @param applied the filters the search applied: the reports they leave out are not meant, and a
     *     date range they hold (read from the question, such as the week a weekly covers) points to the
     *     reports it dates
     */
    Optional<ExtractiveAnswerer.Draft> answer(String question, String turn, SearchFilters applied) throws IOException {
        // A contact detail (an analyst's e-mail, the broker's fax) is read from the report's text.
        Optional<ExtractiveAnswerer.Draft> contact = contacts.answer(question, turn, applied);
        if (contact.isPresent()) {
            return contact;
        }
        // What a rating means, or which index is the benchmark, is read from the scale the report prints.
        Optional<ExtractiveAnswerer.Draft> scale = scales.answer(question, applied);
        if (scale.isPresent()) {
            return scale;
        }
        // A figure of a table the report prints (相对收益 over 1M) is read from its row and column.
        Optional<ExtractiveAnswerer.Draft> cell = tables.answer(question, turn, applied);
        if (cell.isPresent()) {
            return cell;
        }
        // When a report the meant one lists as related was published is read from that list.
        Optional<ExtractiveAnswerer.Draft> listed = related.answer(question, applied);
        if (listed.isPresent()) {
            return listed;
        }
        // A follow-up that asks for a field itself ("Who's the research assistant on it?" after a
        // question about the rating) asks for that one, not for the one it carried over.
        Optional<FieldRule> own = fieldAsked(turn);
        Optional<FieldRule> rule = own.or(() -> fieldAsked(question));
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        // A follow-up that asks a question of its own is not about the field the previous question
        // asked for.
        if (asksItsOwn(question, turn, own.isPresent())) {
            return Optional.empty();
        }
        Field field = rule.get().field();
        // 研究助理王梅卿是哪年进的德邦 asks a year of the person, not who the assistant is.
        if (field.namesPeople()
                && !PEOPLE_ANSWERS.contains(
                        AskedFor.of(own.isPresent() ? turn : question).type())) {
            return Optional.empty();
        }
        // What a rating means (评级标准, 基准指数) is in the back matter, not in any report's header.
        if (NoiseLines.askedFor(question).contains("disclaimer")) {
            return Optional.empty();
        }
        // 哪天发布 Sora asks when Sora was released, not when the report was: the verb has an object.
        if (field == Field.DATE && releasesSomething(question, rule.get().pattern())) {
            return Optional.empty();
        }
        // A rating of a company (对英伟达的评级) is not the report's industry rating.
        if (field == Field.RATING && !AskedFor.ratedSubject(question).isEmpty()) {
            return Optional.empty();
        }
        Meant all = meant(question, applied);
        List<ReportCard> meant = all.listed();
        if (meant.isEmpty()) {
            return Optional.empty();
        }
        if (field == Field.RATING) {
            Optional<String> other =
                    otherIndustry(ratedIndustries(question, turn), meant).or(() -> otherRating(question, meant));
            if (other.isPresent()) {
                return Optional.of(ExtractiveAnswerer.Draft.abstain(other.get()));
            }
        }
        if (asksMore(question, rule.get(), meant) || quotesAnotherTitle(question, meant)) {
            return Optional.empty();
        }
        FactLines lines = new FactLines(this);
        lines.of(all);
        boolean onlyInferred = field == Field.DATE;
        for (ReportCard r : meant) {
            String value = field.value(r);
            if (value.isEmpty()) {
                continue;
            }
            String evidence = field.evidence(r.metadata(), value);
            // A date read from what the report mentions is an inference, not the report's date: the
            // answer says so rather than passing it off as stated.
            if (field == Field.DATE && r.metadata().date().inferred()) {
                value = value + "（" + INFERRED_DATE + "）";
            } else {
                onlyInferred = false;
            }
            lines.add(r, evidence, field.label + " " + value);
        }
        if (lines.isEmpty()) {
            // A broker's report that names nobody in its header names nobody; a document of no known
            // broker has no such header (an encyclopaedia article, CMRC 2018: 《…》的作者是谁 asks for the
            // book's author), and its text may still say who wrote it.
            boolean brokerReports =
                    meant.stream().noneMatch(r -> r.metadata().broker().isEmpty());
            // Nor does a broker's report with no covered week in its header (a flash note) cover one.
            return (field.namesPeople() || field == Field.PERIOD) && brokerReports
                    ? Optional.of(ExtractiveAnswerer.Draft.abstain(
                            "the report" + (meant.size() > 1 ? "s name" : " names") + " no " + field.label))
                    : Optional.empty();
        }
        if (onlyInferred) {
            // No report meant states its date: the question is not answered, but what their text
            // implies is still worth saying, cited.
            String reason = (lines.size() > 1
                            ? "the reports meant do not state their dates"
                            : "the report does not state its date")
                    + "; the date given is inferred from the text";
            return Optional.of(lines.draft(reason));
        }
        return lines.answer();
    }

    /**
     * Why a question that presupposes a rating (为何下调为“同步大市”, downgrade to Neutral) is not
     * answered: none of the ratings it names is that of a report it means. Empty when it names none,
     * or one a meant report gives.
     */
    static Optional<String> otherRating(String question, List<ReportCard> meant) {
        List<String> named = new ArrayList<>();
        boolean given = false;
        for (RatingValue v : RATING_VALUES) {
            Matcher m = v.framed().matcher(question);
            if (m.find()) {
                // As the question writes it (Underperform, not the list's underperform).
                String frame = m.group();
                int at = frame.toLowerCase(Locale.ROOT).indexOf(v.value().toLowerCase(Locale.ROOT));
                named.add(
                        at < 0 ? v.value() : frame.substring(at, at + v.value().length()));
                given |= meant.stream().anyMatch(r -> v.written().stream()
                        .anyMatch(w -> r.metadata().rating().contains(w)));
            }
        }
        if (named.isEmpty() || given) {
            return Optional.empty();
        }
        List<String> ratings = meant.stream()
                .map(r -> r.metadata().rating())
                .filter(x -> !x.isBlank())
                .distinct()
                .toList();
        return Optional.of("the report" + (meant.size() > 1 ? "s meant give" : " gives") + " no rating "
                + String.join(" or ", named)
                + (ratings.isEmpty() ? "" : " (" + String.join(", ", ratings) + ")"));
    }

    /** {@code - 上海证券 · 2024-03-19 《title》：评级 增持[n]。}: a fact of a report, led by its source. */
    static String factLine(Source cited, String title, String fact, int n) {
        return "- " + Markdown.inline(cited.label()) + " 《" + Markdown.inline(title) + "》：" + fact + "[" + n + "]。";
    }

    /** How an inferred report date is labelled in an answer. */
    static final String INFERRED_DATE = "报告未写明日期，据正文推断";

    /** The people the library's reports name (analysts and assistants), read again when the library changes. */
    public Set<String> people() {
        Map<String, ReportCard> reports = backend.reports();
        PeopleOf cached = people;
        if (cached != null && cached.reports() == reports) {
            return cached.names();
        }
        Set<String> out = new TreeSet<>();
        for (ReportCard r : reports.values()) {
            out.addAll(peopleOf(r));
        }
        people = new PeopleOf(reports, Set.copyOf(out));
        return people.names();
    }

    /** The analysts and assistants of one report (none for a report not in the library). */
    List<String> peopleOf(String reportId) {
        ReportCard r = backend.reports().get(reportId);
        return r == null ? List.of() : peopleOf(r);
    }

    private static List<String> peopleOf(ReportCard r) {
        List<String> out = new ArrayList<>(r.metadata().analysts());
        out.addAll(r.metadata().assistants());
        out.removeIf(String::isBlank);
        return out;
    }

    /** The people of one state of the library (the map the backend hands out is replaced on refresh). */
    private record PeopleOf(Map<String, ReportCard> reports, Set<String> names) {}

    private volatile PeopleOf people;

    /** The reports the question names, best fit first; every report for "各家 / 分别 / each". */
    private List<ReportCard> meant(String question, Collection<ReportCard> reports, SearchFilters applied) {
        // The broker the question names, read once: a report of another broker is not meant.
        Optional<String> named = brokers.namedIn(question).stream()
                .map(BrokerRegistry.Broker::name)
                .findFirst();
        // Every report is fitted (10,000 in a large library): what fit() reads from the question is
        // read once, and the fits are kept by position, not in a map hashing each whole card.
        FitQuestion q = FitQuestion.of(question, named);
        List<ReportCard> all = List.copyOf(reports);
        double[] fits = new double[all.size()];
        for (int i = 0; i < fits.length; i++) {
            fits[i] = fit(q, all.get(i).metadata());
        }
        double best = 0;
        List<ReportCard> out = new ArrayList<>();
        for (int i = 0; i < fits.length; i++) {
            ReportCard r = all.get(i);
            double s = fits[i];
            if (!applied.brokers().isEmpty()
                    && !applied.brokers().contains(r.metadata().broker())) {
                continue;
            }
            if (!applied.reportIds().isEmpty() && !applied.reportIds().contains(r.id())) {
                continue;
            }
            if (s >= 0 && applied.hasDateRange() && dated(r.metadata().date(), applied)) {
                s += 3;
            }
            if (s < 0) {
                continue;
            }
            if (s > best + 1e-9) {
                best = s;
                out.clear();
            }
            if (Math.abs(s - best) < 1e-9) {
                out.add(r);
            }
        }
        boolean aboutReports = REPORT_WORDS.matcher(question).find() || best > 0;
        if (ALL_REPORTS.matcher(question).find() && aboutReports) {
            return IntStream.range(0, fits.length)
                    .filter(i -> fits[i] >= 0)
                    .mapToObj(all::get)
                    .toList();
        }
        return best > 0 ? out : List.of();
    }

    /**
     * Whether the question asks about more than the header field: Chinese characters left once the
     * field's words, what names the reports (broker, people, title, industry, header) and plain words are
     * taken out.
     */
    private boolean asksMore(String question, FieldRule rule, List<ReportCard> meant) throws IOException {
        String rest = rule.pattern().matcher(question).replaceAll(" ");
        rest = REPORT_WORDS.matcher(rest).replaceAll(" ");
        for (BrokerRegistry.Broker b : brokers.brokers()) {
            for (String n : b.names()) {
                rest = rest.replace(n, " ");
            }
        }
        StringBuilder named = new StringBuilder();
        for (ReportCard r : meant) {
            ReportMetadata m = r.metadata();
            named.append(m.title()).append(m.industry()).append(m.reportType());
            m.analysts().forEach(named::append);
            m.assistants().forEach(named::append);
            // The header's own lines name the report too (——互联网传媒行业周报), but not the
            // summary that follows them: its words are what questions about content use.
            header(r).lines().filter(l -> NoiseLines.kind(l).isPresent()).forEach(named::append);
        }
        // A name the title does not hold (发布 Sora) is what the question is about, unless it
        // describes the report itself (这篇Sora快报, the Sora report) and the report does discuss it.
        if (Language.of(question) != Language.ENGLISH) {
            Matcher latin = LATIN_NAME.matcher(rest);
            while (latin.find()) {
                String name = latin.group();
                if (named.indexOf(name) < 0 && !describesReport(question, name, meant)) {
                    return true;
                }
            }
        }
        long other = rest.codePoints()
                .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                .filter(c -> PLAIN_CHARS.indexOf(c) < 0 && named.indexOf(new String(Character.toChars(c))) < 0)
                .count();
        return other > MAX_OTHER_CHARS;
    }

    /**
     * Whether {@code name} stands right next to a word for a report in the question, with nothing
     * but spaces or a 的 between (这篇Sora快报, Sora 那篇, Etna的那期), and every meant report's text mentions it: it
     * then says which report, not what else is asked (那篇说 Sora 是哪天发布的 asks about Sora).
     */
    private boolean describesReport(String question, String name, List<ReportCard> meant) throws IOException {
        for (int at = question.indexOf(name); at >= 0; at = question.indexOf(name, at + 1)) {
            String before = question.substring(0, at).stripTrailing();
            // 讲 Etna 的那期周报: a 的 between the name and the report word still describes the report.
            String after = question.substring(at + name.length()).stripLeading().replaceFirst("^的\\s*", "");
            boolean adjacent = REPORT_WORD_BEFORE.matcher(before).find()
                    || REPORT_WORDS.matcher(after).lookingAt();
            if (adjacent && allMention(meant, name)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern QUOTED_TITLE = Pattern.compile("《([^》]{2,60})》");

    /**
     * Whether the question quotes a title (《2024W11 周数据跟踪》) that is none of the meant reports'
     * own: it asks about a report they list, not about them.
     */
    private static boolean quotesAnotherTitle(String question, List<ReportCard> meant) {
        Matcher m = QUOTED_TITLE.matcher(question);
        while (m.find()) {
            String quoted = m.group(1);
            if (meant.stream().noneMatch(r -> titleOverlap(r.metadata().title(), quoted) > 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The industries a rating question asks about: those the turn names itself ("And their rating on
     * the computer sector?"); else those carried over from the conversation, unless the turn names a
     * broker ("那华金的呢？" after a question about 德邦's 计算机 rating asks for 华金's rating, whatever
     * industry 华金 covers; naming the same broker again, 那德邦的呢？, asks for all its ratings too).
     */
    private List<String> ratedIndustries(String question, String turn) {
        List<String> own = AskedFor.industriesIn(turn);
        if (!own.isEmpty() || question.equals(turn)) {
            return own;
        }
        return brokers.namedIn(turn).isEmpty() ? AskedFor.industriesIn(question) : List.of();
    }

    /**
     * When a rating question names industries none of the meant reports covers (上海证券给计算机行业的评级,
     * where 上海证券's reports rate 传媒), why it cannot be answered; else empty.
     */
    private static Optional<String> otherIndustry(List<String> named, List<ReportCard> meant) {
        if (named.isEmpty()) {
            return Optional.empty();
        }
        List<String> covered = new ArrayList<>();
        for (ReportCard r : meant) {
            ReportMetadata m = r.metadata();
            String about = m.industry() + m.title() + header(r);
            if (named.stream().anyMatch(about::contains)) {
                return Optional.empty();
            }
            if (!m.industry().isEmpty() && !covered.contains(m.industry())) {
                covered.add(m.industry());
            }
        }
        return Optional.of(
                "the reports meant rate " + (covered.isEmpty() ? "another industry" : String.join("、", covered))
                        + ", not " + String.join("、", named));
    }

    private static final Pattern OBJECT_AFTER = Pattern.compile("^\\s*[A-Za-z0-9\\p{IsHan}&&[^的了吗呢？?。，,]]");

    /** Whether the words after a date question's verb (发布, released) name what was released. */
    private static boolean releasesSomething(String question, Pattern datePattern) {
        Matcher m = datePattern.matcher(question);
        // Only a match ending in the verb can have an object after it (哪天发布 Sora, not 发布日期是…).
        return m.find()
                && m.group().endsWith("发布")
                && OBJECT_AFTER.matcher(question.substring(m.end())).find();
    }

    /** The start of a report's text, where its header stands. */
    private static String header(ReportCard r) {
        return r.header();
    }

    /**
     * At most this many reports are read whole to see whether they mention a name: a question about
     * every report of a large library would otherwise read the library's texts to answer it.
     */
    private static final int MAX_WHOLE_READS = 10;

    /**
     * Whether the whole text of every report mentions {@code name}. A card holds no text: a report
     * whose header does not name it is read from the index (the current commit: a report removed
     * since the cards were read mentions nothing). Beyond {@value #MAX_WHOLE_READS} such reads, no.
     */
    private boolean allMention(List<ReportCard> reports, String name) throws IOException {
        if (reports.stream().filter(r -> !r.header().contains(name)).count() > MAX_WHOLE_READS) {
            return false;
        }
        for (ReportCard r : reports) {
            if (r.header().contains(name)) {
                continue;
            }
            Optional<Report> whole = backend.report(r.id());
            if (whole.isEmpty() || !whole.get().text().contains(name)) {
                return false;
            }
        }
        return true;
    }

    /** A weekly's covered period as its header writes it (20240318-20240324), or empty. */
    private static final Pattern PERIOD = Pattern.compile("(?<!\\d)\\d{8}\\s*[-–~至]\\s*\\d{8}(?!\\d)");

    private static String period(ReportCard r) {
        Matcher m = PERIOD.matcher(header(r));
        return m.find() ? m.group() : "";
    }

    /** Whether a report whose date has both ends known falls in the filters' range. */
    private static boolean dated(ReportDate d, SearchFilters f) {
        return d.earliest() != null && d.latest() != null && f.datesMatch(d);
    }

    /**
     * What {@link #fit} reads from a question: the broker it names, the pairs of characters of its
     * text without white space,
     * the Latin names (three letters or more, lower-cased) and the three-character Chinese words
     * that are not plain question or report words (see {@link #namesTitleTopic}), and the dates it
     * gives with their years.
     */
    private record FitQuestion(
            String text,
            Optional<String> broker,
            TextMatch.Pairs compact,
            List<String> latinNames,
            List<String> hanWords,
            Set<LocalDate> dates) {

        static FitQuestion of(String question, Optional<String> broker) {
            List<String> latin = new ArrayList<>();
            Matcher m = LATIN_NAME.matcher(question);
            while (m.find()) {
                if (m.group().length() >= 3) {
                    latin.add(m.group().toLowerCase(Locale.ROOT));
                }
            }
            List<String> han = new ArrayList<>();
            for (int i = 0; i + 3 <= question.length(); i++) {
                String w = question.substring(i, i + 3);
                boolean allHan =
                        w.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
                boolean plain = w.chars().allMatch(c -> PLAIN_CHARS.indexOf(c) >= 0);
                if (allHan && !plain) {
                    han.add(w);
                }
            }
            Set<LocalDate> dates = new HashSet<>();
            Dates.fullDates(question).forEach(f -> dates.add(f.date()));
            return new FitQuestion(
                    question, broker, TextMatch.Pairs.of(TextMatch.withoutSpace(question)), latin, han, dates);
        }

        /** {@link #namesTitleTopic} for this question. */
        boolean namesTopicOf(String title) {
            if (!latinNames.isEmpty()) {
                String t = title.toLowerCase(Locale.ROOT);
                for (String name : latinNames) {
                    if (t.contains(name)) {
                        return true;
                    }
                }
            }
            for (String w : hanWords) {
                if (title.contains(w)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * How well a report fits what the question names; negative when it names another broker.
     */
    private static double fit(FitQuestion q, ReportMetadata m) {
        double s = 0;
        if (q.broker().isPresent()) {
            if (!q.broker().get().equals(m.broker())) {
                return -1;
            }
            s += 3;
        }
        String question = q.text();
        for (String a : m.analysts()) {
            if (!a.isEmpty() && question.contains(a)) {
                s += 3;
            }
        }
        for (String a : m.assistants()) {
            if (!a.isEmpty() && question.contains(a)) {
                s += 3;
            }
        }
        if (m.date().exact() != null && q.dates().contains(m.date().exact())) {
            s += 3;
        }
        s += 3 * titleOverlap(q.compact(), m.title());
        if (q.namesTopicOf(m.title())) {
            s += 2;
        }
        if (!m.industry().isEmpty() && question.contains(m.industry())) {
            s += 1;
        }
        if (!m.reportType().isEmpty() && question.contains(m.reportType().replace("行业", ""))) {
            s += 1;
        }
        return s;
    }

    /**
     * Whether the question names something the title is about by a word of its own: a Latin name
     * (Kimi, Sora) or three Chinese characters in a row (七火山) that are not question words or
     * report words. "七火山那期周报" means the weekly whose title names 七火山, not every weekly.
     */
    static boolean namesTitleTopic(String question, String title) {
        return FitQuestion.of(question, Optional.empty()).namesTopicOf(title);
    }

    /** The share of the title's character pairs that the question repeats, when it is at least a third. */
    private static double titleOverlap(String question, String title) {
        return titleOverlap(TextMatch.Pairs.of(TextMatch.withoutSpace(question)), title);
    }

    /** {@link #titleOverlap(String, String)} of a question given by its pairs of characters without white space. */
    private static double titleOverlap(TextMatch.Pairs question, String title) {
        String t = TextMatch.withoutSpace(title);
        if (t.length() < 4) {
            return 0;
        }
        double share = question.shareOf(t);
        return share >= 1.0 / 3 ? share : 0;
    }

    private static String people(ReportMetadata m) {
        if (m.analysts().isEmpty()) {
            return "";
        }
        String out = String.join("、", m.analysts());
        return m.assistants().isEmpty() ? out : out + "（研究助理 " + String.join("、", m.assistants()) + "）";
    }

    /** The first passage of the report holding the evidence (whitespace ignored), else its first passage. */
    Source passageWith(ReportCard r, String evidence) throws IOException {
        List<Passage> passages = backend.passages(r.id());
        Passage hit = HeaderQuestions.passageHolding(passages, evidence, true)
                .orElse(passages.isEmpty() ? null : passages.get(0));
        if (hit == null) {
            throw new IOException("report " + r.id() + " has no passages");
        }
        return Source.of(new Passage(
                hit.passageId(),
                hit.reportId(),
                hit.text(),
                hit.section(),
                hit.boilerplate(),
                hit.start(),
                hit.end(),
                0,
                0,
                r.metadata(),
                hit.lines(),
                hit.page()));
    }
}
