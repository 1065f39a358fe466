package reportqa.server.answer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which questions compare reports (and are answered report by report). */
class ComparisonTest {

    @Test
    void askingToCompareReportsOrBrokersIsAComparison() {
        assertTrue(Comparison.asks("比较一下各家券商对Sora的看法"));
        assertTrue(Comparison.asks("Compare what the brokers say about Sora."));
        assertTrue(Comparison.asks("Give me a comparison of the brokers' ratings."));
        assertTrue(Comparison.asks("Which brokers wrote about Kimi?"));
    }

    @Test
    void aComparisonThatAReportMakesIsNot() {
        // "The Kimi comparison" names a passage of one report (Kimi against Claude-100k and GPT-4-32k).
        assertFalse(Comparison.asks("In the Kimi comparison, how much text can Anthropic's Claude-100k take in?"));
        assertFalse(Comparison.asks("Kimi 支持多少字的上下文？"));
    }
}
