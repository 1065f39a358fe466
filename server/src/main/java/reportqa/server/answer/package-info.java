/**
 * The values an answer is made of and shared by its stages: the question
 * ({@link reportqa.server.answer.AskRequest}, {@link reportqa.server.answer.Turn}), the passages it
 * is answered from ({@link reportqa.server.answer.Source}), the answer itself
 * ({@link reportqa.server.answer.Answer}, {@link reportqa.server.answer.Citation},
 * {@link reportqa.server.answer.AnswerMode}), the one time limit of an answer
 * ({@link reportqa.server.answer.Deadline}), and the prompt and answer templates
 * ({@link reportqa.server.answer.Prompts}).
 *
 * <p>The stages live in the sub-packages, in pipeline order: {@code rewrite}, {@code retrieve},
 * {@code generate} or {@code extract}, {@code cite}. None of them knows HTTP.
 */
package reportqa.server.answer;
