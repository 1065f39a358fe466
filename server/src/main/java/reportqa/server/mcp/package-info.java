/**
 * The library for agents, over the Model Context Protocol: {@link reportqa.server.mcp.LibraryTools}
 * does the work of each tool (search, ask, read a report, list reports) with its arguments checked
 * ({@link reportqa.server.mcp.ToolArguments}); {@link reportqa.server.mcp.McpTools} puts them on the
 * official MCP SDK's server, described by {@code tools.json}, for the stdio command ({@code reportqa
 * mcp}) and the HTTP endpoint ({@code /mcp}, mounted by {@code reportqa.server.http}).
 */
package reportqa.server.mcp;
