package reportqa.retrieval.search;

import java.util.Locale;

/** How passages are found. */
public enum SearchMode {
    /** Lexical: BM25 over analysed terms. */
    BM25,
    /** Semantic: nearest neighbours of the query's embedding. */
    DENSE,
    /** Both, fused (the default). */
    HYBRID;

    public static final SearchMode DEFAULT = HYBRID;

    /** Lower-case name as used in requests and on the command line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code bm25}, {@code dense} or {@code hybrid} (any case). */
    public static SearchMode parse(String s) {
        for (SearchMode m : values()) {
            if (m.key().equalsIgnoreCase(s.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown search mode '" + s + "': use bm25, dense or hybrid");
    }
}
