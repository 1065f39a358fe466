package reportqa.server.http;

import io.javalin.http.Context;
import reportqa.retrieval.search.Retriever;
import reportqa.retrieval.search.SearchRequest;
import reportqa.retrieval.search.SearchResult;
import reportqa.retrieval.text.TextCleaner;
import reportqa.server.answer.Source;

/** {@code GET /api/search?q=&k=&mode=&broker=&from=&to=&report=}: retrieval only. */
final class SearchHandler {

    private final Retriever retriever;
    private final WorkSlots slots;

    /** @param slots how many searches are worked on at once */
    SearchHandler(Retriever retriever, WorkSlots slots) {
        this.retriever = retriever;
        this.slots = slots;
    }

    void search(Context ctx) throws Exception {
        String typed = ctx.queryParam("q");
        if (typed == null || typed.isBlank()) {
            throw new ApiException(ErrorCode.QUESTION_EMPTY, "q is required");
        }
        String q = TextCleaner.readable(typed);
        if (q.isEmpty()) {
            throw new ApiException(ErrorCode.QUESTION_EMPTY, "q has no readable text");
        }
        if (q.length() > AskRequestParser.MAX_QUESTION) {
            throw new ApiException(
                    ErrorCode.QUESTION_TOO_LONG,
                    "q has " + q.length() + " characters; at most " + AskRequestParser.MAX_QUESTION);
        }
        SearchRequest request = SearchRequest.question(
                q,
                Params.k(Params.integer("k", ctx.queryParam("k")), SearchRequest.DEFAULT_K),
                Params.mode(ctx.queryParam("mode")),
                retriever.resolve(Params.filters(
                        ctx.queryParams("broker"),
                        ctx.queryParam("from"),
                        ctx.queryParam("to"),
                        ctx.queryParams("report"))));
        // A bad request is refused before it waits for a slot.
        slots.run(ctx, () -> searchIn(ctx, request));
    }

    private void searchIn(Context ctx, SearchRequest request) throws Exception {
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
