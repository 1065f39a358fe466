/**
 * The HTTP server: {@link reportqa.server.http.ApiServer} holds the routes; each endpoint has a thin
 * handler (parse → call → write) and its response is a record Jackson writes. Before any handler,
 * {@code AccessControl} checks the API key and the client's rate limits (the client as
 * {@code ClientAddress} reads it: its key, else its address, its /64 for IPv6, the forwarded-for
 * address behind a trusted proxy) and {@code RequestGuard}
 * the tricks of the network; answers and searches are worked on in a bounded number of
 * {@code WorkSlots}, beyond which a request is refused with 503 {@code overloaded}. Every failure under {@code /api} is a JSON error with a 4xx status
 * ({@link reportqa.server.http.ErrorCode}); a streamed answer is Server-Sent Events
 * ({@link reportqa.server.http.StreamEvent}).
 *
 * <p>Beside {@code /api}, for the tools people already use: the OpenAI-compatible API under
 * {@code /v1} ({@code OpenAiHandler} reads a chat request as a question, {@code OpenAiStream} writes
 * the answer as chat chunks numbered as the finished answer numbers them, errors in OpenAI's shape,
 * {@code OpenAiCors} for browser-based clients when keys are set), and the MCP server at {@code /mcp}
 * ({@code McpEndpoint}: the SDK's servlet behind the same checks, its tools those of
 * {@link reportqa.server.mcp}). Both take the same keys, limits and answer slots as {@code /api/ask}.
 */
package reportqa.server.http;
