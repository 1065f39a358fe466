package reportqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.Json;
import reportqa.retrieval.TestCorpus;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.report.ReportMetadata;
import reportqa.retrieval.report.ReportParser;

class CardCodecTest {

    private static ReportCard roundTrip(ReportCard card) {
        return CardCodec.decode(new BytesRef(CardCodec.encode(card)));
    }

    private static ReportCard card(ReportDate date, String header, Map<String, String> provenance) {
        return new ReportCard(
                "r1",
                new ReportMetadata("上海证券", "标题", date, List.of("王伟", "李娜"), List.of(), "传媒", "增持", "周报", provenance),
                header,
                3,
                17);
    }

    @Test
    void theSeedReportsCardsReadBackAsTheyWere() throws Exception {
        ReportParser parser = ReportParser.standard();
        int read = 0;
        for (Path file : TestCorpus.reportFiles()) {
            Report report = parser.parse(file);
            ReportCard card = ReportCard.of(report, 42);
            assertEquals(card, roundTrip(card), report.id());
            assertFalse(card.metadata().provenance().isEmpty(), report.id() + " has provenance to carry");
            read++;
        }
        assertEquals(5, read);
    }

    @Test
    void everyKindOfDateAndTextReadsBack() {
        LocalDate d = LocalDate.of(2024, 3, 19);
        List<ReportDate> dates = List.of(
                ReportDate.UNKNOWN,
                ReportDate.stated(d, "日期： 2024年03月19日"),
                new ReportDate(d, null, true, "after"),
                new ReportDate(null, d, true, "before"),
                new ReportDate(LocalDate.of(-5, 1, 1), LocalDate.of(9999, 12, 31), true, ""));
        // A header cut at its 400th character can end in half of a pair; an emoji is a whole pair.
        List<String> headers = List.of("", "ascii only", "研报\n\t正文😀", "半个\uD83D", "\uDE00开头", "\u0000");
        for (ReportDate date : dates) {
            for (String header : headers) {
                ReportCard card = card(date, header, Map.of("date", "stated: …", "broker", "e-mail domain"));
                assertEquals(card, roundTrip(card), date + " / " + header);
            }
        }
        ReportCard empty =
                new ReportCard("", new ReportMetadata(null, null, null, null, null, null, null, null, null), "");
        assertEquals(empty, roundTrip(empty));
    }

    @Test
    void theSameCardGivesTheSameBytesWhateverItsMapsOrder() {
        Map<String, String> one = new LinkedHashMap<>();
        Map<String, String> other = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            one.put("k" + i, "v" + i);
            other.put("k" + (19 - i), "v" + (19 - i));
        }
        ReportCard a = card(ReportDate.UNKNOWN, "h", one);
        ReportCard b = card(ReportDate.UNKNOWN, "h", other);
        assertArrayEquals(CardCodec.encode(a), CardCodec.encode(b));
    }

    @Test
    void aCardWrittenAsJsonBeforeIsToldApart() throws Exception {
        ObjectMapper json = Json.mapper();
        ReportCard card = card(ReportDate.stated(LocalDate.of(2024, 1, 2), "e"), "h", Map.of());
        assertFalse(CardCodec.isEncoded(new BytesRef(json.writeValueAsBytes(card))));
        assertTrue(CardCodec.isEncoded(new BytesRef(CardCodec.encode(card))));
        assertFalse(CardCodec.isEncoded(new BytesRef()));
    }

    @Test
    void bytesThatAreNotACardAreRefusedWithTheReason() {
        byte[] whole = CardCodec.encode(card(ReportDate.stated(LocalDate.of(2024, 1, 2), "e"), "正文", Map.of()));
        // Cut anywhere: never a card, never another exception.
        for (int n = 1; n < whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> CardCodec.decode(new BytesRef(cut)), "cut at " + n);
            assertTrue(e.getMessage().contains("cut short") || e.getMessage().contains("bytes left"), e.getMessage());
        }
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertEquals(
                "1 bytes after the card",
                assertThrows(IllegalArgumentException.class, () -> CardCodec.decode(new BytesRef(longer)))
                        .getMessage());
        // The id's length made negative, then huge: refused before anything is allocated for it.
        for (int bad : new int[] {-1, Integer.MAX_VALUE}) {
            byte[] b = whole.clone();
            ByteBuffer.wrap(b).putInt(1, bad);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> CardCodec.decode(new BytesRef(b)))
                    .getMessage()
                    .startsWith("a count of " + bad));
        }
        byte[] otherVersion = whole.clone();
        otherVersion[0] = 2;
        assertThrows(IllegalArgumentException.class, () -> CardCodec.decode(new BytesRef(otherVersion)));
    }
}
