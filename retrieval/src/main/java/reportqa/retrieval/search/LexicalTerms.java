package reportqa.retrieval.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.Fields;

/**
 * The terms a lexical (BM25) search asks for: every term of every analysed text field, and of the
 * title when it is boosted, as one flat disjunction. Made once here, so that every backend scores
 * the same terms with the same weights: {@link LuceneQueries} turns them into a Lucene query, a
 * distributed engine into its own query syntax.
 */
public final class LexicalTerms {

    /** One clause: a term of a field, and its boost (1 unless the field is boosted). */
    public record Clause(String field, String term, float boost) {}

    private final Analysis analysis;
    private final Analyzer analyzer;
    private final HybridOptions options;

    public LexicalTerms(Analysis analysis, HybridOptions options) {
        this.analysis = analysis;
        this.analyzer = analysis.analyzer();
        this.options = options;
    }

    /** The clauses for {@code text}, in order; empty when the text has no term in a text field. */
    public List<Clause> of(String text) {
        String q = options.stripQuestionWords() ? QuestionWords.strip(text) : text;
        List<Clause> out = new ArrayList<>();
        for (String field : analysis.textFields()) {
            add(out, field, q, 1f);
        }
        if (!out.isEmpty() && options.titleBoost() > 0) {
            add(out, Fields.TITLE, q, (float) options.titleBoost());
        }
        return out;
    }

    private void add(List<Clause> out, String field, String text, float boost) {
        for (String t : Analysis.terms(analyzer, field, text)) {
            out.add(new Clause(field, t, boost));
        }
    }
}
