/**
 * Stage 3a: the language model's answer over the passages, through LangChain4j
 * ({@link reportqa.server.answer.generate.ChatModels}, built by
 * {@link reportqa.server.answer.generate.ModelFactory} for any OpenAI-compatible server or Ollama).
 * {@link reportqa.server.answer.generate.AnswerPrompt} renders the exact prompt;
 * {@link reportqa.server.answer.generate.ModelAnswerer} runs it whole or streamed within the answer's
 * deadline, with one inactivity timer for streams, and reports any failure as a reason
 * ({@link reportqa.server.answer.generate.ModelFailure}) instead of throwing. Streamed replies go
 * through {@code IdleClosingHttpClient}, which closes a stream that sends nothing for the timeout, so
 * a stalled model keeps no connection or thread.
 */
package reportqa.server.answer.generate;
