package reportqa.server.answer.generate;

import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.server.answer.Deadline;
import reportqa.server.answer.Source;
import reportqa.server.config.Secret;

/**
 * Stage 3a of an answer: the model's reply over the retrieved passages, whole or streamed, within
 * the answer's deadline. A model that fails (an HTTP error, a refused connection, the deadline, a
 * stream that stalls or breaks) gives a {@link Generated} with the reason, never an exception: the
 * pipeline then answers extractively.
 */
public final class ModelAnswerer {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAnswerer.class);
    /** A stream that sends nothing for this share of the timeout is considered stalled. */
    private static final double STALL_SHARE = 0.5;

    /** Longest reply taken from a model; a longer one is cut off and the answer is extractive. */
    public static final int MAX_REPLY_CHARS = 8_000;

    private static final String TOO_LONG =
            "the model's reply ran past " + MAX_REPLY_CHARS + " characters and was cut off";

    /** A reply that ran past {@link #MAX_REPLY_CHARS}. */
    static final class ReplyTooLongException extends RuntimeException {
        ReplyTooLongException() {
            super(TOO_LONG);
        }
    }

    /**
     * When the model has failed on most of its last few questions, it is not asked for a while: every
     * answer is extractive at once instead of each waiting out its timeout. Then one question tries it
     * again.
     */
    public static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(6)
            .minimumNumberOfCalls(3)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(30))
            .permittedNumberOfCallsInHalfOpenState(1)
            .build();

    private final ChatModels model;
    private final AnswerPrompt prompt;
    private final ExecutorService calls;
    private final Secret secret;
    private final CircuitBreaker breaker;

    public ModelAnswerer(ChatModels model, AnswerPrompt prompt, ExecutorService calls, Secret secret) {
        this(model, prompt, calls, secret, BREAKER);
    }

    /** @param breaker when to stop asking a failing model for a while */
    public ModelAnswerer(
            ChatModels model, AnswerPrompt prompt, ExecutorService calls, Secret secret, CircuitBreakerConfig breaker) {
        this.model = model;
        this.prompt = prompt;
        this.calls = calls;
        this.secret = secret;
        this.breaker = CircuitBreaker.of("model", breaker);
    }

    /** Whether the model is being skipped after repeated failures ({@code open}), or asked ({@code closed}). */
    public String breakerState() {
        return breaker.getState().name().toLowerCase(Locale.ROOT);
    }

    /** Why the model is not asked now, or null when it may be. */
    private String skipped() {
        if (breaker.tryAcquirePermission()) {
            return null;
        }
        long waitMillis = breaker.getCircuitBreakerConfig()
                .getWaitIntervalFunctionInOpenState()
                .apply(1);
        return "the model failed on most recent questions and is not asked for " + waitMillis / 1000
                + " s; answering extractively";
    }

    /** Records how a call that was let through went. */
    private Generated recorded(Generated g, long startNanos) {
        long took = System.nanoTime() - startNanos;
        if (g.failure() == null) {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(took, TimeUnit.NANOSECONDS, new IllegalStateException(g.failure()));
        }
        return g;
    }

    /** The model's name as shown to users. */
    public String name() {
        return model.name();
    }

    /** The reply that means "the passages do not answer". */
    public String noAnswer() {
        return prompt.noAnswer();
    }

    /** The model's whole reply. */
    public Generated generate(String question, List<Source> sources, Deadline deadline) {
        String skipped = skipped();
        if (skipped != null) {
            return Generated.failed(skipped, false);
        }
        long t0 = System.nanoTime();
        return recorded(call(question, sources, deadline), t0);
    }

    private Generated call(String question, List<Source> sources, Deadline deadline) {
        CompletableFuture<ChatResponse> call =
                ModelCalls.submit(calls, () -> model.chat().chat(prompt.request(question, sources)));
        try {
            return checked(deadline.await(call).aiMessage().text(), false);
        } catch (TimeoutException e) {
            return Generated.failed(ModelFailure.timedOut(deadline.budget()), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Generated.failed("interrupted while waiting for the model", false);
        } catch (ExecutionException e) {
            return Generated.failed(failure(e.getCause(), deadline.budget()), false);
        }
    }

    /**
     * The model's reply, each token passed to {@code tokens} as it arrives. A token consumer that
     * throws (its client went away) stops the stream and the exception is rethrown.
     */
    public Generated stream(String question, List<Source> sources, Deadline deadline, Consumer<String> tokens) {
        String skipped = skipped();
        if (skipped != null) {
            return Generated.failed(skipped, false);
        }
        long t0 = System.nanoTime();
        try {
            return recorded(streamed(question, sources, deadline, tokens), t0);
        } catch (RuntimeException clientGone) {
            // The client left: says nothing about the model.
            breaker.releasePermission();
            throw clientGone;
        }
    }

    private Generated streamed(String question, List<Source> sources, Deadline deadline, Consumer<String> tokens) {
        Duration stall = Duration.ofNanos((long) (deadline.budget().toNanos() * STALL_SHARE));
        ModelStream stream = new ModelStream(tokens, stall);
        try {
            model.streaming().chat(prompt.request(question, sources), stream);
        } catch (RuntimeException e) {
            stream.done.completeExceptionally(e);
        }
        String text = null;
        String failure = null;
        try {
            text = deadline.await(stream.done);
        } catch (TimeoutException e) {
            failure = ModelFailure.timedOut(deadline.budget());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted while waiting for the model";
        } catch (ExecutionException e) {
            if (stream.clientGone() != null) {
                stream.finish();
                throw stream.clientGone();
            }
            failure =
                    e.getCause() instanceof Inactivity.StalledException || e.getCause() instanceof ReplyTooLongException
                            ? e.getCause().getMessage()
                            : failure(e.getCause(), deadline.budget());
        }
        boolean tokensSent = stream.finish();
        return failure == null ? checked(text, tokensSent) : Generated.failed(failure, tokensSent);
    }

    /**
     * A reply as the model sent it, unless it is no reply: empty (a stream of only {@code [DONE]},
     * or a body that was not a stream) is a failure, not the model saying the passages do not answer.
     */
    private static Generated checked(String text, boolean tokensSent) {
        if (text == null || text.isBlank()) {
            return Generated.failed("the model sent an empty reply", tokensSent);
        }
        if (text.length() > MAX_REPLY_CHARS) {
            return Generated.failed(TOO_LONG, tokensSent);
        }
        return Generated.text(text, tokensSent);
    }

    private String failure(Throwable cause, Duration budget) {
        LOG.warn("model call failed, answering extractively: {}", secret.scrub(String.valueOf(cause)));
        return secret.scrub(ModelFailure.describe(cause, budget));
    }
}
