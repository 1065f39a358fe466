package reportqa.server.answer.retrieve;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reportqa.retrieval.search.Retriever;
import reportqa.retrieval.search.SearchRequest;
import reportqa.retrieval.search.SearchResult;
import reportqa.server.answer.AskRequest;
import reportqa.server.answer.Comparison;
import reportqa.server.answer.Source;

/**
 * Stage 2 of an answer: the passages for the standalone query, under the request's filters and the
 * ones the question names, as {@link Source}s. A question that compares reports ({@link Comparison})
 * gets the best passages of every report a wider search finds, report by report, so that no
 * report drops out because another filled the top k.
 */
public final class SourceRetriever {

    /** How many passages a comparison draws its reports from. */
    static final int COMPARISON_POOL = 60;

    /** Passages kept per report of a comparison. */
    static final int PER_REPORT = 2;

    /** Reports a comparison covers at most. */
    static final int MAX_REPORTS = 10;

    private final Retriever retriever;

    public SourceRetriever(Retriever retriever) {
        this.retriever = retriever;
    }

    /**
     * @param query the standalone query
     * @param request the request, whose question is what the user typed (for labelling what a
     *     rewritten follow-up carried over from the conversation)
     */
    public Retrieved retrieve(String query, AskRequest request) throws IOException {
        boolean comparison = Comparison.asks(query);
        // (Searching 2k and keeping k after merging was measured worse on the tuning split: the
        // extra passages rank lower and dilute the answer.)
        int k = comparison ? Math.max(request.k(), COMPARISON_POOL) : request.k();
        // (The retriever searches the back matter when the query asks for it: the rating system, an address.)
        SearchResult result = retriever.search(search(query, request, k));
        List<Source> sources = result.passages().stream().map(Source::of).toList();
        if (comparison) {
            return new Retrieved(result, merged(byReport(sources)), true);
        }
        return new Retrieved(result, merged(sources), false);
    }

    /**
     * The search run for a standalone query: the request's mode and filters, and the user's own
     * words, so that the search knows what the conversation added.
     */
    public static SearchRequest search(String query, AskRequest request, int k) {
        return SearchRequest.question(query, k, request.mode(), request.filters())
                .withAsked(request.question());
    }

    /**
     * The sources with every two passages of one report that overlap or touch made one, at the place
     * of the better, so that no text reaches the model (or an answer) twice.
     */
    static List<Source> merged(List<Source> sources) {
        List<Source> out = new ArrayList<>(sources);
        for (boolean changed = true; changed; ) {
            changed = false;
            outer:
            for (int i = 0; i < out.size(); i++) {
                for (int j = i + 1; j < out.size(); j++) {
                    Source a = out.get(i);
                    Source b = out.get(j);
                    if (a.reportId().equals(b.reportId()) && a.start() <= b.end() && b.start() <= a.end()) {
                        Source m = union(a, b);
                        if (m != null) {
                            out.set(i, m);
                            out.remove(j);
                            changed = true;
                            break outer;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** One source spanning both (the first keeps its rank and score), or null if their texts are not spans of one text. */
    private static Source union(Source a, Source b) {
        // Back matter merged into a body passage would be quoted as body: they stay apart.
        if (a.passage().length() != a.end() - a.start()
                || b.passage().length() != b.end() - b.start()
                || a.backMatter() != b.backMatter()) {
            return null;
        }
        Source first = a.start() <= b.start() ? a : b;
        Source second = first == a ? b : a;
        String text = second.end() <= first.end()
                ? first.passage()
                : first.passage() + second.passage().substring(first.end() - second.start());
        return new Source(
                a.n(),
                a.passageId(),
                a.reportId(),
                a.broker(),
                a.date(),
                a.dateInferred(),
                a.title(),
                first.section(),
                text,
                first.start(),
                Math.max(first.end(), second.end()),
                a.score(),
                a.rank(),
                a.backMatter(),
                first.page());
    }

    /** The best {@link #PER_REPORT} passages of each report, reports in the order of their best passage. */
    static List<Source> byReport(List<Source> ranked) {
        Map<String, List<Source>> groups = new LinkedHashMap<>();
        for (Source s : ranked) {
            List<Source> g = groups.computeIfAbsent(s.reportId(), id -> new ArrayList<>());
            if (g.size() < PER_REPORT) {
                g.add(s);
            }
        }
        List<Source> out = new ArrayList<>();
        groups.values().stream().limit(MAX_REPORTS).forEach(out::addAll);
        return out;
    }
}
