package reportqa.retrieval.index;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import reportqa.retrieval.chunk.Chunk;
import reportqa.retrieval.report.Report;

/**
 * Where {@link CorpusIndexer} writes what it read: the embedded Lucene index ({@link LuceneIndexStore})
 * or a distributed engine. The indexer decides what to read, parse, chunk and embed, and reports
 * progress and failures the same way for every store; a store only keeps reports and their
 * passages, replaced a report at a time, and makes them visible to searches at once, when an update
 * commits.
 */
public interface IndexStore {

    /** The settings fingerprint the store's last commit was built with, or null when it has none. */
    String builtWith() throws IOException;

    /** Begins an update: nothing it writes is seen by searches until {@link Update#commit}. */
    Update begin() throws IOException;

    /** One update of the store. Closed without a commit, it leaves the last commit as it was where the store can. */
    interface Update extends Closeable {

        /**
         * The hash of each indexed report's source files, by report id.
         *
         * @param known what an open searcher read from the last commit, or null: a store may take it
         *     instead of reading every report again when it is still current
         */
        Map<String, String> indexed(CorpusIndexer.Indexed known) throws IOException;

        /** Removes everything: the update rebuilds the store whole. */
        void deleteAll() throws IOException;

        /** Replaces a report and all its passages (or adds them) as one unit. */
        void replace(Report report, String sourceHash, List<Chunk> chunks, List<float[]> vectors) throws IOException;

        /** Removes a report and its passages. */
        void delete(String reportId) throws IOException;

        /**
         * Makes the update visible to searches and durable, recording the settings it was built with.
         *
         * @param result what the update did (a store may, say, merge a store built whole)
         * @param fingerprint the settings fingerprint to record
         */
        void commit(IndexResult result, String fingerprint) throws IOException;
    }
}
