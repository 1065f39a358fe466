package reportqa.retrieval.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import reportqa.retrieval.Json;
import reportqa.retrieval.report.Report;

/**
 * An on-disk index opened for searching. Searches see the last commit only; {@link #refresh()}
 * moves them to a newer commit atomically, so a search never sees a half-built index.
 */
public final class ReportIndex implements Closeable {

    private final Directory directory;
    private final SearcherManager searchers;
    private final ObjectMapper json = Json.mapper();
    private volatile Map<String, Report> reports = Map.of();

    private ReportIndex(Directory directory) throws IOException {
        this.directory = directory;
        this.searchers = new SearcherManager(directory, null);
        loadReports();
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

    public static ReportIndex open(Directory directory) throws IOException {
        return new ReportIndex(directory);
    }

    /** Opens {@code dir} as a Lucene directory for {@link CorpusIndexer}, creating it if needed. */
    public static Directory directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        return FSDirectory.open(dir);
    }

    public Directory directory() {
        return directory;
    }

    /** Sees the latest commit (after an index update). */
    public void refresh() throws IOException {
        if (searchers.maybeRefresh()) {
            loadReports();
        }
    }

    /** Runs {@code work} on a searcher of the current commit, released afterwards. */
    public <T> T withSearcher(SearcherWork<T> work) throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return work.apply(s);
        } finally {
            searchers.release(s);
        }
    }

    /** Work done with an acquired searcher. */
    @FunctionalInterface
    public interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Every indexed report by id, sorted by id. */
    public Map<String, Report> reports() {
        return reports;
    }

    public Optional<Report> report(String id) {
        return Optional.ofNullable(reports.get(id));
    }

    /** A report as stored in the commit a searcher sees. */
    public Optional<Report> reportIn(IndexSearcher searcher, String id) {
        try {
            org.apache.lucene.search.Query q = new org.apache.lucene.search.BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_REPORT)), org.apache.lucene.search.BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.REPORT_ID, id)), org.apache.lucene.search.BooleanClause.Occur.FILTER)
                    .build();
            ScoreDoc[] hits = searcher.search(q, 1).scoreDocs;
            if (hits.length == 0) {
                return Optional.empty();
            }
            return Optional.of(json.readValue(searcher.storedFields().document(hits[0].doc).get(Fields.REPORT_JSON), Report.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report " + id + " from the index", e);
        }
    }

    /** Number of passages in the current commit. */
    public int passageCount() {
        try {
            return withSearcher(s -> s.count(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PASSAGE))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A passage as stored for a report.
     *
     * @param passageId stable id
     * @param text passage text
     * @param section section heading
     * @param boilerplate whether it is legal boilerplate
     * @param start offset in the cleaned text
     * @param end end offset
     */
    public record StoredPassage(String passageId, String text, String section, boolean boilerplate, int start, int end) {
    }

    /** Every passage of a report, in text order. */
    public java.util.List<StoredPassage> passages(String reportId) throws IOException {
        return withSearcher(s -> {
            org.apache.lucene.search.Query q = new org.apache.lucene.search.BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PASSAGE)), org.apache.lucene.search.BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.REPORT_ID, reportId)), org.apache.lucene.search.BooleanClause.Occur.FILTER)
                    .build();
            java.util.List<StoredPassage> out = new java.util.ArrayList<>();
            for (ScoreDoc sd : s.search(q, Math.max(1, s.getIndexReader().maxDoc())).scoreDocs) {
                Document d = s.storedFields().document(sd.doc);
                out.add(new StoredPassage(d.get(Fields.PASSAGE_ID), d.get(Fields.TEXT), d.get(Fields.SECTION),
                        Boolean.parseBoolean(d.get(Fields.BOILERPLATE)), d.getField(Fields.START).numericValue().intValue(),
                        d.getField(Fields.END).numericValue().intValue()));
            }
            out.sort(java.util.Comparator.comparingInt(StoredPassage::start));
            return out;
        });
    }

    private void loadReports() throws IOException {
        Map<String, Report> loaded = new TreeMap<>();
        withSearcher(s -> {
            TermQuery q = new TermQuery(new Term(Fields.TYPE, Fields.TYPE_REPORT));
            for (ScoreDoc sd : s.search(q, Math.max(1, s.getIndexReader().maxDoc())).scoreDocs) {
                Document d = s.storedFields().document(sd.doc);
                Report r = json.readValue(d.get(Fields.REPORT_JSON), Report.class);
                loaded.put(r.id(), r);
            }
            return null;
        });
        reports = Collections.unmodifiableMap(loaded);
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        directory.close();
    }
}
