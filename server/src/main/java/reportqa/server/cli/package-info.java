/**
 * The {@code reportqa} command line (picocli): {@code serve}, {@code ask}, {@code index},
 * {@code search}, {@code eval} and {@code bench}, over the same parts as the server.
 */
package reportqa.server.cli;
