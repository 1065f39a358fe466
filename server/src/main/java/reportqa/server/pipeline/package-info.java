/**
 * The answering path read top-down: {@link reportqa.server.pipeline.AnswerPipeline} runs rewrite →
 * retrieve → generate | extract, then {@code Responder} cites and responds, falling back to the
 * extractive answer with a reason whenever the model fails.
 */
package reportqa.server.pipeline;
