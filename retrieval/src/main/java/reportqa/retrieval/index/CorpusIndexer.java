package reportqa.retrieval.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.StringHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.chunk.Chunk;
import reportqa.retrieval.chunk.Chunker;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.embed.EmbedderClosedException;
import reportqa.retrieval.embed.EmbeddingException;
import reportqa.retrieval.embed.VectorCheck;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportParseException;
import reportqa.retrieval.report.ReportParser;

/**
 * Brings an index up to date with a corpus folder, touching only the reports that were added,
 * changed or removed. Everything is committed at once at the end: until then searchers keep seeing
 * the previous commit.
 *
 * <p>What the folder holds and which files changed is read by {@link CorpusScan}; where the reports
 * and their passages are written is the {@link IndexStore}'s job: the embedded Lucene index by
 * default, or a distributed engine.
 */
public final class CorpusIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusIndexer.class);

    private final IndexStore store;
    private final IndexSettings settings;
    private final ReportParser parser;
    private final Embedder embedder;
    /** The index folder whose {@link SourceStamps} record spares unchanged files a read, or null. */
    private Path stampsBeside;

    private Duration stampsSettled = SourceStamps.SETTLED;

    /** Indexes into the Lucene index in {@code directory}. */
    public CorpusIndexer(Directory directory, IndexSettings settings, ReportParser parser, Embedder embedder) {
        this(new LuceneIndexStore(directory, settings), settings, parser, embedder);
    }

    /** Indexes into {@code store}. */
    public CorpusIndexer(IndexStore store, IndexSettings settings, ReportParser parser, Embedder embedder) {
        if (!settings.embedderId().equals(embedder.modelId())) {
            throw new IllegalArgumentException(
                    "settings name embedder " + settings.embedderId() + " but got " + embedder.modelId());
        }
        this.store = store;
        this.settings = settings;
        this.parser = parser;
        this.embedder = embedder;
    }

    /** Writes a segment every {@code docs} documents (as a large build does by memory); for tests. */
    CorpusIndexer withMaxBufferedDocs(int docs) {
        lucene().maxBufferedDocs(docs);
        return this;
    }

    /**
     * Records report file stamps beside index folder {@code indexDir} ({@link SourceStamps}), so that
     * an update reads only the files whose stamp changed. Without it every file is read and hashed.
     */
    public CorpusIndexer withSourceStamps(Path indexDir) {
        return withSourceStamps(indexDir, SourceStamps.SETTLED);
    }

    /** As {@link #withSourceStamps(Path)}, recording stamps changed {@code settled} ago; for tests. */
    CorpusIndexer withSourceStamps(Path indexDir, Duration settled) {
        this.stampsBeside = indexDir;
        this.stampsSettled = settled;
        return this;
    }

    /** The Lucene directory indexed into (only when the store is the embedded index). */
    public Directory directory() {
        return lucene().directory();
    }

    private LuceneIndexStore lucene() {
        if (store instanceof LuceneIndexStore l) {
            return l;
        }
        throw new IllegalStateException("this indexer writes to " + store + ", not to a Lucene directory");
    }

    /**
     * What the index's last commit holds, as an open searcher already read it: the hash of each
     * report's source files, by report id. Given to an update, it spares reading every report
     * document again (a second of a start at 10,000 reports).
     *
     * @param commit the commit it was read from, by its segments file and unique id (used only if
     *     it is still the last one: an index folder deleted and built again starts its generations
     *     from 1 again, never its ids)
     */
    public record Indexed(String commit, Map<String, String> hashes) {

        public Indexed {
            hashes = Map.copyOf(hashes);
        }

        /** What {@code snapshot}'s commit holds. */
        public static Indexed of(ReportIndex.Snapshot snapshot) throws IOException {
            IndexCommit c = ((DirectoryReader) snapshot.getIndexReader()).getIndexCommit();
            return new Indexed(
                    commitId(SegmentInfos.readCommit(c.getDirectory(), c.getSegmentsFileName())),
                    snapshot.sourceHashes());
        }
    }

    static String commitId(SegmentInfos commit) {
        return commit.getSegmentsFileName() + "/" + StringHelper.idToString(commit.getId());
    }

    /**
     * Whether the last commit was built with these settings: an index that an update would rebuild
     * whole is not worth reading first (and its reports may not read as today's).
     */
    public boolean builtWithTheseSettings() throws IOException {
        return settings.fingerprint().equals(store.builtWith());
    }

    /** Updates the index from {@code corpusDir}. */
    public IndexResult update(Path corpusDir, IndexProgress progress) throws IOException {
        return update(corpusDir, progress, null);
    }

    /**
     * Updates the index from {@code corpusDir}, knowing what its last commit holds.
     *
     * @param known what an open searcher read from the last commit, or null to read it here
     */
    public IndexResult update(Path corpusDir, IndexProgress progress, Indexed known) throws IOException {
        return update(corpusDir, progress, known, Set.of());
    }

    /**
     * Updates the index from {@code corpusDir}, reading the reports of {@code reread} again even when
     * their files did not change (a re-index asked for by hand).
     *
     * @param known what an open searcher read from the last commit, or null to read it here
     * @param reread ids of reports to read and index again whatever their hash
     */
    public IndexResult update(Path corpusDir, IndexProgress progress, Indexed known, Set<String> reread)
            throws IOException {
        try {
            return updateOrFail(corpusDir, progress, known, reread);
        } catch (StoreFailure e) {
            throw e.getCause();
        }
    }

    /**
     * A failure of the store while a report was written (a disk full, a cluster gone): unchecked, so
     * that no report's own failure handling takes it for that report's (a file it could not read).
     */
    private static final class StoreFailure extends RuntimeException {
        StoreFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private IndexResult updateOrFail(Path corpusDir, IndexProgress progress, Indexed known, Set<String> reread)
            throws IOException {
        long t0 = System.nanoTime();
        if (!Files.isDirectory(corpusDir)) {
            throw new IOException("corpus folder does not exist: " + corpusDir);
        }
        CorpusScan.Scan scan = CorpusScan.scan(corpusDir);
        List<Path> files = scan.reports();
        SourceStamps stamps =
                stampsBeside == null ? SourceStamps.none() : SourceStamps.of(stampsBeside, corpusDir, stampsSettled);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<IndexResult.Failure> failures = new ArrayList<>(scan.skipped());
        scan.skipped().forEach(f -> LOG.warn("skipped {}: {}", f.reportId(), f.reason()));
        int passages = 0;
        try (IndexStore.Update writer = store.begin()) {
            boolean rebuild = !builtWithTheseSettings();
            if (rebuild) {
                writer.deleteAll();
            }
            Map<String, String> indexed = rebuild ? Map.of() : writer.indexed(known);
            // Where an update begins (the writer holds the index from here on): with the last line,
            // "index update: …", it brackets what a crash in between leaves as the previous commit.
            LOG.info(
                    "index update started: {} report files, {} reports in the last commit{}",
                    files.size(),
                    indexed.size(),
                    rebuild ? " (rebuilding it whole)" : "");
            // A skipped entry keeps what an earlier version indexed, as a report that fails to parse does.
            Set<String> seen = new TreeSet<>();
            scan.skipped().forEach(f -> seen.add(f.reportId()));
            int done = 0;
            for (Path file : files) {
                String id = ReportParser.idOf(file);
                seen.add(id);
                boolean indexedNow = false;
                int written = 0;
                try {
                    String hash = stamps.hash(file, scan.listed(ReportParser.sidecarOf(file)));
                    String old = indexed.get(id);
                    if (hash.equals(old) && !reread.contains(id)) {
                        unchanged.add(id);
                    } else {
                        progress.reportReading(id);
                        Report report = parser.parse(file);
                        progress.reportRead(id);
                        written = write(writer, report, hash);
                        passages += written;
                        (old == null ? added : changed).add(id);
                        indexedNow = true;
                    }
                } catch (ReportParseException e) {
                    failures.add(new IndexResult.Failure(id, e.reason()));
                    LOG.warn("skipped report {}: {}", id, e.reason());
                } catch (IOException e) {
                    failures.add(new IndexResult.Failure(id, "cannot read: " + ReportParser.readFailure(e)));
                    LOG.warn("skipped report {}: {}", id, e.toString());
                } catch (EmbeddingException e) {
                    failures.add(new IndexResult.Failure(id, "cannot embed its passages: " + e.getMessage()));
                    LOG.warn("skipped report {}", id, e);
                }
                if (indexedNow) {
                    progress.passagesIndexed(id, written);
                }
                progress.reportDone(++done, files.size(), id, indexedNow);
            }
            List<String> removed = new ArrayList<>();
            for (String id : indexed.keySet()) {
                if (!seen.contains(id)) {
                    writer.delete(id);
                    removed.add(id);
                }
            }
            IndexResult result = new IndexResult(
                    added,
                    changed,
                    removed,
                    unchanged,
                    failures,
                    passages,
                    rebuild,
                    (System.nanoTime() - t0) / 1_000_000);
            writer.commit(result, settings.fingerprint());
            stamps.save();
            LOG.info("index update: {}", result.summary());
            return result;
        }
    }

    private int write(IndexStore.Update writer, Report report, String hash) throws IOException {
        List<Chunk> chunks = new Chunker(settings.chunking()).chunk(report);
        List<float[]> vectors;
        try {
            vectors = embedder.embedPassages(chunks.stream().map(Chunk::text).toList());
        } catch (EmbedderClosedException e) {
            // The process is stopping: the update ends here, uncommitted (the writer rolls back).
            throw e;
        } catch (RuntimeException e) {
            // The embedding model is a library of its own and throws what it likes; whatever it
            // is, it belongs to this report, and the other reports still get indexed.
            throw new EmbeddingException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
        if (vectors.size() != chunks.size()) {
            throw new EmbeddingException(
                    "the embedder returned " + vectors.size() + " vectors for " + chunks.size() + " passages", null);
        }
        VectorCheck check = VectorCheck.of(embedder);
        for (float[] v : vectors) {
            Optional<String> problem = check.problem(v);
            if (problem.isPresent()) {
                throw new EmbeddingException(
                        "the embedder returned a vector that is not usable: " + problem.get(), null);
            }
        }
        try {
            writer.replace(report, hash, chunks, vectors);
        } catch (IOException e) {
            // The store failed, not this report: the update ends here, uncommitted, rather than go
            // on writing every other report to a store that cannot take them (see StoreFailure).
            throw new StoreFailure(e);
        }
        return chunks.size();
    }
}
