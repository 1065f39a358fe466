package reportqa.retrieval.search;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.search.IndexSearcher;

/**
 * An index's vector search with a shortlist of a given width, whatever the index's size: what a
 * benchmark compares with an exact search to see how long a library of that size needs its shortlist
 * (the product's own is {@link DenseSearch#DEFAULT}'s). The passages are those the dense search of
 * every passage finds, boilerplate included, scored as it scores them.
 */
public final class DenseShortlist {

    private DenseShortlist() {}

    /** The shortlist the product's dense search scores on floats in a large library. */
    public static int productWidth() {
        return DenseSearch.DEFAULT.candidates();
    }

    /**
     * The scores of the best {@code k} passages for {@code vector}, best first, from a shortlist
     * {@code width} long (never by an exact scan, however small the index).
     */
    public static double[] topScores(IndexSearcher searcher, float[] vector, int width, int k) throws IOException {
        List<HybridFusion.Scored> top =
                new DenseSearch(width, 0).top(searcher, vector, LuceneQueries.filter(SearchFilters.EVERY_PASSAGE), k);
        return top.stream().mapToDouble(HybridFusion.Scored::score).toArray();
    }
}
