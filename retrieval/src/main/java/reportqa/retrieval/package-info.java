/**
 * Question answering over Chinese broker research reports, the retrieval half: parse, chunk,
 * index, search and evaluate, with no HTTP and no language model.
 *
 * <p>The pipeline reads from the package tree: {@link reportqa.retrieval.text} cleans the text a
 * PDF extraction left, {@link reportqa.retrieval.report} turns a file into a
 * {@link reportqa.retrieval.report.Report} with its sections and metadata,
 * {@link reportqa.retrieval.chunk} cuts it into passages, {@link reportqa.retrieval.embed} turns
 * passages into vectors, {@link reportqa.retrieval.index} keeps a Lucene index up to date with the
 * corpus folder, {@link reportqa.retrieval.search} finds the passages for a question ({@link
 * reportqa.retrieval.solr} keeps and searches them on SolrCloud instead, when one machine is not
 * enough), and
 * {@link reportqa.retrieval.eval} measures how well it does on a golden question set.
 *
 * <p>{@link reportqa.retrieval.ReportLibrary} wires these together for a corpus folder: it is what
 * the server and the command line open. {@link reportqa.retrieval.Resources} reads the data files
 * shipped on the classpath (word lists, broker registry, glossary) and {@link reportqa.retrieval.Json}
 * is the one Jackson configuration.
 */
package reportqa.retrieval;
