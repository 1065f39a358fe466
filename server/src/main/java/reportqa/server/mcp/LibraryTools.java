package reportqa.server.mcp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.report.ReportSummary;
import reportqa.retrieval.search.Retriever;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.search.SearchRequest;
import reportqa.retrieval.search.SearchResult;
import reportqa.retrieval.search.UnknownFilterException;
import reportqa.server.answer.Answer;
import reportqa.server.answer.AskRequest;
import reportqa.server.answer.Source;
import reportqa.server.answer.cite.Footnotes;
import reportqa.server.config.ServerConfig;
import reportqa.server.pipeline.AnswerPipeline;

/**
 * What an agent can do with the library, whatever protocol it speaks: search it, ask it, read a
 * report, list reports. Each takes a tool call's arguments ({@link ToolArguments}: a bad one is a
 * {@link ToolArgumentException}) and returns a value that says broker and date for every passage and
 * report it names.
 */
public final class LibraryTools {

    /** Most passages a search returns. */
    static final int MAX_PASSAGES = SearchRequest.MAX_K;
    /** Passages a search returns unless told. */
    static final int DEFAULT_PASSAGES = 8;
    /** Most characters of a report's text one call returns (an agent reads on from {@code next_offset}). */
    static final int MAX_CHARS = 50_000;

    static final int DEFAULT_CHARS = 10_000;
    /** Most reports one listing returns. */
    static final int MAX_LISTED = 200;

    static final int DEFAULT_LISTED = 50;

    private static final int MAX_QUERY = AskRequest.MAX_QUESTION;

    private final AnswerPipeline answers;
    private final AnswerPipeline extractive;
    private final Retriever retriever;
    private final int passagesPerAnswer;
    private final WorkGate answerSlots;
    private final WorkGate searchSlots;

    /**
     * @param answers the answer pipeline (with the configured model, if any)
     * @param retriever the library's retriever
     * @param passagesPerAnswer how many passages an answer is made from unless told
     * @param answerSlots where an answer is made (the server's answer slots)
     * @param searchSlots where a search runs (the server's search slots)
     */
    public LibraryTools(
            AnswerPipeline answers,
            Retriever retriever,
            int passagesPerAnswer,
            WorkGate answerSlots,
            WorkGate searchSlots) {
        this.answerSlots = answerSlots;
        this.searchSlots = searchSlots;
        this.answers = answers;
        this.extractive = answers.extractiveOnly();
        this.retriever = retriever;
        this.passagesPerAnswer = passagesPerAnswer;
    }

    /**
     * The passages found for a query.
     *
     * @param query the query as searched
     * @param filterNote how the query narrowed the search (a broker or date it names), or empty
     * @param passages best first, each with broker, date, title, section, report and passage ids
     */
    public record Found(String query, String filterNote, List<Source> passages) {}

    /** {@code search_reports}. */
    Found search(ToolArguments args) throws Exception {
        args.onlyKnown(Set.of("query", "k", "mode", "brokers", "from", "to", "reports"));
        String query = args.requiredText("query", MAX_QUERY);
        SearchRequest request = SearchRequest.question(
                query, args.integer("k", DEFAULT_PASSAGES, 1, MAX_PASSAGES), args.mode(), resolve(args.filters()));
        SearchResult result = searchSlots.call(() -> retriever.search(request));
        return new Found(
                query,
                result.autoFilterNote(),
                result.passages().stream().map(Source::of).toList());
    }

    /**
     * An answer.
     *
     * @param text the answer with {@code [n]} markers, then a footnote per citation (broker · date · title)
     * @param answer the whole answer: citations with their passages, sources, mode, why it abstained
     */
    public record Answered(String text, Answer answer) {}

    /** {@code ask}. */
    Answered ask(ToolArguments args) throws Exception {
        args.onlyKnown(Set.of("question", "k", "mode", "brokers", "from", "to", "reports", "extractive"));
        AskRequest request = new AskRequest(
                args.requiredText("question", MAX_QUERY),
                List.of(),
                resolve(args.filters()),
                args.integer("k", passagesPerAnswer, 1, ServerConfig.MAX_PASSAGES),
                args.mode());
        AnswerPipeline pipeline = args.flag("extractive", false) ? extractive : answers;
        Answer a = answerSlots.call(() -> pipeline.ask(request));
        return new Answered(a.answer() + Footnotes.of(a.citations()), a);
    }

    /**
     * Part of a report's text.
     *
     * @param report its metadata (broker, date, title, analysts, rating, pages, passages)
     * @param text the text from {@code offset} to {@code end}
     * @param offset where the part starts in the whole text
     * @param end where it ends
     * @param totalChars the whole text's length
     * @param nextOffset where to read on, or null at the end (or the end of the pages asked for)
     * @param sections the report's section headings, each with where it starts
     */
    public record ReportText(
            ReportSummary report,
            String text,
            int offset,
            int end,
            int totalChars,
            Integer nextOffset,
            List<SectionStart> sections) {}

    /** A section heading and where it starts in the text. */
    public record SectionStart(String heading, int start) {}

    /** A report whole, or null when the library has none of that id. */
    Report reportById(String id) throws IOException {
        return retriever.backend().report(id).orElse(null);
    }

    /** {@code get_report}. */
    ReportText report(ToolArguments args) throws IOException {
        args.onlyKnown(Set.of("id", "offset", "max_chars", "from_page", "to_page"));
        String id = args.requiredText("id", 200);
        Report r = retriever
                .backend()
                .report(id)
                .orElseThrow(() -> new ToolArgumentException(
                        "no report with id '" + id + "'; list_reports or search_reports give the ids"));
        String text = r.text();
        int max = args.integer("max_chars", DEFAULT_CHARS, 1, MAX_CHARS);
        int from = args.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = text.length();
        int fromPage = args.integer("from_page", 0, 1, 100_000);
        if (fromPage > 0 || args.integer("to_page", 0, 1, 100_000) > 0) {
            List<Integer> starts = r.pageStarts();
            if (starts.isEmpty()) {
                throw new ToolArgumentException(
                        "report '" + id + "' was read from text and has no pages; read it by offset instead");
            }
            int first = fromPage > 0 ? fromPage : 1;
            int last = args.integer("to_page", starts.size(), first, 100_000);
            if (first > starts.size()) {
                throw new ToolArgumentException(
                        "report '" + id + "' has " + starts.size() + " pages; from_page " + first + " is past its end");
            }
            int pageStart = starts.get(first - 1);
            from = Math.max(from, pageStart);
            limit = last >= starts.size() ? text.length() : starts.get(last);
        }
        if (from > limit && limit < text.length()) {
            throw new ToolArgumentException("offset " + from + " is past the end of the pages asked for (character "
                    + limit + " of report '" + id + "')");
        }
        if (from > text.length()) {
            throw new ToolArgumentException(
                    "offset " + from + " is past the end of report '" + id + "' (" + text.length() + " characters)");
        }
        int end = Math.min(limit, from + max);
        List<SectionStart> sections = new ArrayList<>();
        r.sections().forEach(s -> sections.add(new SectionStart(s.heading(), s.start())));
        ReportCard card = retriever.backend().reports().getOrDefault(id, new ReportCard(id, r.metadata(), ""));
        return new ReportText(
                ReportSummary.of(card),
                text.substring(from, end),
                from,
                end,
                text.length(),
                end < limit ? end : null,
                sections);
    }

    /**
     * A page of the library's reports, newest first.
     *
     * @param total how many reports match
     * @param offset where this page starts among them
     * @param reports the reports on this page
     */
    public record Listed(int total, int offset, List<ReportSummary> reports) {}

    /** {@code list_reports}. */
    Listed list(ToolArguments args) {
        args.onlyKnown(Set.of("brokers", "from", "to", "reports", "contains", "limit", "offset"));
        SearchFilters filters = resolve(args.filters());
        String contains = args.optionalText("contains", 200);
        String needle = contains == null ? "" : contains.toLowerCase(Locale.ROOT);
        int limit = args.integer("limit", DEFAULT_LISTED, 1, MAX_LISTED);
        int offset = args.integer("offset", 0, 0, Integer.MAX_VALUE);
        List<ReportCard> matching = retriever.backend().reports().values().stream()
                .filter(c -> filters.brokers().isEmpty()
                        || filters.brokers().contains(c.metadata().broker()))
                .filter(c ->
                        filters.reportIds().isEmpty() || filters.reportIds().contains(c.id()))
                .filter(c -> !filters.hasDateRange()
                        || filters.datesMatch(c.metadata().date()))
                .filter(c -> needle.isEmpty() || describes(c.metadata(), needle))
                .sorted(Comparator.comparing((ReportCard c) -> sortDate(c.metadata()))
                        .reversed()
                        .thenComparing(ReportCard::id))
                .toList();
        List<ReportSummary> page = matching.stream()
                .skip(offset)
                .limit(limit)
                .map(ReportSummary::of)
                .toList();
        return new Listed(matching.size(), offset, page);
    }

    /** Whether a report's title, industry, rating, type or people mention {@code needle} (lower case). */
    private static boolean describes(ReportMetadata m, String needle) {
        String all = String.join(
                "\n",
                m.title(),
                m.industry(),
                m.rating(),
                m.reportType(),
                String.join(" ", m.analysts()),
                String.join(" ", m.assistants()));
        return all.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** The date a report sorts by: its latest possible date, or none (last). */
    private static String sortDate(ReportMetadata m) {
        return m.date().latest() == null ? "" : m.date().latest().toString();
    }

    private SearchFilters resolve(SearchFilters filters) {
        try {
            return retriever.resolve(filters);
        } catch (UnknownFilterException e) {
            throw new ToolArgumentException(e.getMessage());
        }
    }
}
