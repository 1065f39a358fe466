package reportqa.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.index.IndexProgress;
import reportqa.retrieval.index.IndexResult;
import reportqa.retrieval.report.ReportParseException;
import reportqa.retrieval.report.ReportParser;
import reportqa.retrieval.text.Hashes;

/**
 * Reports added and removed through the API. An upload is checked (a report's name, a readable size,
 * a PDF that is one, not a report the library already has by id or by content), written into the
 * corpus folder whole (a temporary file moved into place, so the watcher and the indexer never see
 * half a file), and indexed in the background by the library's own update, which reads only what
 * changed: the new report is searchable once its passages are committed, nothing else is re-read.
 * Each file's state (queued, indexing, searchable, failed with why; removing, removed) is kept for
 * {@code GET /api/uploads}.
 */
public final class ReportUploads implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ReportUploads.class);

    /** Where a file stands. */
    public enum State {
        QUEUED,
        INDEXING,
        SEARCHABLE,
        FAILED,
        REMOVING,
        REMOVED
    }

    /**
     * One file's state.
     *
     * @param id the report id (the file name without its extension)
     * @param file the file name as uploaded
     * @param state where it stands
     * @param reason why it failed, else empty
     * @param at when it reached this state
     */
    public record Status(String id, String file, State state, String reason, Instant at) {}

    /** A file as uploaded. */
    public record Upload(String fileName, byte[] bytes) {}

    /** Most states kept (the latest); older ones are forgotten. */
    static final int KEPT = 1_000;
    /** A report id: letters, digits, {@code . _ -} and spaces, not starting with a dot, 120 at most. */
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}._ -]{0,119}");

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReportParser PARSER = ReportParser.standard();

    private final ReportLibrary library;
    private final Path corpus;
    private final Map<String, Status> states = new LinkedHashMap<>();
    private final ExecutorService updates = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "report-uploads");
        t.setDaemon(true);
        return t;
    });
    /** Whether an update is asked for and not begun: uploads during an update make one more, not one each. */
    private final AtomicBoolean pending = new AtomicBoolean();

    public ReportUploads(ReportLibrary library) {
        this.library = library;
        this.corpus = library.config().corpusDir();
    }

    /** Checks and writes the files, then indexes them in the background; the state of each. */
    public synchronized List<Status> add(List<Upload> files) {
        List<Status> out = new ArrayList<>();
        boolean written = false;
        for (Upload u : files) {
            Status s = write(u);
            put(s);
            out.add(s);
            written |= s.state() == State.QUEUED;
        }
        if (written) {
            scheduleUpdate();
        }
        return out;
    }

    /** Removes a report's file (and sidecar) and updates the library in the background; empty when the library has no such report. */
    public synchronized Optional<Status> remove(String id) throws IOException {
        if (!library.backend().reports().containsKey(id)) {
            return Optional.empty();
        }
        String file = null;
        for (Path p : filesOf(id)) {
            Files.deleteIfExists(p);
            file = p.getFileName().toString();
        }
        Files.deleteIfExists(corpus.resolve(id + ReportParser.SIDECAR_SUFFIX));
        Status s = new Status(id, file == null ? id : file, State.REMOVING, "", Instant.now());
        put(s);
        scheduleUpdate();
        return Optional.of(s);
    }

    /**
     * Sets fields of a report's metadata (its sidecar {@code <id>.meta.json}, merged with the one it
     * has), checked as a parse would read them; the report is then re-indexed in the background, it
     * alone. Empty when the library has no such report.
     *
     * @throws ReportParseException when the fields are not a sidecar a parse accepts (a bad date …)
     */
    public synchronized Optional<Status> editMetadata(String id, ObjectNode fields)
            throws IOException, ReportParseException {
        if (!library.backend().reports().containsKey(id)) {
            return Optional.empty();
        }
        Path sidecar = corpus.resolve(id + ReportParser.SIDECAR_SUFFIX);
        ObjectNode merged = JSON.createObjectNode();
        if (Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            JsonNode old = JSON.readTree(Files.readString(sidecar));
            if (old instanceof ObjectNode o) {
                merged.setAll(o);
            }
        }
        merged.setAll(fields);
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(merged);
        PARSER.checkSidecar(id, json);
        Path part = corpus.resolve(".upload-" + UUID.randomUUID() + ".part");
        try {
            Files.writeString(part, json);
            Files.move(part, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        List<Path> files = filesOf(id);
        Status s = new Status(
                id, files.isEmpty() ? id : files.get(0).getFileName().toString(), State.QUEUED, "", Instant.now());
        put(s);
        scheduleUpdate();
        return Optional.of(s);
    }

    /** Every kept state, the latest last. */
    public synchronized List<Status> states() {
        return List.copyOf(states.values());
    }

    private Status write(Upload u) {
        String path = u.fileName().replace('\\', '/');
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (!ReportParser.isReportName(name)) {
            return failed(name, name, "not a report file: a .pdf or .txt is expected");
        }
        String id = name.substring(0, name.length() - ReportParser.PDF_SUFFIX.length());
        if (!ID.matcher(id).matches()) {
            return failed(id, name, "the file name is no report id (letters, digits, . _ - and spaces; 120 at most)");
        }
        if (u.bytes().length == 0) {
            return failed(id, name, "the file is empty");
        }
        String tooLarge = ReportParser.tooLarge(u.bytes().length);
        if (tooLarge != null) {
            return failed(id, name, tooLarge);
        }
        if (ReportParser.isPdfName(name) && !Arrays.equals(Arrays.copyOf(u.bytes(), PDF_MAGIC.length), PDF_MAGIC)) {
            return failed(id, name, "not a PDF (it does not start with %PDF-)");
        }
        try {
            if (!filesOf(id).isEmpty() || library.backend().reports().containsKey(id)) {
                return failed(id, name, "the library already has a report with id " + id);
            }
            Optional<String> same = sameContent(u.bytes());
            if (same.isPresent()) {
                return failed(id, name, "the same file as report " + same.get() + " of the library");
            }
            // Written whole under a name no scan reads, then moved into place in one step.
            Path part = corpus.resolve(".upload-" + UUID.randomUUID() + ".part");
            Files.write(part, u.bytes());
            try {
                Files.move(part, corpus.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, corpus.resolve(name));
            } finally {
                Files.deleteIfExists(part);
            }
            return new Status(id, name, State.QUEUED, "", Instant.now());
        } catch (IOException e) {
            LOG.warn("upload of {} could not be written to the corpus folder", name, e);
            return failed(id, name, "could not be written to the library: " + ReportParser.readFailure(e));
        }
    }

    /** The corpus files of a report id, whatever their extension's case. */
    private List<Path> filesOf(String id) throws IOException {
        try (Stream<Path> s = Files.list(corpus)) {
            return s.filter(p -> {
                        String n = p.getFileName().toString();
                        return ReportParser.isReportName(n)
                                && ReportParser.idOf(p).equals(id);
                    })
                    .toList();
        }
    }

    /** The report whose file has exactly these bytes, if any (files of another size are not read). */
    private Optional<String> sameContent(byte[] bytes) throws IOException {
        String hash = HexFormat.of().formatHex(Hashes.sha256().digest(bytes));
        try (Stream<Path> s = Files.list(corpus)) {
            for (Path p : s.toList()) {
                if (ReportParser.isReportName(p.getFileName().toString())
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && Files.size(p) == bytes.length
                        && HexFormat.of()
                                .formatHex(Hashes.sha256().digest(Files.readAllBytes(p)))
                                .equals(hash)) {
                    return Optional.of(ReportParser.idOf(p));
                }
            }
        }
        return Optional.empty();
    }

    private static Status failed(String id, String file, String reason) {
        return new Status(id, file, State.FAILED, reason, Instant.now());
    }

    private void put(Status s) {
        states.remove(s.id());
        states.put(s.id(), s);
        while (states.size() > KEPT) {
            states.remove(states.keySet().iterator().next());
        }
    }

    private void scheduleUpdate() {
        if (pending.compareAndSet(false, true)) {
            updates.execute(this::update);
        }
    }

    /** Runs the library's update and settles every queued, indexing or removing state by what it committed. */
    private void update() {
        pending.set(false);
        synchronized (this) {
            states.replaceAll((id, s) ->
                    s.state() == State.QUEUED ? new Status(id, s.file(), State.INDEXING, "", Instant.now()) : s);
        }
        IndexResult result;
        try {
            result = library.update(IndexProgress.NONE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the index update for uploaded or removed reports failed", e);
            settle(null, "the index update failed: " + e.getMessage());
            return;
        }
        settle(result, "");
    }

    private synchronized void settle(IndexResult result, String error) {
        Map<String, String> failures = new LinkedHashMap<>();
        if (result != null) {
            result.failures().forEach(f -> failures.put(f.reportId(), f.reason()));
        }
        var reports = library.backend().reports();
        states.replaceAll((id, s) -> switch (s.state()) {
            case INDEXING ->
                reports.containsKey(id)
                        ? new Status(id, s.file(), State.SEARCHABLE, "", Instant.now())
                        : new Status(
                                id,
                                s.file(),
                                State.FAILED,
                                !error.isEmpty() ? error : failures.getOrDefault(id, "not indexed (see /api/health)"),
                                Instant.now());
            case REMOVING ->
                reports.containsKey(id)
                        ? (error.isEmpty() ? s : new Status(id, s.file(), State.FAILED, error, Instant.now()))
                        : new Status(id, s.file(), State.REMOVED, "", Instant.now());
            default -> s;
        });
    }

    @Override
    public void close() {
        updates.shutdown();
        try {
            updates.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
