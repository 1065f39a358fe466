package reportqa.server.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.Json;

/**
 * The feedback kept in a data folder: one JSON object a line in {@code feedback/feedback.jsonl},
 * appended whole under a lock, so that a reader never meets half a line from this process. Bounded:
 * at most {@link #MAX_BYTES} of feedback are kept (further feedback is refused), and reading back
 * gives the latest entries only.
 */
public final class FeedbackLog {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackLog.class);

    /** The file under the data folder. */
    public static final String FILE = "feedback/feedback.jsonl";
    /** Most bytes the log may grow to: tens of thousands of verdicts, read back whole in well under a second. */
    public static final long MAX_BYTES = 64L << 20;

    /** The log is full: nothing more is kept until it is moved away. */
    public static final class FullException extends IOException {
        private static final long serialVersionUID = 1L;

        FullException(String message) {
            super(message);
        }
    }

    private final Path file;
    private final ObjectMapper json = Json.mapper();

    /** @param dataDir the data folder the log lives in */
    public FeedbackLog(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** Keeps a verdict, given an id and the time now; what was kept. */
    public synchronized Feedback add(Feedback f) throws IOException {
        Feedback kept = new Feedback(
                Instant.now().toEpochMilli() + "-"
                        + UUID.randomUUID().toString().substring(0, 8),
                Instant.now().toString(),
                f.verdict(),
                f.question(),
                f.answer(),
                f.comment(),
                f.citations(),
                f.mode(),
                f.model());
        byte[] line = (json.writeValueAsString(kept) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        // One write under a file lock: another process appending (a second server on the same data
        // folder) never interleaves its line with this one.
        try (FileChannel channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            if (channel.size() + line.length > MAX_BYTES) {
                throw new FullException(
                        "the feedback log is full (" + (MAX_BYTES >> 20) + " MB): move " + file + " away");
            }
            ByteBuffer bytes = ByteBuffer.wrap(line);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
        return kept;
    }

    /**
     * The latest {@code limit} verdicts that {@code which} accepts, oldest first. A line that is not
     * a verdict (edited by hand, cut short by a crash) is skipped and logged, never fatal.
     */
    public synchronized List<Feedback> latest(int limit, Predicate<Feedback> which) throws IOException {
        Deque<Feedback> out = new ArrayDeque<>();
        if (!Files.exists(file)) {
            return List.of();
        }
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                Feedback f;
                try {
                    f = json.readValue(line, Feedback.class);
                } catch (IOException e) {
                    LOG.warn("{} line {} is no feedback, skipped: {}", file, lineNo, e.getMessage());
                    continue;
                }
                if (which.test(f)) {
                    out.addLast(f);
                    if (out.size() > limit) {
                        out.removeFirst();
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }
}
