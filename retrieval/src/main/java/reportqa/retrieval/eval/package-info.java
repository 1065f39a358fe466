/**
 * Offline retrieval evaluation, no language model; the last step of the pipeline
 * (text → report → chunk → index → search → eval).
 *
 * <p>{@link reportqa.retrieval.eval.QuestionSet} reads a golden question file of
 * {@link reportqa.retrieval.eval.EvalQuestion}s, each naming where its answer is.
 * {@link reportqa.retrieval.eval.Evaluator} runs them through the same search the product uses and
 * scores the ranking (recall at 1/3/5/10, MRR@10, nDCG@10) into an
 * {@link reportqa.retrieval.eval.EvalResult}; the test suite gates on these figures.
 */
package reportqa.retrieval.eval;
