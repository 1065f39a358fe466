package reportqa.retrieval.solr;

import java.util.Collection;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.util.ClientUtils;
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

    /** A filter matching documents whose {@code field} is any of {@code values} (exact strings). */
    static String anyOf(String field, Collection<String> values) {
        return values.stream()
                .map(v -> field + ":" + ClientUtils.escapeQueryChars(v))
                .collect(Collectors.joining(" OR ", "(", ")"));
    }
}
