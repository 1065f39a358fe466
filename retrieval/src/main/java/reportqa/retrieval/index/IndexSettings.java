package reportqa.retrieval.index;

import java.util.List;
import reportqa.retrieval.Resources;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.pdf.PdfReader;
import reportqa.retrieval.text.Hashes;

/**
 * What an index is built with. An index built with other settings is rebuilt from scratch,
 * since its terms, passages or vectors would not match the queries.
 *
 * @param analysis how text becomes terms
 * @param chunking how reports become passages
 * @param embedderId the embedding model's id
 */
public record IndexSettings(Analysis analysis, ChunkingOptions chunking, String embedderId) {

    /**
     * Bumped when the document layout or parsing changes in a way old indexes cannot serve. 5: passage
     * vectors are searched by a scan of their signs, not a graph ({@code VectorCodec}); an older
     * index's vector format can no longer be read. 6: the signs' metadata says whether they can
     * shortlist the field ({@code SignBalance}). 7: a report's card counts its pages and passages
     * (the library view lists them).
     */
    static final int FORMAT = 7;

    /**
     * The data files that decide what an indexed passage holds besides its text: which of its lines
     * are page furniture (stored with it), the metadata words and the brokers read from its header.
     * An index built with other versions of them would quote a header line as content, or miss a
     * broker, until rebuilt: their hash is part of the fingerprint.
     */
    static final List<String> PARSING_RESOURCES = List.of(
            "/reportqa/retrieval/noise-lines.json",
            "/reportqa/retrieval/vocabulary.json",
            "/reportqa/retrieval/brokers.json");

    /** The hash of {@link #PARSING_RESOURCES} as shipped. */
    static final String PARSING = parsingHash();

    private static String parsingHash() {
        StringBuilder all = new StringBuilder();
        for (String r : PARSING_RESOURCES) {
            // Of the furniture rules, the line patterns only: the question words beside them
            // ("askedFor") are read when answering and change nothing indexed.
            String text = r.endsWith("noise-lines.json")
                    ? Resources.json(r).path("lines").toString()
                    : Resources.text(r);
            all.append(r).append('\n').append(text).append('\n');
        }
        return Hashes.sha256Prefix(all.toString(), 6);
    }

    /** A string that differs whenever the settings (or the parsing data files, or the PDF reading) differ. */
    public String fingerprint() {
        return "format=" + FORMAT + ";analysis=" + analysis + ";chunk=" + chunking.maxChars() + "/"
                + chunking.overlapChars() + ";embedder=" + embedderId + ";pdf=" + PdfReader.VERSION + ";parsing="
                + PARSING;
    }
}
