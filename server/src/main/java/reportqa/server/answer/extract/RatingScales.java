package reportqa.server.answer.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.search.SearchBackend;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.text.ScreenedPattern;

/**
 * Questions about a broker's rating scale ("上海证券的行业评级里“增持”是啥意思？", "What does a 'B' risk grade
 * signify?", "A 股以什么指数做基准？"), answered from the definitions the report's back matter prints and
 * cited to the passage that holds them. Every Chinese broker report ends with its scale: each rating
 * per scope (stock, industry, risk) with what it requires, and the benchmark index of each market. The
 * words are in {@code rating-scales.json}.
 */
final class RatingScales {

    /**
     * A rating a scale may define, with the English words for it and the scope it belongs to by
     * default; a grade letter (A, B) with the pattern that finds it as a word of its own.
     */
    private record Term(String term, Pattern english, String scope, Pattern letter) {}

    /** How a report heads a scope's table and how a question names the scope. */
    private record Scope(String name, Pattern heading, ScreenedPattern asks) {}

    /** How a report and a question name a market (A 股, 港股 …). */
    private record Market(Pattern report, Pattern asks) {}

    /**
     * One rating's definition as a report prints it.
     *
     * @param scope stock, industry or risk; empty when neither the report nor the term says
     * @param term the rating (买入, 领先大市, A)
     * @param text the definition, as written
     */
    record Definition(String scope, String term, String text) {}

    private static final List<Term> TERMS;
    private static final List<Scope> SCOPES;
    private static final List<Market> MARKETS;
    private static final ScreenedPattern ASKS_MEANING;
    private static final ScreenedPattern ASKS_BENCHMARK;
    private static final ScreenedPattern BENCHMARK_CONTEXT;
    private static final Pattern RATING_CONTEXT;
    private static final Pattern DEFINITION_ASKED;
    private static final Pattern QUOTED;
    /** How far after a rating a word asking for its definition may stand (减持 定义, 增持的含义). */
    private static final int NEAR_DEFINITION = 4;
    /** Where the back matter may begin, as a share of the report's text: a scale is printed at the end. */
    private static final double BACK_MATTER_FROM;

    private static final Pattern OWN_RATING;
    private static final Pattern DEFINITION_WORDS;
    private static final Pattern BENCHMARK_LINE;
    /**
     * A rating at the start of a table cell (line start, or after a space or a stop) and what parts it
     * from its definition: a dash (A—正常风险), a colon or a space.
     */
    private static final Pattern CELL_TERM;

    static {
        JsonNode root = Resources.json("/reportqa/rating-scales.json");
        List<Term> terms = new ArrayList<>();
        for (JsonNode t : root.path("terms")) {
            String english = t.path("english").asText();
            String term = t.path("term").asText();
            terms.add(new Term(
                    term,
                    english.isEmpty() ? null : Pattern.compile("(?i)" + english),
                    t.path("scope").asText(),
                    // Never the A of A 股.
                    term.length() == 1
                            ? Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(term) + "(?![A-Za-z0-9]|\\s*股)")
                            : null));
        }
        // Longest first: 谨慎推荐 before 推荐.
        terms.sort((a, b) -> b.term().length() - a.term().length());
        TERMS = List.copyOf(terms);
        List<Scope> scopes = new ArrayList<>();
        root.path("scopes")
                .fields()
                .forEachRemaining(e -> scopes.add(new Scope(
                        e.getKey(),
                        Pattern.compile(e.getValue().path("heading").asText()),
                        ScreenedPattern.compile(e.getValue().path("asks").asText()))));
        SCOPES = List.copyOf(scopes);
        List<Market> markets = new ArrayList<>();
        for (JsonNode m : root.path("markets")) {
            markets.add(new Market(
                    Pattern.compile(m.path("report").asText()),
                    Pattern.compile(m.path("asks").asText())));
        }
        MARKETS = List.copyOf(markets);
        ASKS_MEANING = ScreenedPattern.compile(root.path("asksMeaning").asText());
        ASKS_BENCHMARK = ScreenedPattern.compile(root.path("asksBenchmark").asText());
        BENCHMARK_CONTEXT =
                ScreenedPattern.compile(root.path("benchmarkContext").asText());
        RATING_CONTEXT = Pattern.compile(root.path("ratingContext").asText());
        DEFINITION_ASKED = Pattern.compile(root.path("definitionAsked").asText());
        QUOTED = Pattern.compile(root.path("quoted").asText());
        BACK_MATTER_FROM = root.path("backMatterFrom").asDouble();
        OWN_RATING = Pattern.compile(root.path("ownRating").asText());
        DEFINITION_WORDS = Pattern.compile(root.path("definitionWords").asText());
        BENCHMARK_LINE = Pattern.compile(root.path("benchmarkLine").asText());
        StringBuilder alternatives = new StringBuilder();
        for (Term t : TERMS) {
            alternatives.append(alternatives.length() > 0 ? "|" : "").append(Pattern.quote(t.term()));
        }
        CELL_TERM = Pattern.compile(
                "(?:^|(?<=[\\s。；;：:]))(" + alternatives + ")(\\s*(?:[—－–]+|-{1,2}|[：:])\\s*|[ \\t]+)(?=\\S)",
                Pattern.MULTILINE);
    }

    /** Most brokers whose scales one answer quotes ("各家券商的评级标准" in a library of many brokers). */
    static final int MAX_BROKERS = 10;

    private final SearchBackend backend;
    private final HeaderFacts header;

    RatingScales(SearchBackend backend, HeaderFacts header) {
        this.backend = backend;
        this.header = header;
    }

    /**
     * Whether a question asks what a rating means or which index is the benchmark: a benchmark word
     * with an index, a market or a rating beside it (基准指数, the A-share benchmark); or a word for a
     * meaning with a rating named as a rating — among words of ratings (评级, rated), quoted (“增持”),
     * or right before 定义 / 含义 (减持 定义) — or "that rating". Not 大股东增持的幅度, nor "How much
     * memory does it require to hold…": their 增持 and hold are no ratings.
     */
    static boolean asked(String question) {
        Set<String> terms = termsIn(question);
        if (terms.isEmpty() && ASKS_BENCHMARK.find(question) && BENCHMARK_CONTEXT.find(question)) {
            return true;
        }
        if (!ASKS_MEANING.find(question)) {
            return false;
        }
        if (terms.isEmpty()) {
            return OWN_RATING.matcher(question).find();
        }
        return RATING_CONTEXT.matcher(question).find() || quoted(question) || beforeDefinitionWord(question, terms);
    }

    /**
     * The ratings of the report's own rating a question pointing at it asks about: the grade letter
     * it names (这个评级里的 A 是什么意思, of 领先大市-A), else every rating in it.
     */
    private static Set<String> ownTerms(String rating, String question) {
        Set<String> letters = new LinkedHashSet<>();
        for (Term t : TERMS) {
            if (t.letter() != null
                    && t.letter().matcher(rating).find()
                    && t.letter().matcher(question).find()) {
                letters.add(t.term());
            }
        }
        if (!letters.isEmpty()) {
            return letters;
        }
        Set<String> all = new LinkedHashSet<>(termsIn(rating));
        // The grade of a rating such as 领先大市-A, which names no risk by word.
        TERMS.stream()
                .filter(t -> t.letter() != null && t.letter().matcher(rating).find())
                .forEach(t -> all.add(t.term()));
        return all;
    }

    /** Whether the question quotes a rating (“领先大市”, 'B'). */
    private static boolean quoted(String question) {
        Matcher m = QUOTED.matcher(question);
        while (m.find()) {
            String inside = m.group(1).strip();
            if (!termsIn(inside).isEmpty()
                    || TERMS.stream().anyMatch(t -> t.term().equals(inside))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a rating stands right before a word asking for its definition (减持 定义, 增持的含义). */
    private static boolean beforeDefinitionWord(String question, Set<String> terms) {
        for (String t : terms) {
            int at = question.indexOf(t);
            if (at >= 0) {
                int from = at + t.length();
                Matcher m = DEFINITION_ASKED.matcher(question);
                m.region(from, Math.min(question.length(), from + NEAR_DEFINITION));
                if (m.find()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The answer from the scales the reports print, or empty when the question asks about no rating's
     * meaning nor the benchmark, or names no report.
     *
     * @param question the standalone question
     * @param applied the filters the search applied
     */
    Optional<ExtractiveAnswerer.Draft> answer(String question, SearchFilters applied) throws IOException {
        if (!asked(question)) {
            return Optional.empty();
        }
        // A broker prints one scale in all its reports: one report of each is read (the newest meant).
        List<ReportCard> meant = newestOfEachBroker(header.meantOfEachBroker(question, applied));
        if (meant.isEmpty()) {
            return Optional.empty();
        }
        Set<String> terms = termsIn(question);
        String scope = scopeIn(question);
        boolean benchmark = terms.isEmpty() && ASKS_BENCHMARK.find(question);
        boolean ownRating = terms.isEmpty() && !benchmark;
        FactLines facts = new FactLines(header);
        // One line per definition and broker: a broker's reports print the same scale.
        Set<String> said = new HashSet<>();
        for (ReportCard r : meant) {
            Optional<Report> report = backend.report(r.id());
            if (report.isEmpty()) {
                continue;
            }
            String broker = r.metadata().broker();
            List<String> lines = new ArrayList<>();
            if (benchmark) {
                lines.addAll(benchmarks(report.get().text(), question));
            } else {
                Set<String> wanted = ownRating ? ownTerms(r.metadata().rating(), question) : terms;
                for (Definition d : definitions(report.get().text())) {
                    // A grade letter is a risk grade whatever scope the question's other words name
                    // (这个评级里的 A after a question on the industry's rating).
                    if (wanted.contains(d.term())
                            && (scope.isEmpty()
                                    || d.scope().isEmpty()
                                    || d.scope().equals(scope)
                                    || d.term().length() == 1)) {
                        lines.add(d.text());
                    }
                }
            }
            for (String line : lines) {
                // (A definition the report prints twice, spaced otherwise, once.)
                if (!said.add(broker + "\n" + line.replaceAll("\\s+", ""))) {
                    continue;
                }
                facts.add(r, line, line);
            }
        }
        if (facts.isEmpty()) {
            String what = benchmark
                    ? "benchmark index"
                    : "definition of " + (ownRating ? "their rating" : String.join(" or ", terms));
            return Optional.of(ExtractiveAnswerer.Draft.abstain("the rating scale"
                    + (meant.size() > 1 ? "s of the reports meant give" : " of the report gives") + " no " + what));
        }
        return facts.answer();
    }

    /** Of the reports, the newest of each broker, at most {@value #MAX_BROKERS} brokers, in their order. */
    private static List<ReportCard> newestOfEachBroker(List<ReportCard> reports) {
        Map<String, ReportCard> out = new LinkedHashMap<>();
        for (ReportCard r : reports) {
            String broker = r.metadata().broker();
            ReportCard kept = out.get(broker);
            if (kept == null && out.size() >= MAX_BROKERS) {
                continue;
            }
            if (kept == null || newer(r, kept)) {
                out.put(broker, r);
            }
        }
        return new ArrayList<>(out.values());
    }

    private static boolean newer(ReportCard a, ReportCard b) {
        LocalDate da = a.metadata().date().earliest();
        LocalDate db = b.metadata().date().earliest();
        return da != null && (db == null || da.isAfter(db));
    }

    /** The ratings a text names: as written (增持), or in English (Overweight); a risk grade's letter only beside 风险/risk. */
    static Set<String> termsIn(String text) {
        Set<String> out = new LinkedHashSet<>();
        String rest = text;
        boolean risk = scopeIn(text).equals("risk");
        for (Term t : TERMS) {
            if (t.letter() != null) {
                // A grade letter (A 档, 'B' risk grade) only where risk is asked about.
                if (risk && t.letter().matcher(text).find()) {
                    out.add(t.term());
                }
                continue;
            }
            if (rest.contains(t.term())) {
                out.add(t.term());
                rest = rest.replace(t.term(), " ");
            } else if (t.english() != null && t.english().matcher(text).find()) {
                out.add(t.term());
            }
        }
        return out;
    }

    /** The scope a question names (stock, industry, risk), or empty; risk first: 行业的风险评级 asks for risk. */
    static String scopeIn(String question) {
        for (String name : List.of("risk", "stock", "industry")) {
            for (Scope s : SCOPES) {
                if (s.name().equals(name) && s.asks().find(question)) {
                    return name;
                }
            }
        }
        return "";
    }

    /**
     * The ratings a report's scale defines, in order. A rating starts a cell of its table (at a line's
     * start, or after a space or a full stop once cleaning has joined the cells) and its definition
     * follows, after a space or a dash (领先大市—未来 6 个月…), up to the line's end, the next rating
     * or the next heading. Its scope is the heading above it (股票投资评级, 风险评级), else what its
     * definition speaks of (行业, 股价), else the term's own (买入 rates stocks), else that of the rows
     * beside it in the same table.
     */
    static List<Definition> definitions(String text) {
        List<int[]> headings = new ArrayList<>();
        List<String> headingScopes = new ArrayList<>();
        for (Scope s : SCOPES) {
            Matcher h = s.heading().matcher(text);
            while (h.find()) {
                headings.add(new int[] {h.start(), h.end()});
                headingScopes.add(s.name());
            }
        }
        List<int[]> starts = new ArrayList<>(); // term start, term end, definition start
        // The scale is in the back matter: a rating word at a line's start in the body is no definition.
        Matcher m = CELL_TERM.matcher(text);
        m.region((int) (text.length() * BACK_MATTER_FROM), text.length());
        m.useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            boolean letter = m.group(1).length() == 1;
            // A grade letter only with a dash (A—正常风险): "A 股市场" is a market.
            if (letter && m.group(2).isBlank()) {
                continue;
            }
            starts.add(new int[] {m.start(1), m.end(1), m.end()});
        }
        List<Definition> out = new ArrayList<>();
        List<Integer> table = new ArrayList<>();
        Set<String> inTable = new HashSet<>();
        String lastHeading = "";
        for (int k = 0; k < starts.size(); k++) {
            int[] at = starts.get(k);
            int end = text.indexOf('\n', at[2]);
            end = end < 0 ? text.length() : end;
            if (k + 1 < starts.size()) {
                end = Math.min(end, starts.get(k + 1)[0]);
            }
            String heading = "";
            int headingAt = -1;
            for (int h = 0; h < headings.size(); h++) {
                int[] span = headings.get(h);
                if (span[0] >= at[2] && span[0] < end) {
                    end = span[0];
                }
                if (span[1] <= at[0] && span[0] > headingAt) {
                    headingAt = span[0];
                    heading = headingScopes.get(h);
                }
            }
            String definition = text.substring(at[2], end).strip().replaceAll("[；;，,。]$", "");
            if (!DEFINITION_WORDS.matcher(definition).find()) {
                continue;
            }
            String term = text.substring(at[0], at[1]);
            if (!heading.equals(lastHeading)) {
                resolve(out, table);
                inTable.clear();
                lastHeading = heading;
            }
            String scope = heading;
            if (scope.isEmpty()) {
                scope = scopeOfDefinition(definition);
            }
            if (scope.isEmpty()) {
                scope = defaultScope(term);
            }
            // A rating that comes again, or one of another scope, starts the next table.
            String tableScope = scopeOf(out, table);
            if (!inTable.add(term) || (!scope.isEmpty() && !tableScope.isEmpty() && !scope.equals(tableScope))) {
                resolve(out, table);
                inTable.clear();
                inTable.add(term);
            }
            out.add(new Definition(scope, term, text.substring(at[0], at[2]) + definition));
            table.add(out.size() - 1);
        }
        resolve(out, table);
        return out;
    }

    /** The scope the rows of a table have, when those that have one agree, else empty. */
    private static String scopeOf(List<Definition> out, List<Integer> table) {
        Set<String> scopes = new HashSet<>();
        table.forEach(i -> scopes.add(out.get(i).scope()));
        scopes.remove("");
        return scopes.size() == 1 ? scopes.iterator().next() : "";
    }

    /** The rows of a table without a scope take the scope its other rows have, when they agree. */
    private static void resolve(List<Definition> out, List<Integer> table) {
        String scope = scopeOf(out, table);
        if (!scope.isEmpty()) {
            for (int i : table) {
                Definition d = out.get(i);
                out.set(i, new Definition(scope, d.term(), d.text()));
            }
        }
        table.clear();
    }

    private static String scopeOfDefinition(String definition) {
        if (definition.contains("行业")) {
            return "industry";
        }
        if (definition.contains("股价") || definition.contains("公司")) {
            return "stock";
        }
        return "";
    }

    private static String defaultScope(String term) {
        return TERMS.stream()
                .filter(t -> t.term().equals(term))
                .map(Term::scope)
                .findFirst()
                .orElse("");
    }

    /** The report's benchmark sentences (A 股市场以沪深 300 指数为基准), those of the market the question names when it names one. */
    static List<String> benchmarks(String text, String question) {
        List<Market> named =
                MARKETS.stream().filter(m -> m.asks().matcher(question).find()).toList();
        Map<String, Boolean> out = new LinkedHashMap<>();
        Matcher m = BENCHMARK_LINE.matcher(text);
        while (m.find()) {
            String market = m.group(1);
            if (named.isEmpty()
                    || named.stream().anyMatch(n -> n.report().matcher(market).find())) {
                out.putIfAbsent(m.group().replaceAll("\\s+", " ").strip(), true);
            }
        }
        return new ArrayList<>(out.keySet());
    }
}
