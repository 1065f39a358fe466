/**
 * Offline evaluation of whole answers (not just retrieval): a questions file in, how often the
 * answer holds the expected fact, abstains when the reports cannot answer, and quotes boilerplate.
 */
package reportqa.server.eval;
