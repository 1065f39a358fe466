package reportqa.retrieval.index;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Bits;
import reportqa.retrieval.chunk.Chunk;
import reportqa.retrieval.report.Report;

/**
 * The embedded store: a Lucene index in a {@link Directory}, written by one {@link IndexWriter} per
 * update and committed once at its end. Until then searchers keep seeing the previous commit, and a
 * crash leaves that commit as it was. How a report is laid out as documents is {@link IndexDocuments}'s job.
 */
final class LuceneIndexStore implements IndexStore {

    private final Directory directory;
    private final IndexSettings settings;
    private final IndexDocuments documents;
    /**
     * Documents buffered before Lucene writes a segment, or 0 for Lucene's default (by memory, 16
     * MB). A test sets it low to get the many segments a large build writes.
     */
    private int maxBufferedDocs;

    LuceneIndexStore(Directory directory, IndexSettings settings) {
        this.directory = directory;
        this.settings = settings;
        this.documents = new IndexDocuments(settings.analysis());
    }

    Directory directory() {
        return directory;
    }

    void maxBufferedDocs(int docs) {
        this.maxBufferedDocs = docs;
    }

    @Override
    public String builtWith() throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return null;
        }
        return SegmentInfos.readLatestCommit(directory).getUserData().get(Fields.COMMIT_SETTINGS);
    }

    @Override
    public Update begin() throws IOException {
        // Only the commits below are made: a writer closed by a failure the loop does not catch (an
        // error of the model, out of memory) rolls back, where Lucene's default commits on close,
        // which committed the reports written before the failure without the rest.
        ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
        IndexWriterConfig config = new IndexWriterConfig(settings.analysis().analyzer())
                .setCodec(VectorCodec.CODEC)
                .setMergeScheduler(merges)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(false);
        if (maxBufferedDocs > 0) {
            config.setMaxBufferedDocs(maxBufferedDocs);
        }
        IndexWriter writer = new IndexWriter(directory, config);
        try {
            if (!DirectoryReader.indexExists(directory)) {
                // An empty first commit, without the settings: Lucene writes segment files as
                // documents come, so a first build stopped before its commit (kill -9, Ctrl-C) would
                // leave files without a commit point — what an index whose commit point was lost
                // looks like, reported as damage. This way it leaves an empty commit, which the next
                // run takes for an unfinished build and builds whole.
                writer.commit();
            }
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
        return new Writing(writer, merges);
    }

    private final class Writing implements Update {

        private final IndexWriter writer;
        private final ConcurrentMergeScheduler merges;

        Writing(IndexWriter writer, ConcurrentMergeScheduler merges) {
            this.writer = writer;
            this.merges = merges;
        }

        @Override
        public Map<String, String> indexed(CorpusIndexer.Indexed known) throws IOException {
            return known != null && known.commit().equals(lastCommit()) ? known.hashes() : indexedHashes();
        }

        @Override
        public void deleteAll() throws IOException {
            writer.deleteAll();
        }

        @Override
        public void replace(Report report, String sourceHash, List<Chunk> chunks, List<float[]> vectors)
                throws IOException {
            writer.updateDocuments(
                    new Term(Fields.REPORT_ID, report.id()), documents.of(report, sourceHash, chunks, vectors));
        }

        @Override
        public void delete(String reportId) throws IOException {
            writer.deleteDocuments(new Term(Fields.REPORT_ID, reportId));
        }

        @Override
        public void commit(IndexResult result, String fingerprint) throws IOException {
            if (result.rebuilt() && result.passagesWritten() > 0) {
                // A library built whole is merged into one segment before its commit: every BM25
                // clause and every vector search runs once per segment, and a build leaves a dozen or
                // more (333,920 passages: 16 segments, BM25 p50 10.8 → 6.6 ms and hybrid 31.8 → 18.1
                // ms once merged; the merge took 120 s of a 657 s build). Updates are not merged:
                // a report added is searchable as soon as its own segment is written.
                // Unthrottled: Lucene slows merges' writes (to 5–20 MB/s) so that they do not starve
                // searches of the disk, but a whole build has no searches waiting for it, and the
                // throttled merge left both cores idle for minutes (333,920 passages, 1 GB of
                // vectors written).
                merges.disableAutoIOThrottle();
                writer.forceMerge(1);
            }
            if (result.modified() || writer.hasUncommittedChanges() || !DirectoryReader.indexExists(directory)) {
                writer.setLiveCommitData(
                        Map.of(Fields.COMMIT_SETTINGS, fingerprint).entrySet());
                writer.commit();
            }
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }

        /** The id of the last commit, or "" when there is none. */
        private String lastCommit() throws IOException {
            if (!DirectoryReader.indexExists(directory)) {
                return "";
            }
            return CorpusIndexer.commitId(SegmentInfos.readLatestCommit(directory));
        }

        private Map<String, String> indexedHashes() throws IOException {
            Map<String, String> out = new HashMap<>();
            if (!DirectoryReader.indexExists(directory)) {
                return out;
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                for (LeafReaderContext leaf : reader.leaves()) {
                    // Cards and hashes from doc values, as a searcher reads them: not the stored
                    // blocks every report document shares with passages.
                    Bits live = leaf.reader().getLiveDocs();
                    for (ReportIndex.Loaded l : ReportIndex.reportsOf(leaf.reader())) {
                        if (live == null || live.get(l.doc())) {
                            out.put(l.card().id(), l.hash());
                        }
                    }
                }
            }
            return out;
        }
    }
}
