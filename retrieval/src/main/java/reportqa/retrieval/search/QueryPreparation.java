package reportqa.retrieval.search;

import reportqa.retrieval.report.BrokerRegistry;

/**
 * Turns a question into the text a backend searches, given the filters that will apply: the names
 * of brokers the search is restricted to are left out (every passage left is from them, so their
 * names would only pull in analyst profiles and legal text that repeat them), and English words are
 * followed by their Chinese glossary terms.
 */
public final class QueryPreparation {

    private final BrokerRegistry brokers;
    private final QueryExpansion expansion;

    public QueryPreparation(BrokerRegistry brokers, QueryExpansion expansion) {
        this.brokers = brokers;
        this.expansion = expansion;
    }

    /** The text to search for {@code question} under {@code filters}. */
    public String prepare(String question, SearchFilters filters) {
        return expansion.expand(brokers.withoutNames(question, filters.brokers()));
    }
}
