package reportqa.retrieval.index;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.util.BytesRef;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportDate;
import reportqa.retrieval.report.ReportMetadata;

/**
 * A report card as the index keeps it ({@link Fields#REPORT_CARD}): a version byte, then each field
 * in the record's order — strings as their UTF-16 code units (any Java string, a lone surrogate of a
 * header cut at its 400th character too, reads back as it was written), lists and the provenance
 * map (by key) with their sizes, dates as epoch days.
 *
 * <p>Why not JSON, as cards were kept before: a start reads every card of the library, and decoding
 * 10,000 of them (16 MB of JSON, mostly Chinese headers) with Jackson took 0.8 s of a 4.5 s start
 * on a cold JVM, 0.2 s on a warm one; copying code units is a bulk copy. A card written as JSON
 * (an index built before) begins with {@code '{'}, never with {@link #VERSION}, and is still read:
 * see {@link ReportIndex}.
 */
final class CardCodec {

    /** The first byte of a card in this form. */
    static final byte VERSION = 1;

    private static final byte DATE_EARLIEST = 1;
    private static final byte DATE_LATEST = 2;
    private static final byte DATE_INFERRED = 4;

    private CardCodec() {}

    /** Whether {@code bytes} hold a card in this form (else: JSON, as written before). */
    static boolean isEncoded(BytesRef bytes) {
        return bytes.length > 0 && bytes.bytes[bytes.offset] == VERSION;
    }

    static byte[] encode(ReportCard card) {
        ReportMetadata m = card.metadata();
        Writer w = new Writer();
        w.buf.put(VERSION);
        w.string(card.id());
        w.string(m.broker());
        w.string(m.title());
        ReportDate date = m.date();
        w.room(1).put((byte) ((date.earliest() == null ? 0 : DATE_EARLIEST)
                | (date.latest() == null ? 0 : DATE_LATEST)
                | (date.inferred() ? DATE_INFERRED : 0)));
        if (date.earliest() != null) {
            w.room(Long.BYTES).putLong(date.earliest().toEpochDay());
        }
        if (date.latest() != null) {
            w.room(Long.BYTES).putLong(date.latest().toEpochDay());
        }
        w.string(date.evidence());
        w.strings(m.analysts());
        w.strings(m.assistants());
        w.string(m.industry());
        w.string(m.rating());
        w.string(m.reportType());
        // By key: the same card gives the same bytes whatever order its map iterates in.
        Map<String, String> provenance = new TreeMap<>(m.provenance());
        w.room(Integer.BYTES).putInt(provenance.size());
        provenance.forEach((k, v) -> {
            w.string(k);
            w.string(v);
        });
        w.string(card.header());
        w.room(2 * Integer.BYTES).putInt(card.pages()).putInt(card.passages());
        byte[] out = new byte[w.buf.position()];
        w.buf.flip().get(out);
        return out;
    }

    /**
     * The card in {@code bytes}.
     *
     * @throws IllegalArgumentException when the bytes are not a card in this form (cut short, or
     *     holding values no card has)
     */
    static ReportCard decode(BytesRef bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length);
        try {
            if (in.get() != VERSION) {
                throw new IllegalArgumentException("not a card of version " + VERSION);
            }
            String id = string(in);
            String broker = string(in);
            String title = string(in);
            byte flags = in.get();
            LocalDate earliest = (flags & DATE_EARLIEST) != 0 ? LocalDate.ofEpochDay(in.getLong()) : null;
            LocalDate latest = (flags & DATE_LATEST) != 0 ? LocalDate.ofEpochDay(in.getLong()) : null;
            ReportDate date = new ReportDate(earliest, latest, (flags & DATE_INFERRED) != 0, string(in));
            List<String> analysts = strings(in);
            List<String> assistants = strings(in);
            String industry = string(in);
            String rating = string(in);
            String reportType = string(in);
            int entries = count(in, 2 * Integer.BYTES);
            Map<String, String> provenance = new TreeMap<>();
            for (int i = 0; i < entries; i++) {
                provenance.put(string(in), string(in));
            }
            String header = string(in);
            int pages = in.getInt();
            int passages = in.getInt();
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the card");
            }
            return new ReportCard(
                    id,
                    new ReportMetadata(
                            broker, title, date, analysts, assistants, industry, rating, reportType, provenance),
                    header,
                    pages,
                    passages);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the card is cut short", e);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("a date out of range: " + e.getMessage(), e);
        }
    }

    private static String string(ByteBuffer in) {
        int chars = count(in, Character.BYTES);
        char[] out = new char[chars];
        in.asCharBuffer().get(out);
        in.position(in.position() + chars * Character.BYTES);
        return new String(out);
    }

    private static List<String> strings(ByteBuffer in) {
        int n = count(in, Integer.BYTES);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(string(in));
        }
        return out;
    }

    /** A count read before its items, checked against the bytes left (each item at least {@code itemBytes}). */
    private static int count(ByteBuffer in, int itemBytes) {
        int n = in.getInt();
        if (n < 0 || (long) n * itemBytes > in.remaining()) {
            throw new IllegalArgumentException("a count of " + n + " with " + in.remaining() + " bytes left");
        }
        return n;
    }

    /** A growing buffer (a card is a couple of kilobytes). */
    private static final class Writer {
        private ByteBuffer buf = ByteBuffer.allocate(2048);

        ByteBuffer room(int bytes) {
            if (buf.remaining() < bytes) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + bytes));
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
            return buf;
        }

        void string(String s) {
            room(Integer.BYTES + s.length() * Character.BYTES).putInt(s.length());
            buf.asCharBuffer().put(s);
            buf.position(buf.position() + s.length() * Character.BYTES);
        }

        void strings(List<String> list) {
            room(Integer.BYTES).putInt(list.size());
            list.forEach(this::string);
        }
    }
}
