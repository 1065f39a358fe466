package reportqa.server.answer.generate;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One model stream: forwards tokens until finished, keeps the inactivity timer going, and when it
 * is over cancels the model's stream, so a stalled or abandoned answer does not keep its connection
 * (and the model) busy.
 */
final class ModelStream implements StreamingChatResponseHandler {

    /** Completes with the whole reply, or exceptionally with why there is none. */
    final CompletableFuture<String> done = new CompletableFuture<>();

    private final Consumer<String> tokens;
    private final Inactivity inactivity;
    private volatile StreamingHandle handle;
    private boolean finished;
    private boolean tokensSent;
    private RuntimeException clientGone;
    private long chars;

    ModelStream(Consumer<String> tokens, Duration stallLimit) {
        this.tokens = tokens;
        this.inactivity = new Inactivity(done, stallLimit);
        inactivity.touch();
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        handle = context.streamingHandle();
        inactivity.touch();
        String token = partial.text();
        synchronized (this) {
            if (finished) {
                // The first token came after the answer gave up on the stream (finish() had no
                // handle to cancel then): the model must stop sending now, not when it is done.
                context.streamingHandle().cancel();
                return;
            }
            if (token == null || token.isEmpty()) {
                return;
            }
            chars += token.length();
            if (chars > ModelAnswerer.MAX_REPLY_CHARS) {
                done.completeExceptionally(new ModelAnswerer.ReplyTooLongException());
                return;
            }
            try {
                tokens.accept(token);
                tokensSent = true;
            } catch (RuntimeException e) {
                clientGone = e;
                done.completeExceptionally(e);
            }
        }
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        String text = response.aiMessage().text();
        done.complete(text == null ? "" : text);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    /** Stops forwarding and cancels the model's stream if it still runs; says whether any token went out. */
    synchronized boolean finish() {
        finished = true;
        inactivity.stop();
        StreamingHandle h = handle;
        boolean completed = done.isDone() && !done.isCompletedExceptionally();
        if (h != null && !completed) {
            h.cancel(); // stalled, failed, timed out or abandoned: the model must stop sending
        }
        return tokensSent;
    }

    /** What the token consumer threw when its client went away, or null. */
    synchronized RuntimeException clientGone() {
        return clientGone;
    }
}
