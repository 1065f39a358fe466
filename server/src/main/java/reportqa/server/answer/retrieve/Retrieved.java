package reportqa.server.answer.retrieve;

import java.util.List;
import reportqa.retrieval.search.SearchResult;
import reportqa.server.answer.Source;

/**
 * The passages an answer is made from.
 *
 * @param result what the search found, with the text it searched and the filters it applied
 * @param sources the passages as the answer shows them, best first (for a comparison, report by report)
 * @param comparison whether the question compares reports, so the answer goes report by report
 */
public record Retrieved(SearchResult result, List<Source> sources, boolean comparison) {

    public Retrieved {
        sources = List.copyOf(sources);
    }

    public Retrieved(SearchResult result, List<Source> sources) {
        this(result, sources, false);
    }
}
