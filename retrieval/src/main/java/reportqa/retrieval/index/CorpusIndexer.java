package reportqa.retrieval.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.Json;
import reportqa.retrieval.chunk.Chunk;
import reportqa.retrieval.chunk.Chunker;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.report.ReportParseException;
import reportqa.retrieval.report.ReportParser;

/**
 * Brings a Lucene index up to date with a corpus folder, touching only the reports that were
 * added, changed or removed. Everything is committed at once at the end: until then searchers keep
 * seeing the previous commit, and a crash leaves that commit as it was.
 */
public final class CorpusIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusIndexer.class);

    private final Directory directory;
    private final IndexSettings settings;
    private final ReportParser parser;
    private final Embedder embedder;
    private final ObjectMapper json = Json.mapper();

    public CorpusIndexer(Directory directory, IndexSettings settings, ReportParser parser, Embedder embedder) {
        if (!settings.embedderId().equals(embedder.modelId())) {
            throw new IllegalArgumentException("settings name embedder " + settings.embedderId() + " but got " + embedder.modelId());
        }
        this.directory = directory;
        this.settings = settings;
        this.parser = parser;
        this.embedder = embedder;
    }

    public Directory directory() {
        return directory;
    }

    /** The report files of a corpus folder ({@code *.txt}, not recursive), sorted by name. */
    public static List<Path> reportFiles(Path corpusDir) throws IOException {
        try (Stream<Path> files = Files.list(corpusDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(ReportParser.REPORT_SUFFIX))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }

    /** Updates the index from {@code corpusDir}. */
    public IndexResult update(Path corpusDir, IndexProgress progress) throws IOException {
        long t0 = System.nanoTime();
        if (!Files.isDirectory(corpusDir)) {
            throw new IOException("corpus folder does not exist: " + corpusDir);
        }
        List<Path> files = reportFiles(corpusDir);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<IndexResult.Failure> failures = new ArrayList<>();
        int passages = 0;
        IndexWriterConfig config = new IndexWriterConfig(settings.analysis().analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            boolean rebuild = !settings.fingerprint().equals(committedSettings(writer));
            if (rebuild) {
                writer.deleteAll();
            }
            Map<String, String> indexed = rebuild ? Map.of() : indexedHashes(writer);
            Set<String> seen = new TreeSet<>();
            int done = 0;
            for (Path file : files) {
                String id = ReportParser.idOf(file);
                seen.add(id);
                try {
                    String hash = sourceHash(file);
                    String old = indexed.get(id);
                    if (hash.equals(old)) {
                        unchanged.add(id);
                    } else {
                        Report report = parser.parse(file);
                        passages += write(writer, report, hash);
                        (old == null ? added : changed).add(id);
                    }
                } catch (ReportParseException e) {
                    failures.add(new IndexResult.Failure(id, e.getMessage()));
                    LOG.warn("skipped report {}: {}", id, e.getMessage());
                } catch (IOException e) {
                    failures.add(new IndexResult.Failure(id, "cannot read: " + e.getMessage()));
                    LOG.warn("skipped report {}: {}", id, e.toString());
                }
                progress.reportDone(++done, files.size(), id);
            }
            List<String> removed = new ArrayList<>();
            for (String id : indexed.keySet()) {
                if (!seen.contains(id)) {
                    writer.deleteDocuments(new Term(Fields.REPORT_ID, id));
                    removed.add(id);
                }
            }
            IndexResult result = new IndexResult(added, changed, removed, unchanged, failures, passages, rebuild,
                    (System.nanoTime() - t0) / 1_000_000);
            if (result.modified() || writer.hasUncommittedChanges() || !DirectoryReader.indexExists(directory)) {
                writer.setLiveCommitData(Map.of(Fields.COMMIT_SETTINGS, settings.fingerprint()).entrySet());
                writer.commit();
            }
            LOG.info("index update: {}", result.summary());
            return result;
        }
    }

    private static String committedSettings(IndexWriter writer) throws IOException {
        if (!DirectoryReader.indexExists(writer.getDirectory())) {
            return null;
        }
        try (DirectoryReader reader = DirectoryReader.open(writer.getDirectory())) {
            return reader.getIndexCommit().getUserData().get(Fields.COMMIT_SETTINGS);
        }
    }

    private static Map<String, String> indexedHashes(IndexWriter writer) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!DirectoryReader.indexExists(writer.getDirectory())) {
            return out;
        }
        try (DirectoryReader reader = DirectoryReader.open(writer.getDirectory())) {
            IndexSearcher searcher = new IndexSearcher(reader);
            TermQuery reports = new TermQuery(new Term(Fields.TYPE, Fields.TYPE_REPORT));
            for (ScoreDoc sd : searcher.search(reports, Math.max(1, reader.maxDoc())).scoreDocs) {
                Document d = searcher.storedFields().document(sd.doc);
                out.put(d.get(Fields.REPORT_ID), d.get(Fields.SOURCE_HASH));
            }
        }
        return out;
    }

    /** Hash of the report file and its sidecar: a change to either re-indexes the report. */
    static String sourceHash(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(Files.readAllBytes(file));
            Path sidecar = ReportParser.sidecarOf(file);
            if (Files.exists(sidecar)) {
                md.update((byte) 0);
                md.update(Files.readAllBytes(sidecar));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private int write(IndexWriter writer, Report report, String hash) throws IOException {
        List<Chunk> chunks = new Chunker(settings.chunking()).chunk(report);
        List<float[]> vectors = embedder.embedPassages(chunks.stream().map(Chunk::text).toList());
        List<Document> docs = new ArrayList<>(chunks.size() + 1);
        docs.add(reportDocument(report, hash));
        for (int i = 0; i < chunks.size(); i++) {
            docs.add(passageDocument(report, chunks.get(i), vectors.get(i)));
        }
        writer.updateDocuments(new Term(Fields.REPORT_ID, report.id()), docs);
        return chunks.size();
    }

    private Document reportDocument(Report report, String hash) throws JsonProcessingException {
        Document d = new Document();
        d.add(new StringField(Fields.TYPE, Fields.TYPE_REPORT, Field.Store.NO));
        d.add(new StringField(Fields.REPORT_ID, report.id(), Field.Store.YES));
        d.add(new StoredField(Fields.SOURCE_HASH, hash));
        d.add(new StoredField(Fields.REPORT_JSON, json.writeValueAsString(report)));
        return d;
    }

    private Document passageDocument(Report report, Chunk chunk, float[] vector) {
        Document d = new Document();
        d.add(new StringField(Fields.TYPE, Fields.TYPE_PASSAGE, Field.Store.NO));
        d.add(new StringField(Fields.REPORT_ID, report.id(), Field.Store.YES));
        d.add(new StringField(Fields.PASSAGE_ID, chunk.id(), Field.Store.YES));
        d.add(new StoredField(Fields.ORDINAL, chunk.ordinal()));
        for (String field : settings.analysis().textFields()) {
            d.add(new TextField(field, chunk.text(), field.equals(Fields.TEXT) ? Field.Store.YES : Field.Store.NO));
        }
        d.add(new TextField(Fields.TITLE, report.metadata().title(), Field.Store.NO));
        d.add(new StoredField(Fields.SECTION, chunk.section().heading()));
        d.add(new StringField(Fields.BOILERPLATE, Boolean.toString(chunk.section().isBoilerplate()), Field.Store.YES));
        d.add(new StoredField(Fields.START, chunk.start()));
        d.add(new StoredField(Fields.END, chunk.end()));
        if (!report.metadata().broker().isEmpty()) {
            d.add(new StringField(Fields.BROKER, report.metadata().broker(), Field.Store.NO));
        }
        if (!report.metadata().industry().isEmpty()) {
            d.add(new StringField(Fields.INDUSTRY, report.metadata().industry(), Field.Store.NO));
        }
        ReportDate date = report.metadata().date();
        if (date.isKnown()) {
            d.add(new LongPoint(Fields.DATE_FROM, date.earliest() == null ? Long.MIN_VALUE : date.earliest().toEpochDay()));
            d.add(new LongPoint(Fields.DATE_TO, date.latest() == null ? Long.MAX_VALUE : date.latest().toEpochDay()));
        }
        d.add(new KnnFloatVectorField(Fields.VECTOR, vector, VectorSimilarityFunction.COSINE));
        return d;
    }
}
