package reportqa.server.answer.retrieve;

import java.io.IOException;
import java.util.List;
import reportqa.retrieval.search.Retriever;
import reportqa.retrieval.search.SearchRequest;
import reportqa.retrieval.search.SearchResult;
import reportqa.server.answer.AskRequest;
import reportqa.server.answer.Source;

/**
 * Stage 2 of an answer: the passages for the standalone query, under the request's filters and the
 * ones the question names, as {@link Source}s.
 */
public final class SourceRetriever {

    private final Retriever retriever;

    public SourceRetriever(Retriever retriever) {
        this.retriever = retriever;
    }

    public Retrieved retrieve(String query, AskRequest request) throws IOException {
        SearchResult result =
                retriever.search(SearchRequest.question(query, request.k(), request.mode(), request.filters()));
        List<Source> sources = result.passages().stream().map(Source::of).toList();
        return new Retrieved(result, sources);
    }
}
