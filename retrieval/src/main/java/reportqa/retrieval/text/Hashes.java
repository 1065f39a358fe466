package reportqa.retrieval.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests in hex: content hashes of files and passages, and short folder tags. */
public final class Hashes {

    private Hashes() {}

    /** A new SHA-256 digest (every JVM has one, so this never fails). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The SHA-256 of the UTF-8 text, in lower-case hex. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The first {@code bytes} bytes of the SHA-256 of the UTF-8 text, in hex. */
    public static String sha256Prefix(String text, int bytes) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)), 0, bytes);
    }
}
