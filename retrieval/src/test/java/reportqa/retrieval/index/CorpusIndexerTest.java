package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.HashingEmbedder;
import reportqa.retrieval.TestCorpus;
import reportqa.retrieval.chunk.Chunk;
import reportqa.retrieval.chunk.ChunkingOptions;
import reportqa.retrieval.embed.CachingEmbedder;
import reportqa.retrieval.embed.EmbedderClosedException;
import reportqa.retrieval.embed.EmbeddingCache;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportParser;
import reportqa.retrieval.search.HybridOptions;
import reportqa.retrieval.search.LuceneSearchBackend;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.QuestionFilters;
import reportqa.retrieval.search.Retriever;
import reportqa.retrieval.search.SearchMode;
import reportqa.retrieval.search.SearchRequest;

class CorpusIndexerTest {

    @TempDir
    Path tmp;

    Path corpus;
    Path indexDir;
    HashingEmbedder embedder;

    @BeforeEach
    void copySeeds() throws Exception {
        corpus = Files.createDirectories(tmp.resolve("corpus"));
        for (Path p : CorpusScan.reportFiles(TestCorpus.dir())) {
            Files.copy(p, corpus.resolve(p.getFileName()));
        }
        indexDir = tmp.resolve("index");
        embedder = new HashingEmbedder();
    }

    private CorpusIndexer indexer(ChunkingOptions chunking) throws Exception {
        return new CorpusIndexer(
                ReportIndex.directory(indexDir),
                new IndexSettings(Analysis.DEFAULT, chunking, embedder.modelId()),
                ReportParser.standard(),
                embedder);
    }

    private CorpusIndexer indexer() throws Exception {
        return indexer(ChunkingOptions.DEFAULT);
    }

    /**
     * What the index keeps in memory of a report is its card (metadata and the header's first
     * characters); the whole report, as parsed, is read from the index when asked for, and a
     * report that is not indexed (or was removed) is not found.
     */
    @Test
    void reportsAreKeptAsCardsAndReadWholeWhenAskedFor() throws Exception {
        indexer().update(corpus, IndexProgress.NONE);
        ReportParser parser = ReportParser.standard();
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(5, index.reports().size());
            for (Path file : CorpusScan.reportFiles(corpus)) {
                Report parsed = parser.parse(file);
                ReportCard card = index.reports().get(parsed.id());
                // Its documents: the report's own and one a passage.
                int passages = index.withSearcher(s -> s.count(new org.apache.lucene.search.TermQuery(
                                new org.apache.lucene.index.Term(Fields.REPORT_ID, parsed.id()))))
                        - 1;
                assertTrue(passages > 5, parsed.id() + " is cut into passages: " + passages);
                assertEquals(ReportCard.of(parsed, passages), card);
                assertEquals(ReportCard.HEADER_CHARS, card.header().length(), parsed.id());
                assertEquals(parsed, index.report(parsed.id()).orElseThrow());
            }
            assertTrue(index.report("no_such_report").isEmpty());
        }
        Files.delete(corpus.resolve("004_5d62042c63f084b6.txt"));
        indexer().update(corpus, IndexProgress.NONE);
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(4, index.reports().size());
            assertTrue(index.report("004_5d62042c63f084b6").isEmpty());
        }
    }

    /** A library built whole is one segment; a report added later is a segment of its own, not merged. */
    @Test
    void aWholeBuildIsOneSegmentAndAnUpdateIsNotMerged() throws Exception {
        // Small segments, as a large build makes them: one written every 20 documents.
        IndexResult built = indexer().withMaxBufferedDocs(20).update(corpus, IndexProgress.NONE);
        assertTrue(built.rebuilt());
        assertEquals(1, segments());
        Files.copy(TestCorpus.report("004_5d62042c63f084b6"), corpus.resolve("added_report.txt"));
        IndexResult added = indexer().withMaxBufferedDocs(20).update(corpus, IndexProgress.NONE);
        assertEquals(List.of("added_report"), added.added());
        assertTrue(segments() > 1, "an update is not merged");
    }

    /**
     * Every document has norms for every searched field, report documents too (a norm of 0): BM25
     * then reads a passage's norm by position, not through the list of documents that have one.
     */
    @Test
    void theSearchedFieldsHaveANormForEveryDocument() throws Exception {
        indexer().withMaxBufferedDocs(20).update(corpus, IndexProgress.NONE);
        Files.copy(TestCorpus.report("004_5d62042c63f084b6"), corpus.resolve("added_report.txt"));
        indexer().withMaxBufferedDocs(20).update(corpus, IndexProgress.NONE);
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir))) {
            assertTrue(reader.leaves().size() > 1);
            for (LeafReaderContext leaf : reader.leaves()) {
                for (String field : List.of(Fields.TEXT, Fields.TEXT_ALT, Fields.TITLE)) {
                    NumericDocValues norms = leaf.reader().getNormValues(field);
                    assertNotNull(norms, field);
                    // Sparse norms cost the number of documents that have one; dense ones every document.
                    assertEquals(leaf.reader().maxDoc(), norms.cost(), field + " in " + leaf.reader());
                }
            }
        }
    }

    private int segments() throws Exception {
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir))) {
            return reader.leaves().size();
        }
    }

    @Test
    void progressHearsEachReportReadThenIndexedAndNeverForOneThatFails() throws Exception {
        Files.writeString(corpus.resolve("empty.txt"), "");
        List<String> heard = new java.util.ArrayList<>();
        IndexProgress progress = new IndexProgress() {
            @Override
            public void reportDone(int done, int total, String reportId, boolean indexed) {
                heard.add("done " + reportId + " " + indexed);
            }

            @Override
            public void reportRead(String reportId) {
                heard.add("read " + reportId);
            }

            @Override
            public void passagesIndexed(String reportId, int passages) {
                heard.add("indexed " + reportId);
            }
        };
        indexer().update(corpus, progress);
        assertEquals(
                List.of("done empty false"),
                heard.stream().filter(h -> h.contains("empty")).toList());
        assertEquals(
                List.of("read 000_49d3edf45c38a390", "indexed 000_49d3edf45c38a390", "done 000_49d3edf45c38a390 true"),
                heard.stream().filter(h -> h.contains("000_")).toList());
        heard.clear();
        indexer().update(corpus, progress);
        assertTrue(heard.stream().noneMatch(h -> h.startsWith("read")), "nothing is read again: " + heard);
    }

    @Test
    void onlyWhatChangedIsReindexed() throws Exception {
        IndexResult first = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(5, first.added().size());
        assertTrue(first.passagesWritten() > 50);
        int embedded = embedder.passagesEmbedded.get();

        IndexResult again = indexer().update(corpus, IndexProgress.NONE);
        assertFalse(again.modified());
        assertEquals(5, again.unchanged().size());
        assertEquals(0, again.passagesWritten());
        assertEquals(embedded, embedder.passagesEmbedded.get(), "nothing embedded when nothing changed");

        Files.writeString(
                corpus.resolve("003_b9fc14e133e3b502.txt"), "\n补充：Open-Sora 1.1 已发布。", StandardOpenOption.APPEND);
        Files.delete(corpus.resolve("004_5d62042c63f084b6.txt"));
        Files.copy(TestCorpus.report("004_5d62042c63f084b6"), corpus.resolve("new_report.txt"));
        IndexResult third = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(List.of("new_report"), third.added());
        assertEquals(List.of("003_b9fc14e133e3b502"), third.changed());
        assertEquals(List.of("004_5d62042c63f084b6"), third.removed());
        assertEquals(3, third.unchanged().size());

        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(
                    List.of(
                            "000_49d3edf45c38a390",
                            "001_e256dbcac6dad0ec",
                            "002_bcc5796c86ba42b6",
                            "003_b9fc14e133e3b502",
                            "new_report"),
                    List.copyOf(index.reports().keySet()));
            assertTrue(index.report("003_b9fc14e133e3b502").orElseThrow().text().contains("Open-Sora 1.1 已发布"));
        }
    }

    /**
     * With the stamps recorded, an update reads only files whose stamp changed, and still sees an
     * edit that keeps the file's size and modification time.
     */
    @Test
    void withStampsAnUpdateReadsOnlyWhatChangedAndSeesAnEditThatKeepsTheTimes() throws Exception {
        Thread.sleep(50); // past the clock tick the copies were written in
        indexer().withSourceStamps(indexDir, Duration.ZERO).update(corpus, IndexProgress.NONE);
        Path record = SourceStamps.recordOf(indexDir);
        List<String> lines = Files.readAllLines(record);
        assertEquals(5, lines.size(), "one stamp a report: " + lines);

        // The record's hash for 000 is taken without reading the file: a hash planted there is what
        // the update compares with the index's, and it finds the report changed.
        String planted = "0".repeat(64);
        Files.write(
                record,
                lines.stream()
                        .map(l -> l.startsWith("000_") ? l.replaceAll("[0-9a-f]{64}$", planted) : l)
                        .toList());
        // 002 edited in place, same size, its modification time put back.
        Path edited = corpus.resolve("002_bcc5796c86ba42b6.txt");
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(edited);
        String text = Files.readString(edited);
        Thread.sleep(50);
        Files.writeString(edited, text.replace("德邦证券", "德邦研究"));
        Files.setLastModifiedTime(edited, written);
        Thread.sleep(50);

        IndexResult next = indexer().withSourceStamps(indexDir, Duration.ZERO).update(corpus, IndexProgress.NONE);
        assertEquals(List.of("000_49d3edf45c38a390", "002_bcc5796c86ba42b6"), next.changed());
        assertEquals(3, next.unchanged().size());
    }

    /**
     * With the stamps recorded, a sidecar added to, changed beside or removed from an unchanged
     * report re-indexes it: the folder's listing says whether a sidecar is there, and one listed is
     * stamped as the report file is.
     */
    @Test
    void withStampsASidecarAddedChangedOrRemovedReindexesItsReport() throws Exception {
        Thread.sleep(50); // past the clock tick the copies were written in
        String id = "004_5d62042c63f084b6";
        Path sidecar = corpus.resolve(id + ReportParser.SIDECAR_SUFFIX);
        indexer().withSourceStamps(indexDir, Duration.ZERO).update(corpus, IndexProgress.NONE);
        for (String step : List.of("added", "changed", "removed")) {
            switch (step) {
                case "added" -> Files.writeString(sidecar, "{\"date\": \"2024-02-20\"}");
                case "changed" -> Files.writeString(sidecar, "{\"date\": \"2024-02-21\"}");
                default -> Files.delete(sidecar);
            }
            Thread.sleep(50);
            IndexResult r = indexer().withSourceStamps(indexDir, Duration.ZERO).update(corpus, IndexProgress.NONE);
            assertEquals(List.of(id), r.changed(), "sidecar " + step);
            assertEquals(4, r.unchanged().size(), "sidecar " + step);
            try (ReportIndex index = ReportIndex.open(indexDir)) {
                String date = index.report(id).orElseThrow().metadata().date().display();
                switch (step) {
                    case "added" -> assertEquals("2024-02-20", date);
                    case "changed" -> assertEquals("2024-02-21", date);
                    default -> assertFalse(date.startsWith("2024-02-2"), "the sidecar's date went with it: " + date);
                }
            }
        }
    }

    @Test
    void brokenFilesAreSkippedAndReportedWhileTheRestIsIndexed() throws Exception {
        Files.write(corpus.resolve("broken.txt"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0x41, (byte) 0xC3});
        Files.writeString(corpus.resolve("empty.txt"), "");
        Files.writeString(corpus.resolve("bad_sidecar.txt"), "正文一句。");
        Files.writeString(corpus.resolve("bad_sidecar.meta.json"), "{not json");
        IndexResult r = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(5, r.added().size());
        assertEquals(
                List.of("bad_sidecar", "broken", "empty"),
                r.failures().stream()
                        .map(IndexResult.Failure::reportId)
                        .sorted()
                        .toList());
        assertTrue(r.failures().stream().anyMatch(f -> f.reason().contains("UTF-8")));
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(5, index.reports().size());
        }
    }

    @Test
    void filesOfOnlyInvisibleCharactersAreListedAsHavingNoText() throws Exception {
        // control, format (bidi override, word joiner, soft hyphen, zero-width), replacement and private-use
        Files.writeString(corpus.resolve("invisible.txt"), "\u202E\u2060\u00AD\u200B\uFFFD\uE000\u0001\u007F \n\u202E");
        Files.writeString(corpus.resolve("mixed.txt"), "\u202E量子\u00AD计算\u2060芯片发布了。\uE000");
        IndexResult r = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(List.of("invisible"), ids(r.failures()));
        assertTrue(
                r.failures().get(0).reason().contains("no readable text"),
                r.failures().get(0).reason());
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(6, index.reports().size());
            assertEquals("量子计算芯片发布了。", index.report("mixed").orElseThrow().text());
        }
    }

    @Test
    void aReportTheEmbedderRejectsIsListedAndTheOthersAreIndexed() throws Exception {
        Files.writeString(corpus.resolve("unembeddable.txt"), "一份报告。无法嵌入的段落。");
        embedder.failOn("无法嵌入");
        IndexResult r = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(List.of("unembeddable"), ids(r.failures()));
        assertEquals(
                "cannot embed its passages: Cannot embed this text",
                r.failures().get(0).reason());
        assertEquals(5, r.added().size());
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(5, index.reports().size());
        }
    }

    @Test
    void entriesNamedLikeReportsThatAreNotReportFilesAreListed() throws Exception {
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "REPORTQA_LLM_API_KEY=sk-outside-the-corpus");
        Files.createSymbolicLink(corpus.resolve("link.txt"), outside);
        Files.createSymbolicLink(corpus.resolve("dangling.txt"), tmp.resolve("nowhere.txt"));
        Files.writeString(corpus.resolve("linked_sidecar.txt"), "正文一句。");
        Files.createSymbolicLink(corpus.resolve("linked_sidecar.meta.json"), outside);
        Files.createDirectories(corpus.resolve("folder.txt"));
        Files.writeString(corpus.resolve(".txt"), "没有名字的报告。");
        Files.writeString(corpus.resolve("UPPER.TXT"), "大写扩展名的报告，照常索引。");
        IndexResult r = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(List.of(".txt", "dangling", "folder", "link", "linked_sidecar"), ids(r.failures()));
        Map<String, String> reasons = new java.util.TreeMap<>();
        r.failures().forEach(f -> reasons.put(f.reportId(), f.reason()));
        assertEquals("a symbolic link; links are not followed", reasons.get("link"));
        assertEquals("a symbolic link; links are not followed", reasons.get("dangling"));
        assertEquals("its sidecar is a symbolic link; links are not followed", reasons.get("linked_sidecar"));
        assertEquals("not a regular file", reasons.get("folder"));
        assertEquals("the file name has no report id before its extension", reasons.get(".txt"));
        assertTrue(r.added().contains("UPPER"));
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(6, index.reports().size());
            for (String id : index.reports().keySet()) {
                assertFalse(index.report(id).orElseThrow().text().contains("sk-outside"), id);
            }
        }
    }

    @Test
    void aReportTooLongToStoreIsListedNotCommitted() throws Exception {
        String para = "这是一段很长的报告正文，用来超过可以保存的长度。\n";
        Files.writeString(corpus.resolve("huge.txt"), para.repeat(ReportParser.MAX_TEXT_CHARS / para.length() + 10));
        IndexResult r = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(List.of("huge"), ids(r.failures()));
        assertTrue(
                r.failures().get(0).reason().startsWith("too long: "),
                r.failures().get(0).reason());
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(5, index.reports().size());
        }
    }

    /**
     * A store that fails while a report is written (a disk full, a cluster gone) ends the update
     * with that failure, uncommitted: not a "cannot read" for the report that happened to be
     * written then, while every other report goes on to a store that cannot take it.
     */
    @Test
    void aStoreFailingMidUpdateEndsItUncommittedAndIsNotBlamedOnAReport() throws Exception {
        IndexSettings settings = new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, embedder.modelId());
        LuceneIndexStore lucene = new LuceneIndexStore(ReportIndex.directory(indexDir), settings);
        new CorpusIndexer(lucene, settings, ReportParser.standard(), embedder).update(corpus, IndexProgress.NONE);
        Files.writeString(corpus.resolve("added-a.txt"), "某券商研报：新增报告甲。".repeat(20));
        Files.writeString(corpus.resolve("added-b.txt"), "某券商研报：新增报告乙。".repeat(20));
        IOException full = new IOException("No space left on device");
        AtomicInteger written = new AtomicInteger();
        IndexStore failing = new IndexStore() {
            @Override
            public String builtWith() throws IOException {
                return lucene.builtWith();
            }

            @Override
            public Update begin() throws IOException {
                Update real = lucene.begin();
                return new Update() {
                    @Override
                    public Map<String, String> indexed(CorpusIndexer.Indexed known) throws IOException {
                        return real.indexed(known);
                    }

                    @Override
                    public void deleteAll() throws IOException {
                        real.deleteAll();
                    }

                    @Override
                    public void replace(Report report, String hash, List<Chunk> chunks, List<float[]> vectors)
                            throws IOException {
                        written.incrementAndGet();
                        throw full;
                    }

                    @Override
                    public void delete(String reportId) throws IOException {
                        real.delete(reportId);
                    }

                    @Override
                    public void commit(IndexResult result, String fingerprint) throws IOException {
                        real.commit(result, fingerprint);
                    }

                    @Override
                    public void close() throws IOException {
                        real.close();
                    }
                };
            }
        };
        IOException thrown = assertThrows(
                IOException.class, () -> new CorpusIndexer(failing, settings, ReportParser.standard(), embedder)
                        .update(corpus, IndexProgress.NONE));
        assertSame(full, thrown);
        assertEquals(1, written.get(), "no report is written after the store failed");
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(5, index.reports().size(), "the last commit is as it was");
        }
    }

    private static List<String> ids(List<IndexResult.Failure> failures) {
        return failures.stream().map(IndexResult.Failure::reportId).sorted().toList();
    }

    @Test
    void aSidecarChangeReindexesTheReportWithItsMetadata() throws Exception {
        indexer().update(corpus, IndexProgress.NONE);
        Files.writeString(
                corpus.resolve("004_5d62042c63f084b6.meta.json"), "{\"date\": \"2024-02-20\"}", StandardCharsets.UTF_8);
        IndexResult r = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(List.of("004_5d62042c63f084b6"), r.changed());
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(
                    "2024-02-20",
                    index.report("004_5d62042c63f084b6")
                            .orElseThrow()
                            .metadata()
                            .date()
                            .display());
        }
    }

    @Test
    void otherSettingsRebuildTheIndex() throws Exception {
        indexer().update(corpus, IndexProgress.NONE);
        IndexResult r = indexer(new ChunkingOptions(200, 50)).update(corpus, IndexProgress.NONE);
        assertTrue(r.rebuilt());
        assertEquals(5, r.added().size());
    }

    @Test
    void anIndexBuiltWithOtherParsingDataFilesIsRebuilt() throws Exception {
        indexer().update(corpus, IndexProgress.NONE);
        // The same settings, but the furniture, metadata words or brokers of another version: the
        // line kinds stored with each passage are theirs, so the index is built again.
        String current = new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, embedder.modelId()).fingerprint();
        assertTrue(current.endsWith(";parsing=" + IndexSettings.PARSING), current);
        try (IndexWriter w = new IndexWriter(
                ReportIndex.directory(indexDir),
                new IndexWriterConfig().setCodec(VectorCodec.CODEC).setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
            w.setLiveCommitData(Map.of(Fields.COMMIT_SETTINGS, current.replace(IndexSettings.PARSING, "000000000000"))
                    .entrySet());
            w.commit();
        }
        IndexResult r = indexer().update(corpus, IndexProgress.NONE);
        assertTrue(r.rebuilt());
        assertEquals(5, r.added().size());
        assertFalse(indexer().update(corpus, IndexProgress.NONE).rebuilt(), "and then kept");
    }

    @Test
    void anIndexBuiltByAnotherPdfReadingIsRebuilt() throws Exception {
        indexer().update(corpus, IndexProgress.NONE);
        String current = new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, embedder.modelId()).fingerprint();
        String pdf = ";pdf=" + reportqa.retrieval.pdf.PdfReader.VERSION + ";";
        assertTrue(current.contains(pdf), current);
        try (IndexWriter w = new IndexWriter(
                ReportIndex.directory(indexDir),
                new IndexWriterConfig().setCodec(VectorCodec.CODEC).setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
            w.setLiveCommitData(Map.of(Fields.COMMIT_SETTINGS, current.replace(pdf, ";pdf=0;"))
                    .entrySet());
            w.commit();
        }
        IndexResult r = indexer().update(corpus, IndexProgress.NONE);
        assertTrue(r.rebuilt(), "a PDF's bytes are unchanged, its reading is not");
        assertEquals(5, r.added().size());
    }

    @Test
    void aCrashDuringIndexingLeavesTheLastCommitUsable() throws Exception {
        // The crash comes with the first report changed: nothing of the update was written yet.
        crashMidUpdate("\n新增段落：崩溃标记。", "崩溃标记");
    }

    @Test
    void aFailureAfterSomeReportsWereWrittenLeavesTheLastCommitWhole() throws Exception {
        // The first report changes and is written; the last, new, fails with what no indexing code
        // catches. Closing the writer must not commit the first one's change on its own.
        crashMidUpdate("\n新增段落：照常写入。", "照常写入");
    }

    @Test
    void aModelClosedMidUpdateEndsItUncommitted() throws Exception {
        // The process is stopping: the remaining reports are not failures to list and commit without.
        stopMidUpdate("\n新增段落：照常写入。", "照常写入", true);
    }

    /**
     * Indexes the corpus, then appends {@code appended} to its first report and adds a last one,
     * {@code zzz}, and runs an update that crashes on the added one: the last commit must be the one
     * before (same passages, no {@code unwritten} text in the first report), and the next update does
     * the whole change.
     */
    private void crashMidUpdate(String appended, String unwritten) throws Exception {
        stopMidUpdate(appended, unwritten, false);
    }

    /** As {@link #crashMidUpdate}, the update ended by a crash or, when {@code closed}, by the model's close. */
    private void stopMidUpdate(String appended, String unwritten, boolean closed) throws Exception {
        indexer().update(corpus, IndexProgress.NONE);
        int passages;
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            passages = index.passageCount();
        }
        Files.writeString(corpus.resolve("000_49d3edf45c38a390.txt"), appended, StandardOpenOption.APPEND);
        Files.writeString(corpus.resolve("zzz.txt"), "另一份报告。崩溃标记。");
        if (closed) {
            embedder.closedOn("崩溃标记");
            assertThrows(EmbedderClosedException.class, () -> indexer().update(corpus, IndexProgress.NONE));
        } else {
            embedder.crashOn("崩溃标记");
            assertThrows(HashingEmbedder.SimulatedCrash.class, () -> indexer().update(corpus, IndexProgress.NONE));
        }
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            assertEquals(passages, index.passageCount());
            assertEquals(5, index.reports().size());
            assertFalse(
                    index.report("000_49d3edf45c38a390").orElseThrow().text().contains(unwritten),
                    "a change of the failed update was committed");
        }
        embedder.crashOn(null);
        embedder.closedOn(null);
        IndexResult recovered = indexer().update(corpus, IndexProgress.NONE);
        assertEquals(List.of("zzz"), recovered.added());
        assertEquals(List.of("000_49d3edf45c38a390"), recovered.changed());
    }

    @Test
    void searchesSeeTheOldCommitUntilRefreshed() throws Exception {
        indexer().update(corpus, IndexProgress.NONE);
        try (ReportIndex index = ReportIndex.open(indexDir)) {
            Retriever retriever = Retriever.standard(
                    new LuceneSearchBackend(index, embedder, Analysis.DEFAULT, HybridOptions.DEFAULT));
            Files.writeString(corpus.resolve("extra.txt"), "独角兽公司发布了量子计算芯片。");
            indexer().update(corpus, IndexProgress.NONE);
            SearchRequest q = new SearchRequest("量子计算芯片", 3, SearchMode.BM25, null, QuestionFilters.IGNORE);
            assertTrue(retriever.search(q).passages().stream()
                    .noneMatch(p -> p.reportId().equals("extra")));
            index.refresh();
            Passage found = retriever.search(q).passages().get(0);
            assertEquals("extra", found.reportId());
            assertNotNull(found.metadata(), "metadata from the refreshed commit");
            assertEquals(6, index.reports().size());
        }
    }

    @Test
    void embeddingsAreCachedAcrossRestarts() throws Exception {
        Path cacheDir = tmp.resolve("cache");
        HashingEmbedder first = new HashingEmbedder();
        new CorpusIndexer(
                        ReportIndex.directory(tmp.resolve("a")),
                        new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, first.modelId()),
                        ReportParser.standard(),
                        new CachingEmbedder(first, new EmbeddingCache(cacheDir, first.modelId(), first.dimension())))
                .update(corpus, IndexProgress.NONE);
        assertTrue(first.passagesEmbedded.get() > 50);

        // A fresh process: new cache object reading the same file, a new index folder.
        HashingEmbedder second = new HashingEmbedder();
        EmbeddingCache reopened = new EmbeddingCache(cacheDir, second.modelId(), second.dimension());
        IndexResult r = new CorpusIndexer(
                        ReportIndex.directory(tmp.resolve("b")),
                        new IndexSettings(Analysis.DEFAULT, ChunkingOptions.DEFAULT, second.modelId()),
                        ReportParser.standard(),
                        new CachingEmbedder(second, reopened))
                .update(corpus, IndexProgress.NONE);
        assertEquals(5, r.added().size());
        assertEquals(0, second.passagesEmbedded.get(), "every passage vector came from the cache");
    }

    @Test
    void aCacheFileCutShortByACrashIsRepaired() throws Exception {
        Path cacheDir = tmp.resolve("cache");
        EmbeddingCache cache = new EmbeddingCache(cacheDir, "m", 4);
        cache.putAll(Map.of("一", new float[] {1, 2, 3, 4}, "二", new float[] {5, 6, 7, 8}));
        Path file;
        try (var files = Files.list(cacheDir)) {
            file = files.findFirst().orElseThrow();
        }
        Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        EmbeddingCache reopened = new EmbeddingCache(cacheDir, "m", 4);
        assertEquals(2, reopened.size());
        assertEquals(5f, reopened.get("二")[0]);
        reopened.putAll(Map.of("三", new float[] {9, 9, 9, 9}));
        assertEquals(3, new EmbeddingCache(cacheDir, "m", 4).size());
    }
}
