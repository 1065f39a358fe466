package reportqa.retrieval.search;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.search.IndexSearcher;

/**
 * An index's vector search with its graph walked a given width, whatever the index's size: what a
 * benchmark compares with an exact search to see how wide a library of that size must be walked
 * (the product's own width is {@link DenseSearch#DEFAULT}). The passages are those the dense search
 * of every passage finds, boilerplate included, scored as it scores them.
 */
public final class DenseWalk {

    private DenseWalk() {}

    /** The width the product walks a large library's graph: the least number of candidates. */
    public static int productWidth() {
        return DenseSearch.DEFAULT.candidates();
    }

    /**
     * The scores of the best {@code k} passages for {@code vector}, best first, found by walking the
     * graph {@code width} wide (never by an exact scan, however small the index).
     */
    public static double[] topScores(IndexSearcher searcher, float[] vector, int width, int k) throws IOException {
        List<HybridFusion.Scored> top =
                new DenseSearch(width, 0).top(searcher, vector, LuceneQueries.filter(SearchFilters.EVERY_PASSAGE), k);
        return top.stream().mapToDouble(HybridFusion.Scored::score).toArray();
    }
}
