/**
 * Reading a report file into a {@link reportqa.retrieval.report.Report}: cleaned text, sections and
 * metadata; the second step of the pipeline (text → report → chunk → index → search → eval).
 *
 * <p>{@link reportqa.retrieval.report.ReportParser} decodes and cleans a file, has
 * {@link reportqa.retrieval.report.SectionSplitter} cut it into
 * {@link reportqa.retrieval.report.Section}s (body or legal boilerplate), and has
 * {@link reportqa.retrieval.report.MetadataExtractor} read the
 * {@link reportqa.retrieval.report.ReportMetadata}: broker, title, date, analysts, industry, rating
 * and report type, each with the evidence it was found by. The extractor composes one small
 * package-private extractor per field ({@code BrokerExtractor}, {@code DateExtractor},
 * {@code TitleExtractor}, {@code PeopleExtractor}, {@code IndustryExtractor},
 * {@code RatingExtractor}, {@code ReportTypeExtractor}) over the report's body lines. An optional
 * sidecar {@code <id>.meta.json} overrides what was extracted.
 *
 * <p>A {@link reportqa.retrieval.report.ReportDate} is either stated by the report or inferred as a
 * range, and never shown as an exact date when inferred. What the parser recognises lives in data
 * files: {@link reportqa.retrieval.report.BrokerRegistry} (brokers, aliases, e-mail domains) and
 * {@link reportqa.retrieval.report.Vocabulary} (industries, report types, ratings, labels,
 * headings).
 */
package reportqa.retrieval.report;
