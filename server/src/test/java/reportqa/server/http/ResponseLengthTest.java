package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import reportqa.server.TestServer;
import reportqa.server.config.ServerConfig;

/**
 * An answer goes out whole, with its length, as the wire shows it on a connection kept open (as a
 * browser's or a load generator's): sent in chunks, a 9-KB answer took two writes to the socket
 * instead of one, each a system call and a wake-up of the client.
 */
class ResponseLengthTest {

    private static final String QUESTION = "{\"question\": \"Sora 能生成多长的视频？\"}";

    /** A response as read from the socket: status, headers (lower-cased names) and body bytes. */
    private record Raw(int status, Map<String, String> headers, byte[] body) {}

    @Test
    void anAnswerIsSentWithItsLengthNotInChunksCompressedOrNot() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            URI base = URI.create(client.base());
            Raw plain = post(base, "/api/ask", QUESTION, "identity");
            assertEquals(200, plain.status());
            assertNull(plain.headers().get("transfer-encoding"), plain.headers().toString());
            assertEquals(Integer.toString(plain.body().length), plain.headers().get("content-length"));
            // Larger than Jetty's default aggregation (8 KB): the case that went out in chunks.
            assertTrue(plain.body().length > 8192, "an answer of " + plain.body().length + " bytes");
            // Compressed, it keeps its length too, and unpacks to the same kind of answer.
            Raw gzip = post(base, "/api/ask", QUESTION, "gzip");
            assertEquals(200, gzip.status());
            assertEquals("gzip", gzip.headers().get("content-encoding"));
            assertNull(gzip.headers().get("transfer-encoding"), gzip.headers().toString());
            assertEquals(Integer.toString(gzip.body().length), gzip.headers().get("content-length"));
            String unpacked = new String(
                    new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(unpacked.startsWith("{\"answer\":"), unpacked);
        });
    }

    /**
     * A POST over a socket of its own, left open after the response (no {@code Connection: close},
     * with which the server could end a body of unknown length by closing instead of in chunks); the
     * body read by its {@code Content-Length}, none read when there is none.
     */
    private static Raw post(URI base, String path, String json, String acceptEncoding) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost()
                            + "\r\nContent-Type: application/json\r\nAccept-Encoding: " + acceptEncoding
                            + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            String[] head = head(in).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(
                        head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        head[i].substring(colon + 1).strip());
            }
            String length = headers.get("content-length");
            byte[] content = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
            return new Raw(Integer.parseInt(head[0].split(" ")[1]), headers, content);
        }
    }

    /** The response's head, up to the blank line that ends it. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended in the response's head: " + head);
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1).strip();
    }
}
