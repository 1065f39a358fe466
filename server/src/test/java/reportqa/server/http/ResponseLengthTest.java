package reportqa.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reportqa.server.TestServer;
import reportqa.server.config.ServerConfig;

/**
 * An answer goes out whole, with its length, as the wire shows it: sent in chunks, a 9-KB answer took
 * two writes to the socket instead of one (the server's output was committed before the answer was
 * all written), each a system call and a wake-up of the client.
 */
class ResponseLengthTest {

    private static final String QUESTION = "{\"question\": \"Sora 能生成多长的视频？\"}";

    /** A response as read from the socket: status, headers (lower-cased names) and body bytes. */
    private record Raw(int status, Map<String, String> headers, byte[] body) {}

    @Test
    void anAnswerIsSentWithItsLengthNotInChunksCompressedOrNot() throws Exception {
        TestServer.test(ServerConfig.defaults(), TestServer.seedCorpus(), null, (qa, client) -> {
            URI base = URI.create(client.base());
            for (String encoding : new String[] {"identity", "gzip"}) {
                Raw r = post(base, "/api/ask", QUESTION, encoding);
                assertEquals(200, r.status(), encoding);
                assertNull(r.headers().get("transfer-encoding"), encoding + ": " + r.headers());
                assertEquals(Integer.toString(r.body().length), r.headers().get("content-length"), encoding);
                // Larger than a write buffer's worth of JSON (8 KB): the case that went out in chunks.
                assertTrue(encoding.equals("gzip") || r.body().length > 8192, "answer of " + r.body().length);
            }
            assertEquals(
                    "gzip", post(base, "/api/ask", QUESTION, "gzip").headers().get("content-encoding"));
        });
    }

    /** A POST over a socket of its own (Connection: close), read to its end. */
    private static Raw post(URI base, String path, String json, String acceptEncoding) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(
                    ("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                                    + "Accept-Encoding: " + acceptEncoding + "\r\nContent-Length: " + body.length
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            byte[] bytes = all.toByteArray();
            int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String[] head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(
                        head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        head[i].substring(colon + 1).strip());
            }
            return new Raw(
                    Integer.parseInt(head[0].split(" ")[1]), headers, Arrays.copyOfRange(bytes, end + 4, bytes.length));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no end of the response's head");
    }
}
