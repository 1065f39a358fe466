package reportqa.server.mcp;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.search.SearchMode;
import reportqa.retrieval.text.TextCleaner;

/**
 * A tool call's arguments, read and checked: every accessor either returns a valid value or throws
 * {@link ToolArgumentException} naming the argument and what it must be. An agent reads the message
 * and calls again; nothing it sends reaches the library unchecked.
 */
final class ToolArguments {

    private final Map<String, Object> args;

    ToolArguments(Map<String, Object> args) {
        this.args = args == null ? Map.of() : args;
    }

    /** A text argument that must be there and readable, of at most {@code max} characters. */
    String requiredText(String name, int max) {
        String text = optionalText(name, max);
        if (text == null || text.isEmpty()) {
            throw new ToolArgumentException(name + " is required and must be a non-empty string");
        }
        return text;
    }

    /** A text argument, or null when absent. */
    String optionalText(String name, int max) {
        Object v = args.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new ToolArgumentException(name + " must be a string");
        }
        String readable = TextCleaner.readable(s);
        if (readable.length() > max) {
            throw new ToolArgumentException(name + " has " + readable.length() + " characters; at most " + max);
        }
        return readable;
    }

    /** A whole-number argument between {@code min} and {@code max}, or {@code fallback} when absent. */
    int integer(String name, int fallback, int min, int max) {
        Object v = args.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new ToolArgumentException(name + " must be a whole number between " + min + " and " + max);
        }
        double d = n.doubleValue();
        if (d < min || d > max) {
            throw new ToolArgumentException(name + " must be between " + min + " and " + max + ", not " + n);
        }
        return (int) d;
    }

    /** A true/false argument, or {@code fallback} when absent. */
    boolean flag(String name, boolean fallback) {
        Object v = args.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new ToolArgumentException(name + " must be true or false");
        }
        return b;
    }

    /** A list of strings (a single string is a list of one), empty when absent. */
    List<String> strings(String name, int maxItems) {
        Object v = args.get(name);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof String s) {
            out.add(s.strip());
            return out;
        }
        if (!(v instanceof List<?> list)) {
            throw new ToolArgumentException(name + " must be an array of strings");
        }
        if (list.size() > maxItems) {
            throw new ToolArgumentException(name + " has " + list.size() + " items; at most " + maxItems);
        }
        for (Object x : list) {
            if (!(x instanceof String s)) {
                throw new ToolArgumentException(name + " must be an array of strings");
            }
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** A date argument ({@code 2024-03-19}), or null when absent. */
    LocalDate date(String name) {
        String s = optionalText(name, 10);
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new ToolArgumentException(name + " must be a date like 2024-03-19, not '" + s + "'");
        }
    }

    /** The retrieval mode ({@code bm25}, {@code dense}, {@code hybrid}), hybrid when absent. */
    SearchMode mode() {
        String m = optionalText("mode", 20);
        if (m == null || m.isEmpty()) {
            return SearchMode.DEFAULT;
        }
        try {
            return SearchMode.parse(m);
        } catch (IllegalArgumentException e) {
            throw new ToolArgumentException(e.getMessage());
        }
    }

    /** The filters {@code brokers}, {@code from}, {@code to}, {@code reports} (whether the library has them is checked by the library). */
    SearchFilters filters() {
        LocalDate from = date("from");
        LocalDate to = date("to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new ToolArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        Set<String> brokers = new LinkedHashSet<>(strings("brokers", 50));
        Set<String> reports = new LinkedHashSet<>(strings("reports", 200));
        return new SearchFilters(brokers, from, to, reports, false);
    }

    /** A name no tool knows: told, rather than ignored, so that a misspelt filter is not silently dropped. */
    void onlyKnown(Set<String> known) {
        for (String name : args.keySet()) {
            if (!known.contains(name)) {
                throw new ToolArgumentException("unknown argument '" + name + "'; this tool takes " + known);
            }
        }
    }
}
