package reportqa.retrieval.solr;

import java.io.IOException;

/**
 * The collection refused a request as bad (an HTTP 4xx of Solr's): trying again will not help. Most
 * likely a collection whose schema is not ReportQA's configset's.
 */
public final class SolrRefusedException extends IOException {

    public SolrRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
