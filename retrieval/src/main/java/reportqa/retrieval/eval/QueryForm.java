package reportqa.retrieval.eval;

import java.io.IOException;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.search.SearchMode;
import reportqa.retrieval.search.SearchRequest;

/**
 * How an evaluation searches a question: as written ({@link #AS_WRITTEN}), or as a later stage of the
 * product makes it (a follow-up made standalone from its conversation), which this library does not
 * know and its caller supplies.
 */
@FunctionalInterface
public interface QueryForm {

    /** The question's text alone, with no filters: what a search box would send. */
    QueryForm AS_WRITTEN = (q, depth, mode) -> SearchRequest.question(q.question(), depth, mode, SearchFilters.NONE);

    /** The search request run for one question. */
    SearchRequest request(EvalQuestion question, int depth, SearchMode mode) throws IOException;
}
