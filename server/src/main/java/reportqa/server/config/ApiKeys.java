package reportqa.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The keys that open the API ({@code api.keys}); none means the API is open. Only a SHA-256 digest
 * of each key is kept, so no field, log line or {@link #toString()} can ever hold a key, and a
 * presented key is compared digest to digest: the comparison takes the same time whatever the key's
 * length and however much of it is right.
 */
public final class ApiKeys {

    /** No key: the API is open. */
    public static final ApiKeys NONE = new ApiKeys(List.of());

    /** The shortest key accepted: a guessable key is no key. */
    public static final int MIN_LENGTH = 16;

    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    /**
     * The keys of a comma-separated list (blank entries ignored). A key must be at least
     * {@value #MIN_LENGTH} characters of visible ASCII (what an {@code Authorization} header can
     * carry); the message for one that is not names its place in the list, never the key.
     */
    public static ApiKeys parse(String commaSeparated) {
        String setting = ConfigKey.API_KEYS.key() + " (" + ConfigKey.API_KEYS.env() + "): key ";
        return of(List.of(commaSeparated.split(",", -1)), place -> setting + place);
    }

    /**
     * The keys of a key file's lines: one key a line; blank lines and lines starting with {@code #}
     * ignored. The message for a bad key names the file and line, never the key.
     *
     * @param file how to name the file in a message
     */
    public static ApiKeys ofLines(List<String> lines, String file) {
        List<String> entries = new ArrayList<>();
        for (String line : lines) {
            entries.add(line.strip().startsWith("#") ? "" : line);
        }
        return of(entries, place -> file + ", line " + place);
    }

    private static ApiKeys of(List<String> entries, IntFunction<String> where) {
        List<byte[]> digests = new ArrayList<>();
        int place = 0;
        for (String entry : entries) {
            String key = entry.strip();
            place++;
            if (key.isEmpty()) {
                continue;
            }
            if (key.length() < MIN_LENGTH) {
                throw new ConfigException(where.apply(place) + " is " + key.length() + " characters; use at least "
                        + MIN_LENGTH + " (e.g. openssl rand -hex 24)");
            }
            if (!key.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
                throw new ConfigException(where.apply(place) + " may hold visible ASCII characters only (no spaces)");
            }
            digests.add(digest(key));
        }
        return digests.isEmpty() ? NONE : new ApiKeys(digests);
    }

    /** These keys and {@code more}'s: {@link #match} numbers this list's first. */
    public ApiKeys and(ApiKeys more) {
        if (more.isEmpty()) {
            return this;
        }
        List<byte[]> all = new ArrayList<>(digests);
        all.addAll(more.digests);
        return new ApiKeys(all);
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    public int size() {
        return digests.size();
    }

    /**
     * Which key {@code presented} is (0 for the first), or -1 for none (or null). Every key is
     * compared, whichever matches, so the time taken says nothing about which one did.
     */
    public int match(String presented) {
        if (presented == null) {
            return -1;
        }
        byte[] d = digest(presented);
        int found = -1;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), d) && found < 0) {
                found = i;
            }
        }
        return found;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** How many keys, never a key. */
    @Override
    public String toString() {
        return digests.isEmpty() ? "(none)" : "(" + digests.size() + (digests.size() == 1 ? " key)" : " keys)");
    }
}
