package reportqa.retrieval.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.segmentation.DefaultICUTokenizerConfig;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How text is cut into terms, for indexing and for queries alike: the one place the analyzer is
 * chosen. Some choices index the text twice with two analyzers ({@link Fields#TEXT} and
 * {@link Fields#TEXT_ALT}) and query both. The default was chosen by measurement (see README).
 */
public enum Analysis {
    /** Lucene's StandardAnalyzer: one term per Chinese character. */
    STANDARD,
    /** Character bigrams plus unigrams (StandardTokenizer + CJKBigramFilter). */
    CJK_BIGRAM,
    /** SmartChineseAnalyzer: HMM word segmentation (stems English: Colossal → coloss). */
    SMARTCN,
    /** ICUTokenizer: dictionary word segmentation, English words and numbers kept whole. */
    ICU,
    /** ICU words in one field, character bigrams+unigrams in another, both queried. */
    ICU_AND_BIGRAM;

    /** The default, chosen by measurement on the golden set and CMRC dev. */
    public static final Analysis DEFAULT = ICU_AND_BIGRAM;

    /** A query may name at most this many distinct terms per field (Lucene caps clauses). */
    public static final int MAX_QUERY_TERMS = 256;

    /** The analyzer for every text field. */
    public Analyzer analyzer() {
        Analyzer primary =
                switch (this) {
                    case STANDARD -> new StandardAnalyzer();
                    case CJK_BIGRAM -> bigram();
                    case SMARTCN -> new SmartChineseAnalyzer();
                    case ICU, ICU_AND_BIGRAM -> icu();
                };
        Analyzer alt = this == ICU_AND_BIGRAM ? bigram() : primary;
        return new PerFieldAnalyzerWrapper(primary, Map.of(Fields.TEXT_ALT, alt));
    }

    /** The text fields a passage is indexed into and queried on. */
    public List<String> textFields() {
        return this == ICU_AND_BIGRAM ? List.of(Fields.TEXT, Fields.TEXT_ALT) : List.of(Fields.TEXT);
    }

    /** The distinct terms of {@code text} in {@code field}, in order, at most {@link #MAX_QUERY_TERMS}. */
    public static List<String> terms(Analyzer analyzer, String field, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail with I/O", e);
        }
        return new ArrayList<>(terms);
    }

    private static Analyzer bigram() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream ts = new CJKWidthFilter(source);
                ts = new LowerCaseFilter(ts);
                ts = new CJKBigramFilter(
                        ts,
                        CJKBigramFilter.HAN
                                | CJKBigramFilter.HIRAGANA
                                | CJKBigramFilter.KATAKANA
                                | CJKBigramFilter.HANGUL,
                        true);
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    private static Analyzer icu() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new ICUTokenizer(new DefaultICUTokenizerConfig(true, true));
                TokenStream ts = new ICUNormalizer2Filter(source);
                return new TokenStreamComponents(source, ts);
            }
        };
    }
}
