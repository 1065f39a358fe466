package reportqa.retrieval.solr;

import java.io.IOException;
import java.util.Locale;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.index.Analysis;
import reportqa.retrieval.index.IndexSettings;
import reportqa.retrieval.index.IndexStore;
import reportqa.retrieval.search.HybridOptions;
import reportqa.retrieval.search.LexicalTerms;

/**
 * Opens a library's collection on SolrCloud: connects, creates the collection (and uploads the
 * configset) when it is missing, and returns where an update writes and where searches run, both
 * over one client.
 */
public final class SolrCloud {

    private SolrCloud() {}

    /**
     * The collection opened: the store {@link reportqa.retrieval.index.CorpusIndexer} writes to and the
     * search backend, which owns the client (closing it closes both).
     */
    public record Opened(IndexStore store, SolrSearchBackend backend) {}

    /**
     * Connects to the cluster {@code target} names and prepares its collection.
     *
     * @param corpus the corpus folder the collection is kept up to date with: a collection that holds
     *     another folder's library, or was built with other settings, is refused ({@link
     *     SolrRefusedException}), never rebuilt under the processes that serve it
     * @throws SolrUnavailableException the cluster cannot be reached, or the collection not made ready
     * @throws IllegalArgumentException the settings cannot be expressed by the configset
     */
    public static Opened open(
            SolrCloudTarget target, IndexSettings settings, Embedder embedder, HybridOptions hybrid, String corpus)
            throws IOException {
        if (settings.analysis() != Analysis.ICU_AND_BIGRAM) {
            throw new IllegalArgumentException("the SolrCloud backend analyses text as "
                    + Analysis.ICU_AND_BIGRAM.name().toLowerCase(Locale.ROOT) + " (the default), not "
                    + settings.analysis().name().toLowerCase(Locale.ROOT));
        }
        JdkCloudSolrClient client = JdkCloudSolrClient.connect(target);
        SolrRequests requests = new SolrRequests(client, target);
        try {
            SolrCollection.ensure(client, target, embedder.dimension());
            SolrIndexStore store = new SolrIndexStore(requests, settings, corpus);
            store.checkOwner();
            SolrSearchBackend backend =
                    new SolrSearchBackend(requests, embedder, new LexicalTerms(settings.analysis(), hybrid), hybrid);
            return new Opened(store, backend);
        } catch (IOException | RuntimeException e) {
            // The requests' threads and the client with them.
            requests.close();
            throw e;
        }
    }
}
