package reportqa.retrieval.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Reads a PDF report's text with Apache PDFBox, laid out as a text report ({@link PdfLayout}). A
 * PDF is untrusted input: the memory PDFBox may use, the pages read and what their drawing
 * instructions unpack to are bounded (a PDF bomb is refused instead of filling the heap or the
 * indexer's time), and every way a PDF can fail to give text is an
 * {@link UnreadablePdfException} whose message says why.
 */
public final class PdfReader {

    /**
     * The version of what a PDF is read as (its text, panel, paragraphs, pages). Bumped whenever that
     * changes: it is part of the index's fingerprint, so an index built by another version is built
     * again (a PDF's bytes, and so its hash, are the same: nothing else would tell it is stale).
     * 2: a footer that starts or ends with its page number is furniture on a one-page report too.
     * 3: table rows are read as rows, their cells parted by tabs, wrapped cells joined. 4: a jump
     * up to the next column under a full-width line is no table cell.
     */
    public static final int VERSION = 4;

    /** Most pages read: the longest broker reports run to a few hundred. */
    public static final int MAX_PAGES = 2_000;
    /** Most memory PDFBox may hold for one document's streams. */
    public static final long MAX_MEMORY_BYTES = 256L << 20;
    /** Most bytes all pages' drawing instructions may unpack to. */
    public static final long MAX_CONTENT_BYTES = 256L << 20;
    /** Fewer letters and digits than this in the whole document is no text layer. */
    static final int MIN_TEXT_CHARS = 20;

    private final int maxChars;
    private final Set<String> headings;

    /**
     * @param maxChars most characters of text read (a report longer than that is refused later)
     * @param headings section headings, each a paragraph of its own
     */
    public PdfReader(int maxChars, Set<String> headings) {
        this.maxChars = maxChars;
        this.headings = Set.copyOf(headings);
    }

    /** Reads the text of a PDF's bytes. */
    public PdfText read(byte[] pdf) throws UnreadablePdfException {
        try (PDDocument document = Loader.loadPDF(
                new RandomAccessReadBuffer(pdf),
                "",
                null,
                null,
                MemoryUsageSetting.setupMainMemoryOnly(MAX_MEMORY_BYTES).streamCache)) {
            return read(document);
        } catch (LineStripper.TooMuchDrawing e) {
            throw new UnreadablePdfException(e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            // What one document allocated is garbage once it fails: the server goes on, the file is refused.
            throw new UnreadablePdfException("too large to read in the memory the server has", e);
        } catch (InvalidPasswordException e) {
            throw new UnreadablePdfException("encrypted: a password is needed to open it", e);
        } catch (IOException e) {
            throw new UnreadablePdfException("not a readable PDF (" + describe(e) + ")", e);
        } catch (RuntimeException e) {
            // PDFBox meets malformed files with runtime exceptions too (a bad object number, a
            // stream that ends early): the file is at fault, not the server.
            throw new UnreadablePdfException("not a readable PDF (" + describe(e) + ")", e);
        }
    }

    private PdfText read(PDDocument document) throws IOException, UnreadablePdfException {
        int pages = document.getNumberOfPages();
        if (pages == 0) {
            throw new UnreadablePdfException("the PDF has no pages");
        }
        if (pages > MAX_PAGES) {
            throw new UnreadablePdfException("too many pages: " + pages + " (the limit is " + MAX_PAGES + ")");
        }
        if (document.isEncrypted() && !document.getCurrentAccessPermission().canExtractContent()) {
            throw new UnreadablePdfException("encrypted: its permissions forbid copying its text");
        }
        checkUnpackedSize(document);
        float[] widths = new float[pages];
        float[] heights = new float[pages];
        for (int i = 0; i < pages; i++) {
            PDPage page = document.getPage(i);
            PDRectangle box = page.getCropBox();
            boolean turned = page.getRotation() % 180 != 0;
            widths[i] = turned ? box.getHeight() : box.getWidth();
            heights[i] = turned ? box.getWidth() : box.getHeight();
        }
        LineStripper stripper = new LineStripper(maxChars);
        List<PdfLine> lines = stripper.lines(document);
        if (stripper.truncated()) {
            throw new UnreadablePdfException("too long: more than " + maxChars + " characters of text");
        }
        long letters = lines.stream()
                .flatMapToInt(l -> l.text().chars())
                .filter(Character::isLetterOrDigit)
                .count();
        if (letters < MIN_TEXT_CHARS) {
            throw new UnreadablePdfException("the PDF has no text layer (a scanned image?): " + pages
                    + (pages == 1 ? " page" : " pages") + ", no text to read; OCR is not supported");
        }
        return PdfLayout.read(lines, widths, heights, headings);
    }

    /**
     * Refuses a document whose pages' drawing instructions unpack to more than
     * {@link #MAX_CONTENT_BYTES}: a few hundred kilobytes of compressed spaces or zeros can unpack to
     * gigabytes (a PDF bomb), which PDFBox would read in full, minutes of the indexer's time. Counted
     * by unpacking, stopping at the limit; a broker's page draws well under a megabyte.
     */
    private static void checkUnpackedSize(PDDocument document) throws IOException, UnreadablePdfException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        for (PDPage page : document.getPages()) {
            Iterator<PDStream> streams = page.getContentStreams();
            while (streams.hasNext()) {
                try (InputStream in = streams.next().createInputStream()) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        total += n;
                        if (total > MAX_CONTENT_BYTES) {
                            throw new UnreadablePdfException("its pages unpack to more than "
                                    + (MAX_CONTENT_BYTES >> 20) + " MB of drawing instructions (a PDF bomb?)");
                        }
                    }
                }
            }
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        m = m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
