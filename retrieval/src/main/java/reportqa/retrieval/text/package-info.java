/**
 * Text utilities every later stage relies on; the first step of the pipeline
 * (text → report → chunk → index → search → eval).
 *
 * <p>{@link reportqa.retrieval.text.TextCleaner} turns the text extracted from a broker's PDF into
 * the clean text all offsets point into. {@link reportqa.retrieval.text.Sentences} is the one
 * sentence splitter (chunking, extractive answers, citation checks) and
 * {@link reportqa.retrieval.text.Dates} the one place where numbers become calendar dates, in both
 * notations reports use ({@code 2024年3月19日}, {@code 2024.3.19}). {@link reportqa.retrieval.text.TextMatch}
 * compares snippets ignoring spaces and width, and {@link reportqa.retrieval.text.Hashes} gives the
 * SHA-256 content hashes used for change detection and caching. {@link reportqa.retrieval.text.Words}
 * tells where a Chinese text's words begin (Lucene's HMM segmenter), for rules that read a question
 * character by character. {@link reportqa.retrieval.text.ScreenedPattern} runs a pattern only where a
 * text holds a character its matches can begin with ({@link reportqa.retrieval.text.LeadChars}, read
 * from the pattern's own text): the answer path asks each question some hundred word patterns.
 */
package reportqa.retrieval.text;
