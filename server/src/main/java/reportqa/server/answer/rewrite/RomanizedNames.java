package reportqa.server.answer.rewrite;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * The people of the library named in pinyin, as an English question names them ("What's Wang
 * Meiqing's SAC number?", "Ma Xiao SAC cert no.?"), written in Chinese as the reports write them
 * (王梅卿, 马笑): every later stage matches names as the reports write them. Surname first or last,
 * the given name's syllables joined, hyphenated or apart, any case; a name is matched whole, surname
 * and given name both, so that a lone syllable (Ma, Min) never stands for anyone.
 */
public final class RomanizedNames {

    /** Spellings of a part of a name beyond which its readings are not all tried (多音字 are rare in names). */
    private static final int MAX_SPELLINGS = 8;

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    /**
     * A person's name and the readings of its first and last characters: a text the pattern of its
     * spellings matches holds one of each (the pattern spells every character with one of its
     * readings, ASCII case ignored), so a text holding none is not tried.
     */
    private record Spelled(String name, Set<String> first, Set<String> last) {

        /** Whether the pattern may match a text, {@code held} telling which syllables the text holds. */
        boolean mayMatch(Map<String, Boolean> held, String lowerCase) {
            return holdsAny(first, held, lowerCase) && holdsAny(last, held, lowerCase);
        }

        private static boolean holdsAny(Set<String> syllables, Map<String, Boolean> held, String lowerCase) {
            for (String r : syllables) {
                if (held.computeIfAbsent(r, lowerCase::contains)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The spellings of one state of the people list (the list the supplier hands out is replaced on refresh). */
    private record Spellings(Collection<String> people, List<Spelled> spelled) {}

    private final Supplier<? extends Collection<String>> people;
    private volatile Spellings spellings;

    /** @param people the people the library's reports name, in Chinese */
    public RomanizedNames(Supplier<? extends Collection<String>> people) {
        this.people = people;
    }

    /**
     * The text with each library person named in pinyin written in Chinese; the text itself when none
     * is. A spelling two people share (Zhang Wei: 张伟, 张薇) is left as written: which one is meant is
     * not for this stage to guess. In a text with capitals, a name is written with them (Ma Xiao, not
     * "can he"): only an all lower-case text is read without.
     */
    public String inChinese(String text) {
        // Only a text with Latin letters can name anyone in pinyin.
        if (text.chars().noneMatch(c -> c < 128 && Character.isLetter(c))) {
            return text;
        }
        boolean capitals = text.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
        // Where each person's spelling is found: spans found for two people are nobody's.
        Map<String, String> nameAt = new HashMap<>();
        Set<String> shared = new HashSet<>();
        List<int[]> spans = new ArrayList<>();
        // A library of 10,000 reports names thousands of people: matching each one's pattern took 40%
        // of an answer's time; a name is tried only when the text holds a reading of its first and
        // last characters (the order of those tried, and so which name a span goes to, is unchanged).
        String lowerCase = text.toLowerCase(Locale.ROOT);
        Map<String, Boolean> held = new HashMap<>();
        for (Spelled s : spelled()) {
            if (!s.mayMatch(held, lowerCase)) {
                continue;
            }
            Matcher m = patternOf(s.name()).matcher(text);
            while (m.find()) {
                if (capitals && !capitalised(m.group())) {
                    continue;
                }
                String key = m.start() + ":" + m.end();
                String before = nameAt.putIfAbsent(key, s.name());
                if (before == null) {
                    spans.add(new int[] {m.start(), m.end()});
                } else if (!before.equals(s.name())) {
                    shared.add(key);
                }
            }
        }
        spans.sort((a, b) -> a[0] - b[0]);
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int[] span : spans) {
            String key = span[0] + ":" + span[1];
            if (span[0] < at || shared.contains(key)) {
                continue;
            }
            out.append(text, at, span[0]).append(nameAt.get(key));
            at = span[1];
        }
        return out.append(text.substring(at)).toString();
    }

    /** Whether each word of a spelling begins with a capital (Wang Meiqing, WANG Mei-qing). */
    private static boolean capitalised(String spelling) {
        for (String word : spelling.split("[\\s,]+")) {
            if (!word.isEmpty() && !Character.isUpperCase(word.charAt(0))) {
                return false;
            }
        }
        return true;
    }

    private List<Spelled> spelled() {
        Collection<String> now = people.get();
        Spellings cached = spellings;
        if (cached != null && cached.people() == now) {
            return cached.spelled();
        }
        List<Spelled> out = new ArrayList<>();
        for (String name : now) {
            if (spellable(name)) {
                out.add(new Spelled(name, readings(name.charAt(0)), readings(name.charAt(name.length() - 1))));
            }
        }
        // Longer names first: 欧阳明 before a 明 someone else might be.
        out.sort((a, b) -> b.name().length() - a.name().length());
        spellings = new Spellings(now, List.copyOf(out));
        return out;
    }

    /** Whether a name is two to four Chinese characters: the names spelled in pinyin. */
    private static boolean spellable(String name) {
        return name.length() >= 2
                && name.length() <= 4
                && name.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    /**
     * The pattern of a spellable name, compiled when first tried: a library of 10,000 reports names
     * thousands of people, and compiling every one's pattern at the first English question took a
     * second of a start (the names a question may name are a handful). Kept by name across states of
     * the library.
     */
    private Pattern patternOf(String name) {
        return patterns.computeIfAbsent(name, n -> pattern(n).orElseThrow());
    }

    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /**
     * The pattern of a Chinese name's pinyin spellings, surname first or last, or empty for a name
     * that is not two to four Chinese characters.
     */
    static Optional<Pattern> pattern(String name) {
        if (!spellable(name)) {
            return Optional.empty();
        }
        // A four-character name has a two-character surname (欧阳, 司马); a three-character one may
        // (欧阳明) or may not (王梅卿): both readings are spelled; a two-character one has one.
        List<String> alternatives = new ArrayList<>();
        for (int surname = name.length() == 4 ? 2 : 1; surname <= Math.min(2, name.length() - 1); surname++) {
            List<String> family = syllables(name.substring(0, surname));
            List<String> given = syllables(name.substring(surname));
            if (family.isEmpty() || given.isEmpty()) {
                continue;
            }
            String f = "(?:" + String.join("|", family) + ")";
            String g = "(?:" + String.join("|", given) + ")";
            alternatives.add(f + "[\\s,]+" + g);
            alternatives.add(g + "[\\s,]+" + f);
        }
        if (alternatives.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Pattern.compile(
                "(?<![A-Za-z])(?:" + String.join("|", alternatives) + ")(?![A-Za-z])", Pattern.CASE_INSENSITIVE));
    }

    /**
     * The spellings of a run of characters, each syllable a pattern, joined as they may be written:
     * together, hyphenated or apart (meiqing, Mei-qing, Mei Qing).
     */
    private static List<String> syllables(String chars) {
        List<String> spellings = List.of("");
        for (int i = 0; i < chars.length(); i++) {
            Set<String> readings = readings(chars.charAt(i));
            if (readings.isEmpty()) {
                return List.of();
            }
            List<String> next = new ArrayList<>();
            combine:
            for (String before : spellings) {
                for (String r : readings) {
                    if (next.size() >= MAX_SPELLINGS) {
                        break combine;
                    }
                    next.add(before.isEmpty() ? Pattern.quote(r) : before + "[\\s-]?" + Pattern.quote(r));
                }
            }
            spellings = next;
        }
        return spellings;
    }

    /**
     * The readings of each character asked about so far. A library's people share their surnames and
     * many of their given names' characters, and pinyin4j formats a character's readings anew at
     * each call: at 10,000 reports, the first question with a pinyin name spent most of a second there.
     */
    private static final Map<Character, Set<String>> READINGS = new ConcurrentHashMap<>();

    private static Set<String> readings(char c) {
        return READINGS.computeIfAbsent(c, RomanizedNames::readingsOf);
    }

    private static Set<String> readingsOf(char c) {
        try {
            String[] r = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            Set<String> out = new LinkedHashSet<>();
            if (r != null) {
                for (String s : r) {
                    // ü is written u or v in a romanized name (Lü, Lu, Lv).
                    out.add(s.toLowerCase(Locale.ROOT));
                    if (s.contains("v")) {
                        out.add(s.replace('v', 'u'));
                    }
                }
            }
            return Collections.unmodifiableSet(out);
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            // The format above is a valid combination: this cannot happen, and a name without a spelling is not
            // matched.
            throw new IllegalStateException(e);
        }
    }
}
