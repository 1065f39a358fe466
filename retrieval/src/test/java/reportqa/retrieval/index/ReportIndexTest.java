package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reportqa.retrieval.Json;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.report.ReportMetadata;

/** How an opened index reads the cards of its reports, whichever way they were written. */
class ReportIndexTest {

    @TempDir
    Path tmp;

    private static ReportCard card(String id) {
        return new ReportCard(
                id,
                new ReportMetadata(
                        "德邦证券",
                        "Sora 发布点评",
                        ReportDate.stated(LocalDate.of(2024, 2, 18), "2024年02月18日"),
                        List.of("陈涵泊"),
                        List.of(),
                        "传媒",
                        "优于大市",
                        "行业点评",
                        Map.of("broker", "title line")),
                "德邦证券\n证券研究报告",
                0,
                12);
    }

    /** Writes report documents with the given card bytes, as the indexer writes their card and hash. */
    private void writeReports(Map<String, byte[]> cards) throws Exception {
        try (FSDirectory d = FSDirectory.open(tmp);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
            cards.forEach((id, bytes) -> {
                Document doc = new Document();
                doc.add(new StringField(Fields.TYPE, Fields.TYPE_REPORT, Field.Store.NO));
                doc.add(new StringField(Fields.REPORT_ID, id, Field.Store.YES));
                doc.add(new BinaryDocValuesField(Fields.SOURCE_HASH, new BytesRef("hash-" + id)));
                doc.add(new BinaryDocValuesField(Fields.REPORT_CARD, new BytesRef(bytes)));
                try {
                    w.addDocument(doc);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            w.commit();
        }
    }

    @Test
    void cardsWrittenAsJsonByAnEarlierVersionAreReadBesideEncodedOnes() throws Exception {
        writeReports(Map.of("old", Json.mapper().writeValueAsBytes(card("old")), "new", CardCodec.encode(card("new"))));
        try (ReportIndex index = ReportIndex.open(tmp)) {
            assertEquals(Map.of("new", card("new"), "old", card("old")), index.reports());
            assertEquals(
                    Map.of("new", "hash-new", "old", "hash-old"),
                    index.withSearcher(ReportIndex.Snapshot::sourceHashes));
        }
    }

    @Test
    void aCardThatCannotBeReadIsDamageNamedAsSuch() throws Exception {
        byte[] cut = CardCodec.encode(card("cut"));
        writeReports(Map.of("cut", java.util.Arrays.copyOf(cut, cut.length - 3)));
        CorruptIndexException e = assertThrows(CorruptIndexException.class, () -> ReportIndex.open(tmp));
        assertTrue(
                e.getMessage().startsWith("a report card that cannot be read: the card is cut short"), e.getMessage());
    }
}
