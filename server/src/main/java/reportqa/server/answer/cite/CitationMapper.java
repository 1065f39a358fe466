package reportqa.server.answer.cite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.text.Sentences;
import reportqa.server.answer.Citation;
import reportqa.server.answer.Source;
import reportqa.server.answer.Terms;

/**
 * Stage 4 of an answer: turns the citation markers of a generated answer into checked citations: {@code [1,2]},
 * {@code [1][2]}, {@code 【1】} and {@code [1-3]} become {@code [n]} markers; numbers that match no
 * passage are dropped; the cited passages are renumbered in order of first use; a citation whose
 * sentence shares no content with the passage is flagged unsupported.
 */
public final class CitationMapper {

    /** {@code [1]}, {@code [1, 2]}, {@code [1，2]}, {@code [1-3]}, in any bracket style. */
    private static final Pattern GROUP =
            Pattern.compile("[\\[【［〔]\\s*(\\d{1,3}(?:\\s*(?:[,，、;；]|-|–|~)\\s*\\d{1,3})*)\\s*[\\]】］〕]");

    private static final Pattern MARK = Pattern.compile("\\[(\\d{1,3})]");
    /** Markers at the start of a sentence: they belong to the sentence before ({@code …视频。[1]}). */
    private static final Pattern LEADING_MARKS = Pattern.compile("^(?:\\s*\\[\\d{1,3}])+");

    /** The checked answer. */
    public record Mapped(String text, List<Citation> citations) {}

    /**
     * @param raw the model's (or extractive) answer text
     * @param sources the passages it was given, numbered 1..n in this order
     */
    public Mapped map(String raw, List<Source> sources) {
        Renumbered r = renumber(raw, sources.size());
        String text = tidy(r.text()).strip();
        Map<Integer, Integer> renumber = r.numbers();
        Set<Integer> unsupported = unsupported(text, renumber, sources);
        List<Citation> citations = new ArrayList<>();
        renumber.forEach((given, n) -> citations.add(Citation.of(n, sources.get(given - 1), unsupported.contains(n))));
        return new Mapped(text, citations);
    }

    /**
     * A text with its markers numbered by first use.
     *
     * @param numbers each number the text gave (1..count) → the number it has now, in order of first use
     */
    record Renumbered(String text, Map<Integer, Integer> numbers) {}

    /**
     * Every marker group written {@code [n]} and numbered by first use; a number that names none of the
     * {@code count} passages dropped. {@link StreamingCitations} numbers a text still being written the
     * same way, so the numbers a reader sees never change.
     */
    static Renumbered renumber(String raw, int count) {
        Map<Integer, Integer> numbers = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        appendNumbered(normalizeGroups(raw), count, numbers, "", out);
        return new Renumbered(out.toString(), numbers);
    }

    /**
     * Appends {@code normalized} (groups already written {@code [n]}) to {@code out} with each marker
     * numbered by first use, continuing {@code numbers}; a number that names none of the {@code count}
     * passages is dropped, a marker right after the same one ({@code [1][1]} from {@code [1,1]}) said
     * once, looking back past the start of {@code out} into {@code before} (what was written before it).
     */
    static void appendNumbered(
            String normalized, int count, Map<Integer, Integer> numbers, CharSequence before, StringBuilder out) {
        Matcher m = MARK.matcher(normalized);
        int last = 0;
        while (m.find()) {
            out.append(normalized, last, m.start());
            int given = Integer.parseInt(m.group(1));
            if (given >= 1 && given <= count) {
                int n = numbers.computeIfAbsent(given, g -> numbers.size() + 1);
                String marker = "[" + n + "]";
                if (!endsWith(before, out, marker)) {
                    out.append(marker);
                }
            }
            last = m.end();
        }
        out.append(normalized, last, normalized.length());
    }

    /** No space before punctuation (where a dropped marker stood: {@code 引用 [9]。} → {@code 引用。}). */
    static String tidy(String text) {
        return SPACE_BEFORE_PUNCTUATION.matcher(text).replaceAll("$1");
    }

    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("[ \\t]+([。，！？；：,.!?;:])");

    /** Whether {@code before} followed by {@code out} ends with {@code marker}. */
    private static boolean endsWith(CharSequence before, StringBuilder out, String marker) {
        int n = marker.length();
        if (out.length() >= n) {
            return out.substring(out.length() - n).equals(marker);
        }
        String joined = before.subSequence(Math.max(0, before.length() - n), before.length()) + out.toString();
        return joined.endsWith(marker);
    }

    /** Rewrites every bracket group as plain {@code [n]} markers, expanding lists and ranges. */
    static String normalizeGroups(String raw) {
        Matcher m = GROUP.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            StringBuilder marks = new StringBuilder();
            for (String part : m.group(1).split("\\s*[,，、;；]\\s*")) {
                String[] range = part.split("\\s*(?:-|–|~)\\s*");
                int a = Integer.parseInt(range[0]);
                int b = range.length > 1 ? Integer.parseInt(range[1]) : a;
                for (int i = a; i <= Math.min(b, a + 20); i++) {
                    marks.append('[').append(i).append(']');
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(marks.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Citation numbers cited by some sentence that shares no content term with the passage. */
    private static Set<Integer> unsupported(String text, Map<Integer, Integer> renumber, List<Source> sources) {
        Map<Integer, Integer> byNew = new LinkedHashMap<>();
        renumber.forEach((given, n) -> byNew.put(n, given));
        Set<Integer> flagged = new TreeSet<>();
        for (String sentence : citedSentences(text)) {
            Set<String> terms = Terms.of(MARK.matcher(sentence).replaceAll(""));
            Matcher mk = MARK.matcher(sentence);
            while (mk.find()) {
                Integer given = byNew.get(Integer.parseInt(mk.group(1)));
                if (given != null
                        && terms.stream()
                                .noneMatch(Terms.of(sources.get(given - 1).passage())::contains)) {
                    flagged.add(Integer.parseInt(mk.group(1)));
                }
            }
        }
        return flagged;
    }

    /** The answer's sentences, each with the markers that cite it (markers right after an end go with it). */
    static List<String> citedSentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : Sentences.split(text)) {
            Matcher lead = LEADING_MARKS.matcher(s);
            if (lead.find() && !out.isEmpty()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + lead.group());
                s = s.substring(lead.end()).strip();
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
