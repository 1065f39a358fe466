package reportqa.server.pipeline;

import reportqa.server.answer.AskRequest;
import reportqa.server.answer.Language;
import reportqa.server.answer.retrieve.Retrieved;
import reportqa.server.answer.rewrite.Rewritten;
import reportqa.server.config.Secret;

/**
 * A question after rewrite and retrieval (the values the last stages need).
 *
 * @param retrieveMillis how long rewrite and retrieval took together
 * @param generationStart {@link System#nanoTime()} when generation started
 */
record Asked(AskRequest request, Rewritten rewritten, Retrieved retrieved, long retrieveMillis, long generationStart) {

    String rewriteNote(Secret secret) {
        return rewritten.failure() == null
                ? null
                : secret.scrub("follow-up not rewritten by the model: " + rewritten.failure());
    }

    Language language() {
        return Language.of(request.question());
    }
}
