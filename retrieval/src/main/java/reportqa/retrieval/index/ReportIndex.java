package reportqa.retrieval.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import reportqa.retrieval.Json;
import reportqa.retrieval.Memo;
import reportqa.retrieval.report.Report;

/**
 * An on-disk index opened for searching. Searches see the last commit only; {@link #refresh()}
 * moves them to a newer commit atomically, so a search never sees a half-built index.
 *
 * <p>Each searcher carries the reports of its own commit ({@link Snapshot}), so a passage and the
 * metadata it is cited with always come from the same commit, even during a refresh.
 */
public final class ReportIndex implements Closeable {

    private final Directory directory;
    private final SearcherManager searchers;

    private ReportIndex(Directory directory) throws IOException {
        this.directory = directory;
        this.searchers = new SearcherManager(directory, new SnapshotFactory());
    }

    /** Opens the index in {@code dir}; it must have been built (see {@link CorpusIndexer}). */
    public static ReportIndex open(Path dir) throws IOException {
        Directory d = FSDirectory.open(dir);
        if (!DirectoryReader.indexExists(d)) {
            d.close();
            throw new IOException("no index in " + dir + ": build it first");
        }
        return new ReportIndex(d);
    }

    /** Opens an index in a directory the caller has already opened (and now hands over). */
    public static ReportIndex open(Directory directory) throws IOException {
        return new ReportIndex(directory);
    }

    /** Opens {@code dir} as a Lucene directory for {@link CorpusIndexer}, creating it if needed. */
    public static Directory directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        return FSDirectory.open(dir);
    }

    /** Sees the latest commit (after an index update). */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** A searcher of one commit together with that commit's reports. */
    public static final class Snapshot extends IndexSearcher {

        /**
         * Stored documents already read from this commit. Lucene decompresses a block of stored
         * fields for every document read, and a search reads each passage it returns (the
         * benchmark's profile of extractive answers: 15% of the samples in reading passages, most of
         * it LZ4). A commit's documents never change, so they are kept while this snapshot serves.
         */
        private final Memo<Integer, Document> documents = new Memo<>(20_000);

        private final Map<String, Report> reports;

        Snapshot(IndexReader reader, Map<String, Report> reports) {
            super(reader);
            this.reports = reports;
        }

        /** A stored document of this commit, with every stored field (read once, then kept). */
        public Document document(int doc) throws IOException {
            return documents.get(doc, d -> storedFields().document(d));
        }

        /** The reports of this commit by id, sorted by id. */
        public Map<String, Report> reports() {
            return reports;
        }
    }

    /** Runs {@code work} on a searcher of the current commit, released afterwards. */
    public <T> T withSearcher(SearcherWork<T> work) throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return work.apply((Snapshot) s);
        } finally {
            searchers.release(s);
        }
    }

    /** Work done with an acquired searcher. */
    @FunctionalInterface
    public interface SearcherWork<T> {
        T apply(Snapshot searcher) throws IOException;
    }

    /** Every indexed report of the current commit by id, sorted by id. */
    public Map<String, Report> reports() {
        try {
            return withSearcher(Snapshot::reports);
        } catch (IOException e) {
            throw new IllegalStateException("the index searcher could not be acquired", e);
        }
    }

    /** One report of the current commit. */
    public Optional<Report> report(String id) {
        return Optional.ofNullable(reports().get(id));
    }

    /** Number of passages in the current commit. */
    public int passageCount() throws IOException {
        return withSearcher(s -> s.count(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PASSAGE))));
    }

    /** Reads a commit's report documents when its searcher is made, once per commit. */
    private static final class SnapshotFactory extends SearcherFactory {

        private final ObjectMapper json = Json.mapper();

        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
            Map<String, Report> loaded = new TreeMap<>();
            IndexSearcher plain = new IndexSearcher(reader);
            TermQuery q = new TermQuery(new Term(Fields.TYPE, Fields.TYPE_REPORT));
            for (ScoreDoc sd : plain.search(q, Math.max(1, reader.maxDoc())).scoreDocs) {
                Document d = plain.storedFields().document(sd.doc);
                Report r = json.readValue(d.get(Fields.REPORT_JSON), Report.class);
                loaded.put(r.id(), r);
            }
            return new Snapshot(reader, Collections.unmodifiableMap(loaded));
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        directory.close();
    }
}
