package reportqa.retrieval.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import reportqa.retrieval.Json;
import reportqa.retrieval.Memo;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;

/**
 * An on-disk index opened for searching. Searches see the last commit only; {@link #refresh()}
 * moves them to a newer commit atomically, so a search never sees a half-built index.
 *
 * <p>Each searcher carries the reports of its own commit ({@link Snapshot}), so a passage and the
 * metadata it is cited with always come from the same commit, even during a refresh.
 */
public final class ReportIndex implements Closeable {

    /** Reads report cards and whole reports (thread-safe once configured). */
    private static final ObjectMapper JSON = Json.mapper();

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
        try {
            return new ReportIndex(d);
        } catch (IOException | RuntimeException e) {
            // Its reports could not be read (a damaged card): the folder is not left open.
            d.close();
            throw e;
        }
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

        /** Whole reports read lately (an answer cites a few reports, a reader opens one). */
        private final Memo<Integer, Report> whole = new Memo<>(64);

        private final Map<String, ReportCard> reports;
        private final Map<String, Integer> reportDocs;
        private final Map<String, String> sourceHashes;

        Snapshot(
                IndexReader reader,
                Map<String, ReportCard> reports,
                Map<String, Integer> reportDocs,
                Map<String, String> sourceHashes) {
            super(reader);
            this.reports = reports;
            this.reportDocs = reportDocs;
            this.sourceHashes = sourceHashes;
        }

        /** A stored document of this commit, with every stored field (read once, then kept). */
        public Document document(int doc) throws IOException {
            return documents.get(doc, d -> storedFields().document(d));
        }

        /** The reports of this commit by id, sorted by id: their cards, which are kept in memory. */
        public Map<String, ReportCard> reports() {
            return reports;
        }

        /** One report of this commit whole (its text and sections), read from the index. */
        public Optional<Report> report(String id) throws IOException {
            Integer doc = reportDocs.get(id);
            if (doc == null) {
                return Optional.empty();
            }
            return Optional.of(whole.get(
                    doc,
                    d -> JSON.readValue(
                            storedFields()
                                    .document(d, Set.of(Fields.REPORT_JSON))
                                    .get(Fields.REPORT_JSON),
                            Report.class)));
        }

        /** The hash of each report's source files as indexed in this commit, by report id. */
        public Map<String, String> sourceHashes() {
            return sourceHashes;
        }
    }

    /** A report document of a segment: where it is, the report's card, and the hash of its source files. */
    record Loaded(int doc, ReportCard card, String hash) {}

    /**
     * Every report document of one segment, deleted ones too: which are deleted is read per
     * commit (a later one may delete more of them), the documents themselves never change.
     */
    static List<Loaded> reportsOf(LeafReader r) throws IOException {
        List<Loaded> out = new ArrayList<>();
        PostingsEnum docs = r.postings(new Term(Fields.TYPE, Fields.TYPE_REPORT), PostingsEnum.NONE);
        if (docs == null) {
            return out;
        }
        // Doc values, read in document order: only the bytes of the report documents, not the
        // stored blocks around them (see Fields.SOURCE_HASH).
        BinaryDocValues cards = r.getBinaryDocValues(Fields.REPORT_CARD);
        BinaryDocValues hashes = r.getBinaryDocValues(Fields.SOURCE_HASH);
        for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
            if (cards == null || hashes == null || !cards.advanceExact(d) || !hashes.advanceExact(d)) {
                throw new CorruptIndexException("a report document without its card or hash", r.toString());
            }
            out.add(new Loaded(
                    d, card(cards.binaryValue(), r), hashes.binaryValue().utf8ToString()));
        }
        return out;
    }

    /** A report card as kept in the index: encoded ({@link CardCodec}), or as JSON by an index built before. */
    private static ReportCard card(BytesRef bytes, LeafReader segment) throws IOException {
        if (!CardCodec.isEncoded(bytes)) {
            return JSON.readValue(bytes.bytes, bytes.offset, bytes.length, ReportCard.class);
        }
        try {
            return CardCodec.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new CorruptIndexException(
                    "a report card that cannot be read: " + e.getMessage(), segment.toString(), e);
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

    /** The card of every indexed report of the current commit by id, sorted by id. */
    public Map<String, ReportCard> reports() {
        try {
            return withSearcher(Snapshot::reports);
        } catch (IOException e) {
            throw new IllegalStateException("the index searcher could not be acquired", e);
        }
    }

    /** One report of the current commit, whole. */
    public Optional<Report> report(String id) throws IOException {
        return withSearcher(s -> s.report(id));
    }

    /** Number of passages in the current commit. */
    public int passageCount() throws IOException {
        return withSearcher(s -> s.count(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PASSAGE))));
    }

    /**
     * Reads a commit's report documents when its searcher is made. A segment's reports are read
     * once: a later commit reuses those of the segments it shares with the one before (Lucene
     * never changes a segment, only marks its documents deleted), so a report added to a large
     * library costs the parsing of its own segment, not of every report again (at 10,000 reports
     * a whole read takes about 2 s).
     */
    private static final class SnapshotFactory extends SearcherFactory {

        /** The reports of each segment of the last commit, by the segment's core key. */
        private Map<Object, List<Loaded>> bySegment = Map.of();

        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
            Map<String, ReportCard> loaded = new TreeMap<>();
            Map<String, Integer> docs = new HashMap<>();
            Map<String, String> hashes = new HashMap<>();
            Map<Object, List<Loaded>> next = new HashMap<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader r = leaf.reader();
                IndexReader.CacheHelper helper = r.getCoreCacheHelper();
                Object key = helper == null ? null : helper.getKey();
                List<Loaded> reports = key == null ? null : bySegment.get(key);
                if (reports == null) {
                    reports = reportsOf(r);
                }
                if (key != null) {
                    next.put(key, reports);
                }
                Bits live = r.getLiveDocs();
                for (Loaded l : reports) {
                    if (live == null || live.get(l.doc())) {
                        loaded.put(l.card().id(), l.card());
                        docs.put(l.card().id(), leaf.docBase + l.doc());
                        hashes.put(l.card().id(), l.hash());
                    }
                }
            }
            bySegment = next;
            return new Snapshot(reader, Collections.unmodifiableMap(loaded), Map.copyOf(docs), Map.copyOf(hashes));
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        directory.close();
    }
}
