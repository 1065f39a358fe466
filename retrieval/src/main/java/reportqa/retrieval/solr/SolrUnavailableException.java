package reportqa.retrieval.solr;

import reportqa.retrieval.search.SearchUnavailableException;

/**
 * The SolrCloud cluster did not answer, or answered with an error of its own (no live replica of a
 * shard, a node down, a timeout): the search or update can be tried again later. What it says names
 * the cluster, never a credential.
 */
public final class SolrUnavailableException extends SearchUnavailableException {

    public SolrUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
