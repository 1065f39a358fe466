package reportqa.server.answer;

import java.util.List;

/** Receives a streamed answer: sources first, then tokens, then the final answer. */
public interface AnswerListener {

    /** The retrieved passages, before any text. */
    void onSources(List<Source> sources, String query, String filterNote);

    /** A piece of answer text. A listener whose client has gone throws {@link java.io.UncheckedIOException}. */
    void onToken(String token);

    /** The text streamed so far is void (the model failed mid-way); the final answer follows in {@link #onDone}. */
    void onReset(String reason);

    /** The final answer, with citations and flags. */
    void onDone(Answer answer);
}
