package reportqa.server.ingest;

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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import reportqa.retrieval.index.CorpusScan;
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
 * Each file's state (queued, extracting, embedding, searchable, failed with why; removing, removed) is kept for
 * {@code GET /api/uploads}.
 */
public final class ReportUploads implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ReportUploads.class);

    /** Where a file stands. */
    public enum State {
        QUEUED,
        EXTRACTING,
        EMBEDDING,
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

    /**
     * A file as uploaded.
     *
     * @param fileName its name as the client sent it
     * @param bytes its content
     * @param metadata fields sent with it, written as its sidecar (empty: none)
     */
    public record Upload(String fileName, byte[] bytes, ObjectNode metadata) {

        /** A file sent without metadata. */
        public Upload(String fileName, byte[] bytes) {
            this(fileName, bytes, JSON.createObjectNode());
        }
    }

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
    /** Ids of files written by an upload and not settled yet: one that fails is taken out again. */
    private final Set<String> uploaded = new HashSet<>();
    /** Reports asked to be read again by the next update, though their files did not change. */
    private final Set<String> rereads = new HashSet<>();

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
            // A refused duplicate of a file under way (x.pdf beside x.txt, a retry) does not hide its
            // state, nor does one of a report the library holds make that report look failed.
            if (s.state() == State.QUEUED
                    || (!underWay(s.id()) && !library.backend().reports().containsKey(s.id()))) {
                put(s);
            }
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
        // A file that failed to be read is in the folder only, and can be removed too.
        List<Path> files = filesOf(id);
        if (!library.backend().reports().containsKey(id) && files.isEmpty()) {
            return Optional.empty();
        }
        String file = null;
        for (Path p : files) {
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
        // Its file, not only its index entry: a report being removed has none left to describe.
        if (!library.backend().reports().containsKey(id) || filesOf(id).isEmpty()) {
            return Optional.empty();
        }
        Path sidecar = corpus.resolve(id + ReportParser.SIDECAR_SUFFIX);
        ObjectNode merged = JSON.createObjectNode();
        if (Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            try {
                if (JSON.readTree(Files.readString(sidecar)) instanceof ObjectNode o) {
                    merged.setAll(o);
                }
            } catch (IOException e) {
                // A sidecar broken by hand is replaced by the fields set now: this edit is its repair.
                LOG.info("sidecar of {} was unreadable ({}); replaced by the fields set", id, e.getMessage());
            }
        }
        merged.setAll(fields);
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(merged);
        if (json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > ReportParser.MAX_SIDECAR_BYTES) {
            throw new ReportParseException(
                    id, "the metadata would be over " + ReportParser.MAX_SIDECAR_BYTES + " bytes");
        }
        PARSER.checkSidecar(id, json);
        writeWhole(sidecar, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Status s = new Status(id, fileOf(id), State.QUEUED, "", Instant.now());
        put(s);
        scheduleUpdate();
        return Optional.of(s);
    }

    /**
     * Reads a report again and indexes it anew in the background, though its file did not change
     * (after a fix to how reports are read, or to redo what a failing model left undone); it alone.
     * Empty when the library has no such report.
     */
    public synchronized Optional<Status> reindex(String id) throws IOException {
        List<Path> files = filesOf(id);
        if (!library.backend().reports().containsKey(id) || files.isEmpty()) {
            return Optional.empty();
        }
        synchronized (rereads) {
            rereads.add(id);
        }
        Status s = new Status(id, files.get(0).getFileName().toString(), State.QUEUED, "", Instant.now());
        put(s);
        scheduleUpdate();
        return Optional.of(s);
    }

    /** Every kept state, the latest last. */
    public List<Status> states() {
        synchronized (states) {
            return List.copyOf(states.values());
        }
    }

    /** Whether a file of this id is queued, being indexed or being removed. */
    private boolean underWay(String id) {
        synchronized (states) {
            Status s = states.get(id);
            return s != null
                    && (s.state() == State.QUEUED
                            || s.state() == State.EXTRACTING
                            || s.state() == State.EMBEDDING
                            || s.state() == State.REMOVING);
        }
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
            if (Files.exists(corpus.resolve(id + ReportParser.SIDECAR_SUFFIX), LinkOption.NOFOLLOW_LINKS)) {
                // It would describe this file with another report's broker, title and date.
                return failed(
                        id,
                        name,
                        "the library folder has a sidecar " + id + ReportParser.SIDECAR_SUFFIX
                                + " of no report: remove it first");
            }
            Optional<String> same = sameContent(u.bytes());
            if (same.isPresent()) {
                return failed(id, name, "the same file as report " + same.get() + " of the library");
            }
            // Fields sent with the file are its sidecar, checked as its parse will read them and
            // written first, so that the report's first reading already has them.
            Path sidecar = corpus.resolve(id + ReportParser.SIDECAR_SUFFIX);
            boolean withSidecar = !u.metadata().isEmpty();
            if (withSidecar) {
                String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(u.metadata());
                try {
                    if (json.length() > ReportParser.MAX_SIDECAR_BYTES) {
                        return failed(id, name, "its metadata is over " + ReportParser.MAX_SIDECAR_BYTES + " bytes");
                    }
                    PARSER.checkSidecar(id, json);
                } catch (ReportParseException e) {
                    return failed(id, name, "its metadata: " + e.reason());
                }
                writeWhole(sidecar, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            // Written whole under a name no scan reads, then moved into place in one step.
            Path part = corpus.resolve(".upload-" + UUID.randomUUID() + ".part");
            Path target = corpus.resolve(name);
            try {
                Files.write(part, u.bytes());
                // A rename replaces what it lands on: checked just before (all writes here are serial).
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    if (withSidecar) {
                        Files.deleteIfExists(sidecar);
                    }
                    return failed(id, name, "the library already has a report with id " + id);
                }
                try {
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(part, target);
                }
            } catch (IOException e) {
                // No sidecar is left behind for a report that was not written.
                if (withSidecar) {
                    Files.deleteIfExists(sidecar);
                }
                throw e;
            } finally {
                Files.deleteIfExists(part);
            }
            synchronized (states) {
                uploaded.add(id);
            }
            return new Status(id, name, State.QUEUED, "", Instant.now());
        } catch (IOException e) {
            LOG.warn("upload of {} could not be written to the corpus folder", name, e);
            return failed(id, name, "could not be written to the library: " + ReportParser.readFailure(e));
        }
    }

    /** Writes a file of the corpus folder whole: a hidden temporary file renamed over it. */
    private void writeWhole(Path file, byte[] bytes) throws IOException {
        Path part = corpus.resolve(".upload-" + UUID.randomUUID() + ".part");
        try {
            Files.write(part, bytes);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** The corpus files of a report id, whatever their extension's case. */
    private List<Path> filesOf(String id) throws IOException {
        return CorpusScan.filesOf(corpus, id);
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
        synchronized (states) {
            putLocked(s);
        }
    }

    /** Keeps a state, the latest last, holding the states' lock. */
    private void putLocked(Status s) {
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

    /** A file's state moved on, if it stands where the move starts. */
    private void advance(String id, State from, State to) {
        synchronized (states) {
            Status s = states.get(id);
            if (s != null && s.state() == from) {
                states.put(id, new Status(id, s.file(), to, "", Instant.now()));
            }
        }
    }

    /**
     * Brings the library up to date with its corpus folder now, on the thread that runs uploads'
     * updates (so it never runs beside one), and waits for it: what the folder watch calls when files
     * were dropped into, changed in or removed from the folder. The files it finds changed get states
     * as uploads do ({@code EXTRACTING}, {@code EMBEDDING}, then {@code SEARCHABLE} or {@code FAILED}
     * with why; a file removed by hand {@code REMOVED}); a dropped file that fails stays where it is
     * (it is listed with why, as at start).
     *
     * @throws IOException when the update fails (it is tried again at the next change)
     */
    public IndexResult updateFromFolder() throws IOException, InterruptedException {
        try {
            return updates.submit(this::runUpdate).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /** A scheduled update for uploads, edits and removals: a failure is logged and settled, not thrown. */
    private void update() {
        try {
            runUpdate();
        } catch (IOException | RuntimeException e) {
            LOG.warn("the index update for uploaded or removed reports failed", e);
        }
    }

    /**
     * Runs the library's update and settles every queued, extracted, embedded or removing state by
     * what it committed: queued files are being extracted once the update starts, embedded once read;
     * a file the update finds changed without being asked (dropped into the folder) gets a state when
     * it is read.
     */
    private IndexResult runUpdate() throws IOException {
        pending.set(false);
        synchronized (states) {
            states.replaceAll((id, s) ->
                    s.state() == State.QUEUED ? new Status(id, s.file(), State.EXTRACTING, "", Instant.now()) : s);
        }
        Set<String> reread;
        synchronized (rereads) {
            reread = Set.copyOf(rereads);
            rereads.clear();
        }
        IndexResult result;
        try {
            result = library.update(
                    new IndexProgress() {
                        @Override
                        public void reportDone(int done, int total, String reportId, boolean indexed) {}

                        @Override
                        public void reportReading(String reportId) {
                            if (!underWay(reportId)) {
                                put(new Status(reportId, fileOf(reportId), State.EXTRACTING, "", Instant.now()));
                            }
                        }

                        @Override
                        public void reportRead(String reportId) {
                            advance(reportId, State.EXTRACTING, State.EMBEDDING);
                        }
                    },
                    reread);
        } catch (IOException | RuntimeException e) {
            // Asked again by the next update: a re-index is not lost to a failed one.
            synchronized (rereads) {
                rereads.addAll(reread);
            }
            settle(null, "the index update failed: " + e.getMessage());
            throw e;
        }
        settle(result, "");
        return result;
    }

    /** The file name of a report in the corpus folder, or its id when it has none. */
    private String fileOf(String id) {
        try {
            List<Path> files = filesOf(id);
            return files.isEmpty() ? id : files.get(0).getFileName().toString();
        } catch (IOException e) {
            return id;
        }
    }

    /**
     * Settles what the update did: a file being extracted or embedded is searchable when the library has it and the
     * update listed no failure for it (an edited report that fails keeps its old entry: failed, not
     * searchable); a new upload that failed is taken out of the corpus folder again (its state says
     * why, and the same file can be sent again fixed) instead of being re-read at every update.
     */
    private void settle(IndexResult result, String error) {
        Map<String, String> failures = new LinkedHashMap<>();
        if (result != null) {
            result.failures().forEach(f -> failures.put(f.reportId(), f.reason()));
        }
        var reports = library.backend().reports();
        List<Status> failedUploads = new ArrayList<>();
        synchronized (states) {
            states.replaceAll((id, s) -> switch (s.state()) {
                case EXTRACTING, EMBEDDING -> {
                    String why = !error.isEmpty() ? error : failures.get(id);
                    if (why == null && reports.containsKey(id)) {
                        yield new Status(id, s.file(), State.SEARCHABLE, "", Instant.now());
                    }
                    Status failed = new Status(
                            id,
                            s.file(),
                            State.FAILED,
                            why == null ? "not indexed (see /api/health)" : why,
                            Instant.now());
                    if (!reports.containsKey(id) && uploaded.contains(id)) {
                        failedUploads.add(failed);
                    }
                    yield failed;
                }
                case REMOVING ->
                    reports.containsKey(id)
                            ? (error.isEmpty() ? s : new Status(id, s.file(), State.FAILED, error, Instant.now()))
                            : new Status(id, s.file(), State.REMOVED, "", Instant.now());
                default -> s;
            });
            if (result != null) {
                // Files dropped into or removed from the folder by hand, which no request put under way
                // (not one a request has under way: a file removed while the update read the folder
                // fails to be read, "it no longer exists", and its REMOVING settles at the next update).
                failures.forEach((id, why) -> {
                    Status known = states.get(id);
                    if (!underWay(id)
                            && (known == null
                                    || known.state() != State.FAILED
                                    || !known.reason().equals(why))) {
                        putLocked(new Status(id, fileOf(id), State.FAILED, why, Instant.now()));
                    }
                });
                for (String id : result.removed()) {
                    Status known = states.get(id);
                    if (!underWay(id) && (known == null || known.state() != State.REMOVED)) {
                        putLocked(new Status(id, known == null ? id : known.file(), State.REMOVED, "", Instant.now()));
                    }
                }
            }
            if (error.isEmpty()) {
                uploaded.removeIf(id -> !underWay(id));
            }
        }
        if (error.isEmpty()) {
            synchronized (this) {
                for (Status s : failedUploads) {
                    try {
                        Files.deleteIfExists(corpus.resolve(s.file()));
                    } catch (IOException e) {
                        LOG.warn("the failed upload {} could not be taken out of the corpus folder", s.file(), e);
                    }
                }
            }
        }
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
