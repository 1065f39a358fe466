/**
 * Stage 3b: the answer without a model, the default. {@link reportqa.server.answer.extract.ExtractiveAnswerer}
 * quotes the sentences of the passages that best answer the question;
 * {@code Answerability} decides when they cannot, so that the answer abstains rather than quote
 * something unrelated.
 */
package reportqa.server.answer.extract;
