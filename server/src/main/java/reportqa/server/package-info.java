/**
 * The ReportQA server: {@link reportqa.server.Application} wires the report library (from the
 * {@code retrieval} module), the answer pipeline and the HTTP server by hand, so that a test can
 * build the whole system with any port, data folder and model.
 *
 * <p>Reading order, following a question: {@link reportqa.server.http} receives it,
 * {@link reportqa.server.pipeline.AnswerPipeline} runs the stages in {@code answer.*}
 * (rewrite → retrieve → generate | extract → cite → respond), and {@link reportqa.server.answer.Answer}
 * is what goes back. {@link reportqa.server.cli} is the command line over the same parts;
 * {@link reportqa.server.mcp} the same library as an MCP server's tools, for agents.
 */
package reportqa.server;
