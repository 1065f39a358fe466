package reportqa.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What the MCP SDK reads and writes over stdio. It reads the JSON-RPC messages of an agent's stdin,
 * one a line, read by a thread of this class's own; it writes to {@link #out}, which counts the
 * responses. The SDK stops reading for good at a line it cannot parse (and then never sees the end
 * of stdin, so the process would never end), and ends the session as soon as it reads the end,
 * answered or not; so here a blank line is skipped, a line that is no JSON-RPC message (or longer
 * than {@value #MAX_LINE} bytes) is dropped with a note on standard error, and the end of stdin is
 * passed on only once every request read has been answered ({@link #awaitAnswered}) and {@link
 * #release} is called.
 */
public final class StdioMessages extends InputStream {

    /** The longest line read; a longer one is dropped (a tool call is a few hundred bytes). */
    static final int MAX_LINE = 4 * 1024 * 1024;

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> lines = new LinkedBlockingQueue<>(1000);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final ObjectMapper json = new ObjectMapper();
    private final McpJsonMapper mcpJson;
    private final PrintStream notes;
    private byte[] current = new byte[0];
    private int at;

    /**
     * Starts reading {@code stdin}.
     *
     * @param notes where a dropped line is told (standard error)
     */
    public StdioMessages(InputStream stdin, McpJsonMapper mcpJson, PrintStream notes) {
        this.mcpJson = mcpJson;
        this.notes = notes;
        Thread reader = new Thread(() -> pump(stdin), "mcp-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    /** The ids of the requests read and not answered yet, each as JSON ({@code 7}, {@code "a"}). */
    private final java.util.Set<String> waiting = new java.util.HashSet<>();

    /**
     * Waits until every request read from stdin has had its response written, at most {@code max}.
     *
     * @return whether they all have
     */
    public boolean awaitAnswered(java.time.Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        synchronized (waiting) {
            while (!waiting.isEmpty()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(waiting, left);
            }
            return true;
        }
    }

    /**
     * Where the SDK writes its messages: {@code protocol} (standard output), each response counted.
     */
    public java.io.OutputStream out(java.io.OutputStream protocol) {
        return new java.io.FilterOutputStream(protocol) {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                if (b == '\n') {
                    seen(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else if (line.size() < RESPONSE_HEAD) {
                    line.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = off; i < off + len; i++) {
                    write(b[i]);
                }
            }
        };
    }

    /** How much of a line written is read for its id: the SDK writes {@code jsonrpc}, then {@code id}, first. */
    static final int RESPONSE_HEAD = 64 * 1024;

    /** Crosses off the request a line written answers, if it is a response (an id with a result or an error). */
    private void seen(String head) {
        String id = null;
        boolean response = false;
        try (com.fasterxml.jackson.core.JsonParser p = json.getFactory().createParser(head)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return;
            }
            // Top-level fields only; a long result may be cut off in the head read.
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken();
                    t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME;
                    t = p.nextToken()) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("id")) {
                    id = p.readValueAsTree().toString();
                } else {
                    response |= field.equals("result") || field.equals("error");
                    p.skipChildren();
                }
                if (id != null && response) {
                    break;
                }
            }
        } catch (IOException cutOff) {
            // The head ended inside a long result: what was read is what counts.
        }
        if (id != null && response) {
            synchronized (waiting) {
                waiting.remove(id);
                waiting.notifyAll();
            }
        }
    }

    /** Waits until stdin has ended (the agent closed it, or it broke). */
    public void awaitEnd() throws InterruptedException {
        ended.await();
    }

    /** Lets the SDK read the end of stdin (and so end the session). */
    public void release() {
        released.countDown();
    }

    private void pump(InputStream stdin) {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean tooLong = false;
            int b;
            while ((b = stdin.read()) >= 0) {
                if (b != '\n') {
                    if (line.size() < MAX_LINE) {
                        line.write(b);
                    } else {
                        tooLong = true;
                    }
                    continue;
                }
                if (tooLong) {
                    notes.println("reportqa mcp: dropped a line of stdin over " + MAX_LINE + " bytes");
                } else {
                    offer(line.toString(StandardCharsets.UTF_8));
                }
                line.reset();
                tooLong = false;
            }
            if (!tooLong && line.size() > 0) {
                offer(line.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            notes.println("reportqa mcp: stdin broke: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
            lines.offer(END);
        }
    }

    private void offer(String line) throws InterruptedException, IOException {
        String text = line.strip();
        if (text.isEmpty()) {
            return;
        }
        McpSchema.JSONRPCMessage message = message(text);
        if (message == null) {
            notes.println("reportqa mcp: dropped a line of stdin that is no JSON-RPC 2.0 message: "
                    + text.substring(0, Math.min(80, text.length())));
            return;
        }
        if (message instanceof McpSchema.JSONRPCRequest request) {
            synchronized (waiting) {
                waiting.add(json.writeValueAsString(request.id()));
            }
        }
        // Written again by the SDK's own mapper: one line whatever the agent sent (a carriage return
        // inside the JSON would split it for the SDK's line reader).
        lines.put((mcpJson.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The line as the SDK reads it, or null when the SDK would refuse it (and stop reading for good). */
    private McpSchema.JSONRPCMessage message(String text) {
        try {
            return McpSchema.deserializeJsonRpcMessage(mcpJson, text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[at++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - at);
        System.arraycopy(current, at, b, off, n);
        at += n;
        return n;
    }

    /** Whether there is a line to read (waiting for one); false at the end, once released. */
    private boolean fill() throws IOException {
        try {
            while (at >= current.length) {
                if (current == END) {
                    released.await();
                    return false;
                }
                current = lines.take();
                at = 0;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while waiting for stdin");
        }
    }
}
