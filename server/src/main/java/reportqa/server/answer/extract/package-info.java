/**
 * Stage 3b: the answer without a model, the default. {@link reportqa.server.answer.extract.ExtractiveAnswerer}
 * quotes the sentences of the passages that best answer the question;
 * {@code Answerability} decides when they cannot, so that the answer abstains rather than quote
 * something unrelated. What a report prints in structure is read from it before any sentence is
 * quoted: its header fields and contact lines ({@code HeaderFacts}, {@code ContactFacts}), its
 * rating scale ({@code RatingScales}) and the small tables it prints as text ({@code TableCells}).
 */
package reportqa.server.answer.extract;
