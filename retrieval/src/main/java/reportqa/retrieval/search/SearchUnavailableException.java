package reportqa.retrieval.search;

import java.io.IOException;

/**
 * The search backend cannot answer now (a remote engine unreachable, a shard with no live replica):
 * the same request may succeed later. The embedded index never throws it; a distributed backend
 * does, so that callers can tell "try again" from a fault of their own.
 */
public class SearchUnavailableException extends IOException {

    /** What a client is told (the backend's address and the cause stay in the server's log). */
    public static final String FOR_CLIENTS = "the search backend cannot answer now (a SolrCloud cluster unreachable or"
            + " a shard without a live replica); try again shortly";

    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
