package reportqa.retrieval.solr;

import java.util.Collection;
import org.apache.solr.client.solrj.SolrQuery;
import reportqa.retrieval.search.SearchFilters;

/**
 * {@link SearchFilters} as Solr filter queries, clause for clause the embedded backend's filter
 * (passages only; boilerplate left out unless asked for; the brokers, reports and publication dates
 * named, a date range matching a report whose dates overlap it).
 */
final class SolrFilters {

    private SolrFilters() {}

    /** Adds the filters to {@code q} as filter queries (kNN takes them as its pre-filter). */
    static void add(SolrQuery q, SearchFilters f) {
        q.addFilterQuery(SolrFields.TYPE + ":" + SolrFields.TYPE_PASSAGE);
        if (!f.includeBoilerplate()) {
            q.addFilterQuery(SolrFields.BOILERPLATE + ":false");
        }
        if (!f.brokers().isEmpty()) {
            q.addFilterQuery(anyOf(SolrFields.BROKER, f.brokers()));
        }
        if (!f.reportIds().isEmpty()) {
            q.addFilterQuery(anyOf(SolrFields.REPORT_ID, f.reportIds()));
        }
        if (f.hasDateRange()) {
            // Overlap of [date_from, date_to] with [from, to]: date_from <= to and date_to >= from.
            String to = f.to() == null ? "*" : Long.toString(f.to().toEpochDay());
            String from = f.from() == null ? "*" : Long.toString(f.from().toEpochDay());
            q.addFilterQuery(SolrFields.DATE_FROM + ":[* TO " + to + "]");
            q.addFilterQuery(SolrFields.DATE_TO + ":[" + from + " TO *]");
            if (f.boundedDatesOnly()) {
                q.addFilterQuery(SolrFields.DATE_FROM + ":[" + (Long.MIN_VALUE + 1) + " TO *]");
                q.addFilterQuery(SolrFields.DATE_TO + ":[* TO " + (Long.MAX_VALUE - 1) + "]");
            }
        }
    }

    /**
     * A query matching documents whose {@code field} is any of {@code values} (exact strings): Solr's
     * terms query, the values after its closing brace, taken as they are. Not the standard syntax:
     * a report named {@code NOT} or {@code AND} would be read as an operator there (escaping does not
     * cover words), and a thousand values would pass the query's clause limit.
     */
    static String anyOf(String field, Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to match " + field + " against");
        }
        for (String v : values) {
            if (v.indexOf(SEPARATOR) >= 0) {
                throw new IllegalArgumentException(field + " value holds the terms separator: " + v);
            }
        }
        return "{!terms f=" + field + " separator=\"" + SEPARATOR + "\"}"
                + String.join(String.valueOf(SEPARATOR), values);
    }

    /** Between the values of a terms query: a control character no id, broker or file name holds. */
    private static final char SEPARATOR = '\u001f';
}
