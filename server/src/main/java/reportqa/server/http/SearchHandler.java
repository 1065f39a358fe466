package reportqa.server.http;

import io.javalin.http.Context;
import reportqa.retrieval.search.Retriever;
import reportqa.retrieval.search.SearchRequest;
import reportqa.retrieval.search.SearchResult;
import reportqa.server.answer.Source;

/** {@code GET /api/search?q=&k=&mode=&broker=&from=&to=&report=}: retrieval only. */
final class SearchHandler {

    private final Retriever retriever;

    SearchHandler(Retriever retriever) {
        this.retriever = retriever;
    }

    void search(Context ctx) throws Exception {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new ApiException(ErrorCode.QUESTION_EMPTY, "q is required");
        }
        if (q.length() > AskRequestParser.MAX_QUESTION) {
            throw new ApiException(
                    ErrorCode.QUESTION_TOO_LONG,
                    "q has " + q.length() + " characters; at most " + AskRequestParser.MAX_QUESTION);
        }
        SearchRequest request = SearchRequest.question(
                q.strip(),
                Params.k(Params.integer("k", ctx.queryParam("k")), SearchRequest.DEFAULT_K),
                Params.mode(ctx.queryParam("mode")),
                retriever.resolve(Params.filters(
                        ctx.queryParams("broker"),
                        ctx.queryParam("from"),
                        ctx.queryParam("to"),
                        ctx.queryParams("report"))));
        long t0 = System.nanoTime();
        SearchResult result = retriever.search(request);
        ctx.json(new Responses.Search(
                request.query(),
                request.mode().key(),
                result.applied(),
                result.autoFilterNote(),
                result.passages().stream().map(Source::of).toList(),
                new Responses.Timing((System.nanoTime() - t0) / 1_000_000)));
    }
}
