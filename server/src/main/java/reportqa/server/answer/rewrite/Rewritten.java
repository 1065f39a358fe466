package reportqa.server.answer.rewrite;

/**
 * A question made standalone for retrieval.
 *
 * @param query the standalone query (the question itself when it is no follow-up)
 * @param failure why the model's rewrite was not used, or null
 */
public record Rewritten(String query, String failure) {}
