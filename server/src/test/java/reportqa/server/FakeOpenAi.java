package reportqa.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat completions server on loopback, for tests: answers plainly or as a
 * stream, or fails the way real servers do (HTTP errors, slowness, a stream that stalls or breaks).
 * Records every request body.
 */
public final class FakeOpenAi implements AutoCloseable {

    /** How the next requests are answered. */
    public enum Behaviour {
        REPLY,
        STATUS,
        DELAY,
        STALL,
        HEADERS_ONLY,
        BREAK,
        SLOW_STREAM
    }

    private final HttpServer server;
    /** Its own threads, ended on close, so that a test's stalled answers do not outlive it. */
    private final ExecutorService handlers = Executors.newCachedThreadPool();

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = Behaviour.REPLY;
    private volatile String reply = "";
    private final java.util.Deque<String> queued = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile int status = 200;
    private volatile long delayMs;
    private volatile long chunkPauseMs;

    public FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public FakeOpenAi replying(String text) {
        behaviour = Behaviour.REPLY;
        reply = text;
        return this;
    }

    /**
     * Waits {@code ms} after each piece of a streamed reply, so that a client sees every piece
     * arrive on its own (a page draws what it has between them) rather than the whole at once.
     */
    public FakeOpenAi pausingBetweenChunks(long ms) {
        chunkPauseMs = ms;
        return this;
    }

    /** Answers the next requests with these texts in turn, then keeps repeating the last. */
    public FakeOpenAi replyingInOrder(String... texts) {
        behaviour = Behaviour.REPLY;
        queued.clear();
        queued.addAll(List.of(texts));
        reply = texts[texts.length - 1];
        return this;
    }

    /** The authorization headers received. */
    public List<String> authorizations() {
        return authorizations;
    }

    public FakeOpenAi failingWith(int httpStatus) {
        behaviour = Behaviour.STATUS;
        status = httpStatus;
        return this;
    }

    public FakeOpenAi slow(long millis, String text) {
        behaviour = Behaviour.DELAY;
        delayMs = millis;
        reply = text;
        return this;
    }

    /**
     * Sends headers (and, when streaming, {@code firstToken}), then nothing for 30 s: a model that
     * hangs mid-answer, for plain and streamed requests alike.
     */
    public FakeOpenAi stalling(String firstToken) {
        behaviour = Behaviour.STALL;
        reply = firstToken;
        return this;
    }

    /**
     * Sends the headers of a 200 and then nothing at all for 60 s (or until closed): a model that
     * accepted the request and hung before its first token.
     */
    public FakeOpenAi stallingAfterHeaders() {
        behaviour = Behaviour.HEADERS_ONLY;
        return this;
    }

    /**
     * Connections to this server that their client still holds open (TCP ESTABLISHED on this
     * server's port, read from {@code /proc/net/tcp}; a connection its client closed is in
     * CLOSE_WAIT here until the server closes it too). Linux only.
     */
    public int openConnections() throws IOException {
        int port = server.getAddress().getPort();
        int open = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] cols = line.strip().split("\\s+");
                if (cols.length < 4 || !cols[1].contains(":")) {
                    continue; // the header line
                }
                int local = Integer.parseInt(cols[1].substring(cols[1].indexOf(':') + 1), 16);
                if (local == port && cols[3].equals(TCP_ESTABLISHED)) {
                    open++;
                }
            }
        }
        return open;
    }

    /** Whether {@link #openConnections()} can be read here. */
    public static boolean canCountConnections() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    private static final String TCP_ESTABLISHED = "01";

    /**
     * Sends headers and the start of an answer ({@code firstToken} when streaming, half a JSON body
     * otherwise), then closes the connection: a model whose answer breaks off.
     */
    public FakeOpenAi breaking(String firstToken) {
        behaviour = Behaviour.BREAK;
        reply = firstToken;
        return this;
    }

    /** Streams {@code token} every 200 ms for up to a minute; {@link #abandonedStreams()} counts streams the client cut. */
    public FakeOpenAi streamingSlowly(String token) {
        behaviour = Behaviour.SLOW_STREAM;
        reply = token;
        return this;
    }

    /** How many slow streams ended because the client closed the connection. */
    public int abandonedStreams() {
        return abandoned.get();
    }

    /** Every request body received, oldest first. */
    public List<JsonNode> requests() {
        return requests;
    }

    /** The text of the last request's user message. */
    public String lastUserMessage() {
        JsonNode messages = requests.get(requests.size() - 1).get("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).path("role").asText().equals("user")) {
                return messages.get(i).path("content").asText();
            }
        }
        throw new AssertionError("no user message in " + messages);
    }

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger abandoned = new AtomicInteger();

    /** The most requests this server was working on at the same moment. */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    private final AtomicInteger atOnce = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    private void handle(HttpExchange ex) throws IOException {
        mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
        try {
            respond(ex);
        } finally {
            atOnce.decrementAndGet();
        }
    }

    private void respond(HttpExchange ex) throws IOException {
        JsonNode body = json.readTree(ex.getRequestBody().readAllBytes());
        requests.add(body);
        authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        boolean stream = body.path("stream").asBoolean(false);
        try {
            switch (behaviour) {
                case STATUS ->
                    send(
                            ex,
                            status,
                            "{\"error\":{\"message\":\"simulated failure\",\"type\":\"server_error\"}}",
                            "application/json");
                case DELAY -> {
                    sleep(delayMs);
                    answer(ex, stream);
                }
                case REPLY -> answer(ex, stream);
                case STALL -> {
                    OutputStream out = startBody(ex, stream);
                    if (stream) {
                        out.write(chunk(reply, null).getBytes(StandardCharsets.UTF_8));
                    }
                    out.flush();
                    sleep(30_000);
                }
                case HEADERS_ONLY -> {
                    startBody(ex, stream).flush();
                    sleep(60_000);
                }
                case BREAK -> {
                    // Promise more than is sent, then close: the client sees the connection break mid-body.
                    ex.getResponseHeaders().add("Content-Type", stream ? "text/event-stream" : "application/json");
                    ex.sendResponseHeaders(200, 100_000);
                    OutputStream out = ex.getResponseBody();
                    out.write((stream ? chunk(reply, null) : "{\"id\": \"chatcmpl-test\", \"object\": \"chat.comp")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    // closed below without the rest of the body or [DONE]
                }
                case SLOW_STREAM -> {
                    OutputStream out = startBody(ex, true);
                    try {
                        for (int i = 0; i < 300; i++) {
                            out.write(chunk(reply, null).getBytes(StandardCharsets.UTF_8));
                            out.flush();
                            sleep(200);
                        }
                    } catch (IOException e) {
                        abandoned.incrementAndGet();
                    }
                }
            }
        } finally {
            ex.close();
        }
    }

    /** Response headers of a 200 whose body is sent in pieces. */
    private static OutputStream startBody(HttpExchange ex, boolean stream) throws IOException {
        ex.getResponseHeaders().add("Content-Type", stream ? "text/event-stream" : "application/json");
        ex.sendResponseHeaders(200, 0);
        return ex.getResponseBody();
    }

    private void answer(HttpExchange ex, boolean stream) throws IOException {
        String next = queued.poll();
        String reply = next != null ? next : this.reply;
        if (!stream) {
            ObjectNode r = json.createObjectNode();
            r.put("id", "chatcmpl-test")
                    .put("object", "chat.completion")
                    .put("created", 1)
                    .put("model", "test-model");
            ObjectNode choice = r.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", reply);
            r.putObject("usage")
                    .put("prompt_tokens", 10)
                    .put("completion_tokens", 10)
                    .put("total_tokens", 20);
            send(ex, 200, json.writeValueAsString(r), "application/json");
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        int step = Math.max(1, reply.length() / 5);
        for (int i = 0; i < reply.length(); i += step) {
            out.write(chunk(reply.substring(i, Math.min(reply.length(), i + step)), null)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (chunkPauseMs > 0) {
                sleep(chunkPauseMs);
            }
        }
        out.write(chunk("", "stop").getBytes(StandardCharsets.UTF_8));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String chunk(String content, String finish) throws IOException {
        ObjectNode c = json.createObjectNode();
        c.put("id", "chatcmpl-test")
                .put("object", "chat.completion.chunk")
                .put("created", 1)
                .put("model", "test-model");
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        if (finish == null) {
            choice.putNull("finish_reason");
            choice.putObject("delta").put("content", content);
        } else {
            choice.put("finish_reason", finish);
            choice.putObject("delta");
        }
        return "data: " + json.writeValueAsString(c) + "\n\n";
    }

    private static void send(HttpExchange ex, int code, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(code, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** Waits {@code ms}, or less when the server is closed: a stalled answer does not outlive its test. */
    private void sleep(long ms) {
        try {
            closed.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
