package reportqa.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.search.SearchFilters;
import reportqa.server.answer.AskRequest;
import reportqa.server.pipeline.AnswerPipeline;

/** {@code POST /api/ask} (JSON, or a stream with {@code Accept: text/event-stream}) and {@code POST /api/ask/stream}. */
final class AskHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AskHandler.class);

    private final AnswerPipeline answers;
    private final AskRequestParser parser;
    private final ObjectMapper json;
    private final int defaultPassages;
    private final UnaryOperator<SearchFilters> filterCheck;
    private final WorkSlots slots;

    /**
     * @param filterCheck canonical filters, or an {@link reportqa.retrieval.search.UnknownFilterException}
     * @param slots how many answers are worked on at once
     */
    AskHandler(
            AnswerPipeline answers,
            ObjectMapper json,
            int defaultPassages,
            UnaryOperator<SearchFilters> filterCheck,
            WorkSlots slots) {
        this.slots = slots;
        this.answers = answers;
        this.parser = new AskRequestParser(json);
        this.json = json;
        this.defaultPassages = defaultPassages;
        this.filterCheck = filterCheck;
    }

    void ask(Context ctx) throws Exception {
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/event-stream")) {
            stream(ctx);
            return;
        }
        AskRequest request = request(ctx);
        slots.run(ctx, () -> ctx.json(answers.ask(request)));
    }

    void stream(Context ctx) throws Exception {
        AskRequest request = request(ctx); // a bad request is a plain 4xx JSON error, before any event
        slots.run(ctx, () -> streamIn(ctx, request));
    }

    private void streamIn(Context ctx, AskRequest request) throws java.io.IOException {
        SseWriter sse = new SseWriter(ctx, json);
        try {
            answers.stream(request, new SseAnswerListener(sse));
        } catch (UncheckedIOException e) {
            LOG.info("stream client went away: {}", e.getMessage());
        } catch (Exception e) {
            // Headers are out: the failure can only be told as an event.
            LOG.error("streamed answer failed", e);
            try {
                sse.send(StreamEvent.ERROR, ApiError.of(ErrorMapping.streamCode(e), ErrorMapping.streamMessage(e)));
            } catch (UncheckedIOException gone) {
                LOG.info("stream client went away before the error could be sent");
            }
        }
    }

    private AskRequest request(Context ctx) {
        AskRequest r = parser.parse(RequestBodies.json(ctx), defaultPassages);
        return r.withFilters(filterCheck.apply(r.filters()));
    }
}
