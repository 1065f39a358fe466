package reportqa.retrieval.embed;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.text.Hashes;

/**
 * Passage vectors on disk, keyed by a hash of the passage text, so that an unchanged passage is
 * never embedded twice, across restarts. An append-only file of fixed-size records per model; a
 * record cut short by a crash is dropped on the next open, and so is a record whose vector fails
 * the model's {@link VectorCheck} (not finite, all zero, or, for a model whose vectors have unit
 * length, of another length). A file that cannot be read, or in which no record holds a usable
 * vector, is not a cache of this model: it is set aside (renamed {@code *.damaged}) with a warning
 * and the cache starts empty, so its passages are embedded again instead of the start failing.
 *
 * <p>The file is read when the cache is first used, not when it is opened: a start on an unchanged
 * library embeds nothing and never reads it (300,000 passages make a 600 MB file). Only where each
 * record lies is kept in memory; a vector is read from the file when asked for.
 */
public final class EmbeddingCache implements VectorStore {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);

    private static final int KEY_BYTES = 32;

    private final Path file;
    private final int dimension;
    private final VectorCheck check;
    /** Where each usable record starts in the file, by key; null until the file is first read. */
    private Map<String, Long> offsets;

    /** Opens (or creates) the cache for one model in {@code dir}, its vectors not required to have unit length. */
    public EmbeddingCache(Path dir, String modelId, int dimension) {
        this(dir, modelId, new VectorCheck(dimension, false));
    }

    /** Opens (or creates) the cache for {@code model} in {@code dir}, checking vectors as its own. */
    public EmbeddingCache(Path dir, Embedder model) {
        this(dir, model.modelId(), VectorCheck.of(model));
    }

    private EmbeddingCache(Path dir, String modelId, VectorCheck check) {
        this.dimension = check.dimension();
        this.check = check;
        this.file = dir.resolve("embeddings-" + modelId.replaceAll("[^A-Za-z0-9.+-]", "_") + ".bin");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open embedding cache " + file, e);
        }
    }

    /** Reads where the file's records lie, the first time the cache is used. */
    private Map<String, Long> offsets() {
        if (offsets == null) {
            offsets = new HashMap<>();
            try {
                load();
            } catch (IOException | RuntimeException e) {
                offsets.clear();
                setAside(e.getMessage());
            }
        }
        return offsets;
    }

    /** Moves an unreadable cache file out of the way, keeping it for a look. */
    private void setAside(String reason) {
        Path aside = file.resolveSibling(file.getFileName() + ".damaged");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set aside the unreadable embedding cache " + file, e);
        }
        LOG.warn(
                "embedding cache {} cannot be read ({}); set aside as {}, its passages will be embedded again",
                file.getFileName(),
                reason,
                aside.getFileName());
    }

    private int recordBytes() {
        return KEY_BYTES + dimension * Float.BYTES;
    }

    /** How many records are mapped into memory at a time while the file is read (about 256 MB). */
    private static final long RECORDS_PER_REGION = 1 << 17;

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        long size = Files.size(file);
        long whole = size - size % recordBytes();
        int dropped = 0;
        String firstProblem = "";
        // Mapped region by region and read in bulk: a stream read float by float took 3 s for the
        // 700 MB of 333,920 passages (the benchmark's profile of a report added to that library).
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] key = new byte[KEY_BYTES];
            float[] v = new float[dimension];
            // Whole records, and never more than one mapping can hold.
            long regionBytes =
                    Math.max(1, Math.min(RECORDS_PER_REGION, Integer.MAX_VALUE / recordBytes())) * recordBytes();
            for (long region = 0; region < whole; region += regionBytes) {
                long length = Math.min(regionBytes, whole - region);
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, region, length);
                for (int at = 0; at < length; at += recordBytes()) {
                    map.get(at, key);
                    map.slice(at + KEY_BYTES, dimension * Float.BYTES)
                            .asFloatBuffer()
                            .get(v);
                    // A damaged record is not trusted: its passage is embedded again when next indexed.
                    Optional<String> problem = check.problem(v);
                    if (problem.isEmpty()) {
                        offsets.put(HexFormat.of().formatHex(key), region + at);
                    } else if (dropped++ == 0) {
                        firstProblem = problem.get();
                    }
                }
            }
        }
        long records = whole / recordBytes();
        if (records > 0 && dropped == records) {
            throw new IOException(
                    "none of its " + records + " records holds a usable vector (the first: " + firstProblem + ")");
        }
        if (dropped > 0) {
            LOG.warn(
                    "{}: {} cached vectors are not usable (the first: {}); their passages will be embedded again",
                    file.getFileName(),
                    dropped,
                    firstProblem);
        }
        if (whole != size) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(whole);
            }
        }
    }

    /** The cached vector for this text, or null. */
    @Override
    public synchronized float[] get(String text) {
        Long at = offsets().get(key(text));
        if (at == null) {
            return null;
        }
        ByteBuffer record = ByteBuffer.allocate(dimension * Float.BYTES);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long from = at + KEY_BYTES;
            while (record.hasRemaining()) {
                if (ch.read(record, from + record.position()) < 0) {
                    throw new EOFException("record at " + at + " cut short");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedding cache " + file, e);
        }
        float[] v = new float[dimension];
        record.flip().asFloatBuffer().get(v);
        return v;
    }

    /**
     * Stores vectors for texts, appending them to the file in one write under a file lock, so two
     * processes sharing a data folder never interleave parts of records.
     */
    @Override
    public synchronized void putAll(Map<String, float[]> byText) {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        Map<String, float[]> fresh = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : byText.entrySet()) {
            Optional<String> problem = check.problem(e.getValue());
            if (problem.isPresent()) {
                throw new IllegalArgumentException("not a usable vector of this model: " + problem.get());
            }
            String k = key(e.getKey());
            if (!offsets().containsKey(k) && fresh.putIfAbsent(k, e.getValue()) == null) {
                ByteBuffer buf = ByteBuffer.allocate(recordBytes());
                buf.put(HexFormat.of().parseHex(k));
                buf.asFloatBuffer().put(e.getValue());
                batch.writeBytes(buf.array());
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        long start;
        try (FileChannel ch = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                FileLock lock = ch.lock()) {
            // Appended at the end as it is under the lock (another process may have appended since).
            start = ch.size();
            ByteBuffer all = ByteBuffer.wrap(batch.toByteArray());
            while (all.hasRemaining()) {
                ch.write(all);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embedding cache " + file, e);
        }
        long at = start;
        for (String k : fresh.keySet()) {
            offsets.put(k, at);
            at += recordBytes();
        }
    }

    /** How many usable vectors the file holds (reads the file if it was not read yet). */
    public synchronized int size() {
        return offsets().size();
    }

    private static String key(String text) {
        return Hashes.sha256Hex(text);
    }
}
