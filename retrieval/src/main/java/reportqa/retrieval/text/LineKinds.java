package reportqa.retrieval.text;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How much of a text stands in page furniture, by kind ({@link NoiseLines#kind}): its non-blank
 * characters, and how many of them are in lines of each kind. Classified once, when a passage is
 * indexed, and stored with it: classifying the lines of every candidate at search time was a tenth
 * of a BM25 search at 333,920 passages, nearly every line new to the memo (BENCHMARKS.md).
 *
 * @param chars the non-blank characters of the text (each line stripped)
 * @param byKind characters in lines of each kind; kinds with none are absent
 */
public record LineKinds(int chars, Map<String, Integer> byKind) {

    public LineKinds {
        if (chars < 0) {
            throw new IllegalArgumentException("chars must not be negative");
        }
        byKind = Map.copyOf(byKind);
    }

    /** The lines of {@code text} classified. */
    public static LineKinds of(String text) {
        int all = 0;
        Map<String, Integer> kinds = new TreeMap<>();
        for (String line : text.split("\n")) {
            int n = line.strip().length();
            if (n == 0) {
                continue;
            }
            all += n;
            Optional<String> kind = NoiseLines.kind(line);
            if (kind.isPresent()) {
                kinds.merge(kind.get(), n, Integer::sum);
            }
        }
        return new LineKinds(all, kinds);
    }

    /** Characters in lines of {@code kind}. */
    public int charsOf(String kind) {
        return byKind.getOrDefault(kind, 0);
    }

    /**
     * As stored in the index: {@code rules|chars;kind=n;kind=n}, where rules is {@link
     * NoiseLines#rulesVersion} (kinds are words without those signs).
     */
    public String encoded() {
        StringBuilder b =
                new StringBuilder(NoiseLines.rulesVersion()).append('|').append(chars);
        new TreeMap<>(byKind)
                .forEach((k, v) -> b.append(';').append(k).append('=').append(v));
        return b.toString();
    }

    /**
     * Reads {@link #encoded()}; empty for text that is not, and for kinds classified under other
     * rules than today's (an index written before the field existed stores none).
     */
    public static Optional<LineKinds> decode(String stored) {
        String prefix = NoiseLines.rulesVersion() + "|";
        if (stored == null || !stored.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            String[] parts = stored.substring(prefix.length()).split(";");
            Map<String, Integer> kinds = new TreeMap<>();
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq <= 0) {
                    return Optional.empty();
                }
                kinds.put(parts[i].substring(0, eq), Integer.parseInt(parts[i].substring(eq + 1)));
            }
            return Optional.of(new LineKinds(Integer.parseInt(parts[0]), kinds));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
