/**
 * The {@code reportqa} command line (picocli): {@code serve}, {@code ask}, {@code index},
 * {@code search}, {@code eval}, {@code bench} and {@code completion}, over the same parts as the
 * server.
 *
 * <p>Each command declares only the option groups it uses: {@code CommonOptions}
 * (where settings, reports and index are; logging) on every command, then {@code FilterOptions},
 * {@code ServerOptions}, {@code ModelOptions} and, under their own heading, the retrieval tuning
 * knobs ({@code IndexTuning}, {@code SearchTuning}). Exit codes: 0 done, 1 a filter matches no report
 * in the library, 2 a bad argument, setting or file, always one line on stderr.
 */
package reportqa.server.cli;
