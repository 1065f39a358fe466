package reportqa.server.http;

import java.util.List;
import reportqa.server.answer.Answer;
import reportqa.server.answer.AnswerListener;
import reportqa.server.answer.Source;
import reportqa.server.answer.cite.Footnotes;
import reportqa.server.answer.cite.StreamingCitations;

/**
 * A streamed answer as OpenAI's chat chunks. A client can only ever add to the text it was sent, so
 * a model's text goes out numbered as the finished answer numbers it ({@link StreamingCitations});
 * when the answer is done, what was held back follows, then the footnotes, then a piece with {@code
 * finish_reason} and the whole answer in {@code reportqa}. The streamed text is then exactly the
 * text of the same answer asked for whole.
 *
 * <p>Only when the model's text was replaced after it began to go out (the model failed mid-answer,
 * or its answer cited nothing) can it not be: the text sent stays, a rule ({@code ---}) follows, then
 * the answer that replaced it, which opens by saying why.
 */
final class OpenAiStream implements AnswerListener {

    /** What parts a replaced answer from the one that replaced it. */
    static final String REPLACED = "\n\n---\n\n";

    private static final String CHUNK = "chat.completion.chunk";

    private final SseWriter sse;
    private final String id;
    private final long created;
    private final String model;
    private final boolean modelWrites;
    private final String noAnswer;
    private final boolean includeUsage;
    private final StringBuilder sent = new StringBuilder();
    private StreamingCitations citations;

    /**
     * @param modelWrites whether a model writes the answer (its text is numbered as it streams)
     * @param noAnswer what the model says when the passages do not answer
     * @param includeUsage whether the client asked for a last piece with usage
     */
    OpenAiStream(
            SseWriter sse,
            String id,
            long created,
            String model,
            boolean modelWrites,
            String noAnswer,
            boolean includeUsage) {
        this.sse = sse;
        this.id = id;
        this.created = created;
        this.model = model;
        this.modelWrites = modelWrites;
        this.noAnswer = noAnswer;
        this.includeUsage = includeUsage;
    }

    @Override
    public void onSources(List<Source> sources, String query, String filterNote) {
        // The model is asked only when something was found; otherwise the extractive text follows.
        if (modelWrites && !sources.isEmpty()) {
            citations = new StreamingCitations(sources.size(), noAnswer);
        }
        send(new OpenAiWire.Delta("assistant", ""), null, null);
    }

    @Override
    public void onToken(String token) {
        text(citations == null ? token : citations.add(token));
    }

    @Override
    public void onReset(String reason) {
        // The extractive answer follows, whole: what the model wrote stays, set apart.
        citations = null;
        if (!sent.isEmpty()) {
            text(REPLACED);
        }
    }

    @Override
    public void onDone(Answer answer) {
        if (citations != null) {
            String rest = citations.rest(answer.answer());
            if (rest != null) {
                text(rest);
            } else {
                text((sent.isEmpty() ? "" : REPLACED) + answer.answer());
            }
        }
        text(Footnotes.of(answer.citations()));
        send(new OpenAiWire.Delta(null, null), "stop", answer);
        if (includeUsage) {
            sse.data(new OpenAiWire.Chunk(id, CHUNK, created, model, List.of(), OpenAiWire.Usage.NOT_COUNTED, answer));
        }
    }

    private void text(String piece) {
        if (!piece.isEmpty()) {
            sent.append(piece);
            send(new OpenAiWire.Delta(null, piece), null, null);
        }
    }

    private void send(OpenAiWire.Delta delta, String finishReason, Answer answer) {
        sse.data(new OpenAiWire.Chunk(
                id, CHUNK, created, model, List.of(new OpenAiWire.ChunkChoice(0, delta, finishReason)), null, answer));
    }
}
