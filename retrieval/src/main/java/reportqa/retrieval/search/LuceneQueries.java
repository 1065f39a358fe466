package reportqa.retrieval.search;

import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.Fields;

/**
 * Builds the Lucene queries: the lexical query for user text (analysed into terms, never parsed as
 * syntax, so {@code title:(}, {@code *} or {@code AND} are just text) and the filter query for
 * {@link SearchFilters}.
 */
final class LuceneQueries {

    private final LexicalTerms terms;

    LuceneQueries(Analysis analysis, HybridOptions options) {
        this.terms = new LexicalTerms(analysis, options);
    }

    /**
     * The BM25 query for the text, or null when it has no terms: one flat disjunction of every term
     * of every analysed field ({@link LexicalTerms}). Flat, not a disjunction per field: Lucene skips
     * documents that cannot reach the top k by the best score each clause can give (block-max WAND),
     * and a nested disjunction can only offer the sum of its terms' bests, which skips far less (at
     * 333,920 passages: BENCHMARKS.md). The scores are the same sums.
     */
    Query lexical(String text) {
        List<LexicalTerms.Clause> clauses = terms.of(text);
        if (clauses.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (LexicalTerms.Clause c : clauses) {
            Query term = new TermQuery(new Term(c.field(), c.term()));
            all.add(c.boost() == 1f ? term : new BoostQuery(term, c.boost()), Occur.SHOULD);
        }
        return all.build();
    }

    /**
     * {@code q} restricted to the passages the filters allow. No clause asks for passages: only they
     * carry text, so {@code q} matches no report document. Boilerplate, a small part of the passages,
     * is excluded rather than body required: a required term as common as "false" would lead the
     * conjunction and offer every passage to the lexical query (at 333,920 passages most of a search's
     * time), where an exclusion is checked only on the passages the lexical query proposes.
     */
    static Query filtered(Query q, SearchFilters f) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(q, Occur.MUST);
        if (!f.includeBoilerplate()) {
            b.add(new TermQuery(new Term(Fields.BOILERPLATE, "true")), Occur.MUST_NOT);
        }
        narrowing(b, f);
        return b.build();
    }

    /** The passages the filters allow (never report documents): for the vector search. */
    static Query filter(SearchFilters f) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PASSAGE)), Occur.FILTER);
        if (!f.includeBoilerplate()) {
            b.add(new TermQuery(new Term(Fields.BOILERPLATE, "false")), Occur.FILTER);
        }
        narrowing(b, f);
        return b.build();
    }

    /** The brokers, reports and dates the filters name, as required clauses. */
    private static void narrowing(BooleanQuery.Builder b, SearchFilters f) {
        if (!f.brokers().isEmpty()) {
            b.add(
                    new TermInSetQuery(
                            Fields.BROKER,
                            f.brokers().stream().map(BytesRef::new).toList()),
                    Occur.FILTER);
        }
        if (!f.reportIds().isEmpty()) {
            b.add(
                    new TermInSetQuery(
                            Fields.REPORT_ID,
                            f.reportIds().stream().map(BytesRef::new).toList()),
                    Occur.FILTER);
        }
        if (f.hasDateRange()) {
            // Overlap of [date_from, date_to] with [from, to]: date_from <= to and date_to >= from.
            long to = f.to() == null ? Long.MAX_VALUE : f.to().toEpochDay();
            long from = f.from() == null ? Long.MIN_VALUE : f.from().toEpochDay();
            b.add(LongPoint.newRangeQuery(Fields.DATE_FROM, Long.MIN_VALUE, to), Occur.FILTER);
            b.add(LongPoint.newRangeQuery(Fields.DATE_TO, from, Long.MAX_VALUE), Occur.FILTER);
            if (f.boundedDatesOnly()) {
                b.add(LongPoint.newRangeQuery(Fields.DATE_FROM, Long.MIN_VALUE + 1, Long.MAX_VALUE), Occur.FILTER);
                b.add(LongPoint.newRangeQuery(Fields.DATE_TO, Long.MIN_VALUE, Long.MAX_VALUE - 1), Occur.FILTER);
            }
        }
    }

    /** Every passage of one report. */
    static Query passagesOf(String reportId) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PASSAGE)), Occur.FILTER)
                .add(new TermQuery(new Term(Fields.REPORT_ID, reportId)), Occur.FILTER)
                .build();
    }
}
