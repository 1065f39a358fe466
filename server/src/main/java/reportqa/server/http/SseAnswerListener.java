package reportqa.server.http;

import java.util.List;
import reportqa.server.answer.Answer;
import reportqa.server.answer.AnswerListener;
import reportqa.server.answer.Source;

/** A streamed answer as Server-Sent Events: {@code sources}, {@code token}s, maybe {@code reset}, {@code done}. */
final class SseAnswerListener implements AnswerListener {

    private final SseWriter sse;

    SseAnswerListener(SseWriter sse) {
        this.sse = sse;
    }

    @Override
    public void onSources(List<Source> sources, String query, String filterNote) {
        sse.send(StreamEvent.SOURCES, new Responses.SourcesEvent(sources, query, filterNote));
    }

    @Override
    public void onToken(String token) {
        sse.send(StreamEvent.TOKEN, new Responses.TokenEvent(token));
    }

    @Override
    public void onReset(String reason) {
        sse.send(StreamEvent.RESET, new Responses.ResetEvent(reason));
    }

    @Override
    public void onDone(Answer answer) {
        sse.send(StreamEvent.DONE, answer);
    }
}
