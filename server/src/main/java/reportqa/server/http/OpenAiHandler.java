package reportqa.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.search.SearchFilters;
import reportqa.server.answer.Answer;
import reportqa.server.answer.cite.Footnotes;
import reportqa.server.pipeline.AnswerPipeline;

/**
 * The OpenAI-compatible chat API, for the chat clients and agents that speak it: {@code GET
 * /v1/models} and {@code POST /v1/chat/completions}, whole or streamed. An answer is the one
 * {@code /api/ask} gives, its text ending in footnotes ({@code [1] 上海证券 · 2024-03-19 · 《title》})
 * so that any client shows where it comes from, and the whole {@link Answer} in the extension field
 * {@code reportqa} (in a stream, on the piece that ends it). Errors in OpenAI's shape ({@link
 * ErrorMapping}). Questions share the answer slots, keys and limits of {@code /api/ask}.
 */
final class OpenAiHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiHandler.class);

    private final AnswerPipeline answers;
    private final AnswerPipeline extractive;
    private final OpenAiRequests parser;
    private final ObjectMapper json;
    private final int defaultPassages;
    private final UnaryOperator<SearchFilters> filterCheck;
    private final WorkSlots slots;
    private final Clock clock;

    /**
     * @param filterCheck canonical filters, or an {@link reportqa.retrieval.search.UnknownFilterException}
     * @param slots the answer slots {@code /api/ask} takes too
     */
    OpenAiHandler(
            AnswerPipeline answers,
            ObjectMapper json,
            int defaultPassages,
            UnaryOperator<SearchFilters> filterCheck,
            WorkSlots slots,
            Clock clock) {
        this.answers = answers;
        this.extractive = answers.extractiveOnly();
        this.parser = new OpenAiRequests(json);
        this.json = json;
        this.defaultPassages = defaultPassages;
        this.filterCheck = filterCheck;
        this.slots = slots;
        this.clock = clock;
    }

    /** {@code GET /v1/models}. */
    void models(Context ctx) {
        long created = clock.instant().getEpochSecond();
        ctx.json(new OpenAiWire.ModelList(OpenAiModel.ids().stream()
                .map(id -> new OpenAiWire.Model(id, created))
                .toList()));
    }

    /** {@code GET /v1/models/{id}}: one model, or 404 {@code model_not_found}. */
    void model(Context ctx) {
        String id = ctx.pathParam("id");
        if (OpenAiModel.of(id) == null) {
            throw new ApiException(
                    ErrorCode.MODEL_NOT_FOUND, "the model '" + id + "' does not exist; one of " + OpenAiModel.ids());
        }
        ctx.json(new OpenAiWire.Model(id, clock.instant().getEpochSecond()));
    }

    /** {@code POST /v1/chat/completions}. */
    void chat(Context ctx) throws Exception {
        OpenAiRequests.ChatRequest request =
                parser.parse(RequestBodies.json(ctx, RequestBodies.MAX_CHAT_BYTES), defaultPassages);
        OpenAiRequests.ChatRequest checked = new OpenAiRequests.ChatRequest(
                request.model(),
                request.ask().withFilters(filterCheck.apply(request.ask().filters())),
                request.stream(),
                request.includeUsage());
        AnswerPipeline pipeline = checked.model() == OpenAiModel.EXTRACTIVE ? extractive : answers;
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = clock.instant().getEpochSecond();
        if (!checked.stream()) {
            slots.run(ctx, () -> ctx.json(completion(id, created, checked.model(), pipeline.ask(checked.ask()))));
            return;
        }
        slots.run(ctx, () -> stream(ctx, checked, pipeline, id, created));
    }

    private static OpenAiWire.Completion completion(String id, long created, OpenAiModel model, Answer a) {
        return new OpenAiWire.Completion(
                id,
                "chat.completion",
                created,
                model.id(),
                List.of(new OpenAiWire.Choice(
                        0, new OpenAiWire.Message("assistant", a.answer() + Footnotes.of(a.citations())), "stop")),
                OpenAiWire.Usage.NOT_COUNTED,
                a);
    }

    private void stream(
            Context ctx, OpenAiRequests.ChatRequest request, AnswerPipeline pipeline, String id, long created)
            throws IOException {
        SseWriter sse = new SseWriter(ctx, json);
        OpenAiStream out = new OpenAiStream(
                sse,
                id,
                created,
                request.model().id(),
                pipeline.llmEnabled(),
                pipeline.noAnswer(),
                request.includeUsage());
        try {
            pipeline.stream(request.ask(), out);
            sse.dataText("[DONE]");
        } catch (UncheckedIOException e) {
            LOG.info("stream client went away: {}", e.getMessage());
        } catch (Exception e) {
            // Headers are out: the failure can only be told in the stream, as OpenAI tells it.
            LOG.error("streamed chat completion failed", e);
            try {
                sse.data(ErrorMapping.openAiError(ErrorMapping.streamCode(e), ErrorMapping.streamMessage(e)));
                sse.dataText("[DONE]");
            } catch (UncheckedIOException gone) {
                LOG.info("stream client went away before the error could be sent");
            }
        }
    }
}
