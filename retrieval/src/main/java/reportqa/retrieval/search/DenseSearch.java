package reportqa.retrieval.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import reportqa.retrieval.index.Fields;
import reportqa.retrieval.index.ReportIndex;

/**
 * The passages nearest to a query vector, found the same way whatever segments the index is made
 * of, so that an index brought up to date incrementally answers like one built clean (issue #9
 * item 14).
 *
 * <ul>
 *   <li>an index of at most {@code exactLimit} vectors is scanned exactly: every passage the filter
 *       allows scored on its float vector;
 *   <li>a larger one is searched through its vector format ({@code SignScanVectorsFormat}): every
 *       passage the filter allows is estimated from the signs of its vector, the best {@code
 *       candidates} estimates (at least {@code n}) are scored on their floats, and the best {@code n}
 *       kept. Which passages the shortlist holds is approximate; the ones it holds are scored and
 *       ordered as an exact scan would, and the same vectors give the same shortlist whatever the
 *       segments.
 * </ul>
 *
 * <p>Passages with the same score (the same text in two reports) are ordered by passage id, not by
 * Lucene's document number, which an update changes. All figures are in RELIABILITY.md and
 * BENCHMARKS.md.
 *
 * @param candidates the least number of passages scored on their floats
 * @param exactLimit the most vectors (deleted ones not yet merged away included) scanned exactly
 */
record DenseSearch(int candidates, int exactLimit) {

    /**
     * Dense search's: a shortlist of 1,200. On the real model's vectors of 333,920 passages (the
     * benchmark's 10,000-report library) it held 0.994 of the exact top 10 (a sample of the
     * benchmark's queries) and 0.990 (golden questions); 200 wide, 0.950 and 0.909 (BENCHMARKS.md,
     * stop 37). The exact limit: RELIABILITY.md, item 14.
     */
    static final DenseSearch DEFAULT = new DenseSearch(1_200, 5_000);

    /**
     * Hybrid search's dense candidates: a shortlist of 200. BM25 proposes the other half of its
     * candidates and every candidate is scored by both, so a passage the shorter list misses is often
     * proposed by BM25; hybrid search has 10 ms at 300,000 passages (issue #10), and each passage of
     * the shortlist scored on its floats costs about 2 µs.
     */
    static final DenseSearch FOR_HYBRID = new DenseSearch(200, 5_000);

    /** Worst first: the lower score, then the later document (Lucene's order for ties). */
    private static final Comparator<ScoreDoc> WORST_FIRST =
            Comparator.comparingDouble((ScoreDoc d) -> d.score).thenComparing(d -> -d.doc);

    DenseSearch {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be positive");
        }
        if (exactLimit < 0) {
            throw new IllegalArgumentException("exactLimit must not be negative");
        }
    }

    /** The best {@code n} passages the filter allows, best first. */
    List<HybridFusion.Scored> top(IndexSearcher searcher, float[] vector, Query filter, int n) throws IOException {
        int width = Math.max(n, candidates);
        ScoreDoc[] found = scansExactly(searcher)
                ? exact(searcher, vector, filter, width)
                : searcher.search(new KnnFloatVectorQuery(Fields.VECTOR, vector, width, filter), width).scoreDocs;
        return best(searcher, found, n);
    }

    /** Whether the index is small enough to be scanned exactly (see the class comment). */
    boolean scansExactly(IndexSearcher searcher) throws IOException {
        return vectors(searcher) <= exactLimit;
    }

    /** How many vectors the index holds, deleted ones included: what a scan wades through. */
    private static long vectors(IndexSearcher searcher) throws IOException {
        long total = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
            total += values == null ? 0 : values.size();
        }
        return total;
    }

    /** Every live passage the filter allows, scored on its float vector; the best {@code width}. */
    private static ScoreDoc[] exact(IndexSearcher searcher, float[] vector, Query filter, int width)
            throws IOException {
        Weight allowed = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
        PriorityQueue<ScoreDoc> best = new PriorityQueue<>(width + 1, WORST_FIRST);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
            Scorer docs = allowed.scorer(leaf);
            if (values == null || docs == null) {
                continue;
            }
            FieldInfo field = leaf.reader().getFieldInfos().fieldInfo(Fields.VECTOR);
            Bits live = leaf.reader().getLiveDocs();
            DocIdSetIterator it = docs.iterator();
            for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
                if (live != null && !live.get(d)) {
                    continue;
                }
                int at = values.docID() < d ? values.advance(d) : values.docID();
                if (at != d) {
                    continue;
                }
                float score = field.getVectorSimilarityFunction().compare(vector, values.vectorValue());
                best.add(new ScoreDoc(leaf.docBase + d, score));
                if (best.size() > width) {
                    best.poll();
                }
            }
        }
        ScoreDoc[] out = new ScoreDoc[best.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = best.poll();
        }
        return out;
    }

    /** The first {@code n} of {@code found} (best first), equal scores ordered by passage id. */
    private static List<HybridFusion.Scored> best(IndexSearcher searcher, ScoreDoc[] found, int n) throws IOException {
        List<Ranked> ranked = new ArrayList<>(found.length);
        for (int i = 0; i < found.length; i++) {
            boolean tied = (i > 0 && found[i - 1].score == found[i].score)
                    || (i + 1 < found.length && found[i + 1].score == found[i].score);
            // Only a tie needs the passage id: reading stored fields for every candidate costs more.
            ranked.add(new Ranked(found[i], tied ? passageId(searcher, found[i].doc) : ""));
        }
        ranked.sort(Comparator.comparingDouble((Ranked r) -> -r.doc().score).thenComparing(Ranked::passageId));
        List<HybridFusion.Scored> out = new ArrayList<>(Math.min(n, ranked.size()));
        for (Ranked r : ranked.subList(0, Math.min(n, ranked.size()))) {
            out.add(new HybridFusion.Scored(r.doc().doc, r.doc().score));
        }
        return out;
    }

    private static String passageId(IndexSearcher searcher, int doc) throws IOException {
        // A snapshot keeps the documents it has read (the same few tie again and again); a plain
        // searcher decompresses the stored block each time.
        if (searcher instanceof ReportIndex.Snapshot snapshot) {
            return snapshot.document(doc).get(Fields.PASSAGE_ID);
        }
        return searcher.storedFields().document(doc, Set.of(Fields.PASSAGE_ID)).get(Fields.PASSAGE_ID);
    }

    /** A candidate and, when its score is tied with a neighbour's, its passage id (else empty). */
    private record Ranked(ScoreDoc doc, String passageId) {}
}
