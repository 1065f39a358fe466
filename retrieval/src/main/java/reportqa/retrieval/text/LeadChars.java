package reportqa.retrieval.text;

import java.util.BitSet;
import java.util.regex.Pattern;

/**
 * The characters a match of a regular expression can begin with, read from the expression's text:
 * a text holding none of them has no match, and the expression need not be run on it.
 *
 * <p>Why: the answer path asks a question some hundred patterns, most of them long alternations of
 * words ({@code 电话|总机|联系方式|…|(?i:\bphone\b|…)}). Java's matcher tries every alternative at
 * every position of the question, and each {@code \b} asks the character tables twice at each: on
 * the load profile of {@code /api/ask} 40% of the samples were there, nearly all of them on
 * questions that hold none of the characters the words begin with. Looking the question's
 * characters up in a set first costs a few nanoseconds a character.
 *
 * <p>The set is a superset: it may hold characters no match begins with, never miss one. Whatever
 * the reading does not understand makes it give up ({@link #any}): a quoted section, a back
 * reference, a class with an intersection or a negation, Unicode case folding, comments mode, a
 * character outside the Basic Multilingual Plane, an expression that can match the empty text.
 * ASCII letters count in both cases, so that {@code (?i)} needs no tracking.
 */
public final class LeadChars {

    private static final int UNICODE_FLAGS = Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
    private static final int UNREAD_FLAGS = UNICODE_FLAGS | Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ;

    /** Every character: the expression was not understood, or can begin with anything. */
    private static final LeadChars ANY = new LeadChars(null);

    /** Null for any character. */
    private final BitSet chars;

    private LeadChars(BitSet chars) {
        this.chars = chars;
    }

    /** The characters a match of {@code pattern} can begin with ({@link #any} when that cannot be told). */
    public static LeadChars of(Pattern pattern) {
        if ((pattern.flags() & UNREAD_FLAGS) != 0) {
            return ANY;
        }
        try {
            Reader r = new Reader(pattern.pattern());
            Lead lead = r.alternation();
            if (r.at != r.text.length() || lead.empty() || lead.chars() == null) {
                return ANY;
            }
            return new LeadChars(lead.chars());
        } catch (Unread e) {
            return ANY;
        }
    }

    /** Whether any character may begin a match: the set tells nothing. */
    public boolean any() {
        return chars == null;
    }

    /** Whether a match may begin with {@code c}. */
    public boolean mayBegin(char c) {
        return chars == null || chars.get(c);
    }

    /** False only when no match of the expression can be found in {@code text}. */
    public boolean mayMatchIn(CharSequence text) {
        if (chars == null) {
            return true;
        }
        for (int i = 0, n = text.length(); i < n; i++) {
            if (chars.get(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a piece of an expression can begin with. {@code chars} null is any character;
     * {@code empty} says the piece can match the empty text, so that what follows it can begin a
     * match too.
     */
    private record Lead(BitSet chars, boolean empty) {

        static final Lead NOTHING = new Lead(new BitSet(), true);

        static Lead anyChar() {
            return new Lead(null, false);
        }

        static Lead of(BitSet chars) {
            return new Lead(chars, false);
        }

        /** This piece followed by {@code next}. */
        Lead then(Lead next) {
            if (!empty) {
                return this;
            }
            return new Lead(union(chars, next.chars), next.empty);
        }

        /** This piece or {@code other}. */
        Lead or(Lead other) {
            return new Lead(union(chars, other.chars), empty || other.empty);
        }

        Lead optional() {
            return new Lead(chars, true);
        }

        private static BitSet union(BitSet a, BitSet b) {
            if (a == null || b == null) {
                return null;
            }
            BitSet out = (BitSet) a.clone();
            out.or(b);
            return out;
        }
    }

    /** The expression's text is not one this reading understands. */
    private static final class Unread extends Exception {
        Unread() {
            super(null, null, false, false);
        }
    }

    /** A recursive-descent reading of the expression's text, from {@link #at}. */
    private static final class Reader {
        final String text;
        int at;

        Reader(String text) {
            this.text = text;
        }

        /** Branches separated by {@code |}, up to a {@code )} or the end. */
        Lead alternation() throws Unread {
            Lead out = branch();
            while (at < text.length() && text.charAt(at) == '|') {
                at++;
                out = out.or(branch());
            }
            return out;
        }

        private Lead branch() throws Unread {
            Lead out = Lead.NOTHING;
            while (at < text.length() && text.charAt(at) != '|' && text.charAt(at) != ')') {
                Lead atom = quantified(atom());
                out = out.then(atom);
            }
            return out;
        }

        /** The atom read just before, with the quantifier that follows it, if any. */
        private Lead quantified(Lead atom) throws Unread {
            if (at >= text.length()) {
                return atom;
            }
            char c = text.charAt(at);
            Lead out = atom;
            if (c == '?' || c == '*') {
                at++;
                out = atom.optional();
            } else if (c == '+') {
                at++;
            } else if (c == '{') {
                int close = text.indexOf('}', at);
                if (close < 0) {
                    throw new Unread();
                }
                String bounds = text.substring(at + 1, close);
                if (!bounds.matches("\\d+(,\\d*)?")) {
                    throw new Unread();
                }
                at = close + 1;
                if (Integer.parseInt(bounds.split(",", -1)[0]) == 0) {
                    out = atom.optional();
                }
            } else {
                return atom;
            }
            // A lazy or possessive quantifier: the same characters.
            if (at < text.length() && (text.charAt(at) == '?' || text.charAt(at) == '+')) {
                at++;
            }
            return out;
        }

        private Lead atom() throws Unread {
            char c = text.charAt(at);
            if (Character.isSurrogate(c)) {
                throw new Unread();
            }
            switch (c) {
                case '(':
                    return group();
                case '[':
                    return Lead.of(characterClass());
                case '.':
                    at++;
                    return Lead.anyChar();
                case '^':
                case '$':
                    at++;
                    return Lead.NOTHING;
                case '\\':
                    return escape();
                case '*':
                case '+':
                case '?':
                case '{':
                    throw new Unread();
                default:
                    at++;
                    return Lead.of(literal(c));
            }
        }

        private Lead group() throws Unread {
            at++; // (
            boolean lookaround = false;
            if (text.startsWith("?", at)) {
                if (text.startsWith("?:", at) || text.startsWith("?>", at)) {
                    at += 2;
                } else if (text.startsWith("?=", at) || text.startsWith("?!", at)) {
                    at += 2;
                    lookaround = true;
                } else if (text.startsWith("?<=", at) || text.startsWith("?<!", at)) {
                    at += 3;
                    lookaround = true;
                } else if (text.startsWith("?<", at)) {
                    int close = text.indexOf('>', at);
                    if (close < 0) {
                        throw new Unread();
                    }
                    at = close + 1;
                } else {
                    // Inline flags, (?i) or (?i:…): only case-insensitivity and its like are read.
                    int end = at + 1;
                    while (end < text.length() && text.charAt(end) != ')' && text.charAt(end) != ':') {
                        char f = text.charAt(end);
                        if (f == 'u' || f == 'U' || f == 'x') {
                            throw new Unread();
                        }
                        end++;
                    }
                    if (end >= text.length()) {
                        throw new Unread();
                    }
                    at = end + 1;
                    if (text.charAt(end) == ')') {
                        return Lead.NOTHING;
                    }
                }
            }
            Lead inside = alternation();
            if (at >= text.length() || text.charAt(at) != ')') {
                throw new Unread();
            }
            at++;
            // A lookaround reads no character: what follows it begins the match.
            return lookaround ? Lead.NOTHING : inside;
        }

        private Lead escape() throws Unread {
            if (at + 1 >= text.length()) {
                throw new Unread();
            }
            char e = text.charAt(at + 1);
            at += 2;
            switch (e) {
                case 'b':
                case 'B':
                case 'A':
                case 'z':
                case 'Z':
                    return Lead.NOTHING;
                case 'G':
                    // The end of the last match: a try at another position would find one find() does not.
                    throw new Unread();
                case 'd':
                case 'w':
                case 's':
                    return Lead.of(named(e));
                case 't':
                    return Lead.of(one('\t'));
                case 'n':
                    return Lead.of(one('\n'));
                case 'r':
                    return Lead.of(one('\r'));
                case 'f':
                    return Lead.of(one('\f'));
                default:
                    if (Character.isLetterOrDigit(e)) {
                        // A property, a code point, a back reference, a quoted section and the rest: not read.
                        throw new Unread();
                    }
                    return Lead.of(literal(e));
            }
        }

        /** A class: its characters, if it names them (a range, a letter, \d \w \s); else unread. */
        private BitSet characterClass() throws Unread {
            at++; // [
            if (at < text.length() && text.charAt(at) == '^') {
                throw new Unread();
            }
            BitSet out = new BitSet();
            boolean first = true;
            while (true) {
                if (at >= text.length()) {
                    throw new Unread();
                }
                char c = text.charAt(at);
                if (c == ']' && !first) {
                    at++;
                    return out;
                }
                first = false;
                if (c == '[' || text.startsWith("&&", at) || Character.isSurrogate(c)) {
                    throw new Unread();
                }
                char from;
                if (c == '\\') {
                    if (at + 1 >= text.length()) {
                        throw new Unread();
                    }
                    char e = text.charAt(at + 1);
                    at += 2;
                    if (e == 'd' || e == 'w' || e == 's') {
                        out.or(named(e));
                        continue;
                    }
                    if (Character.isLetterOrDigit(e)) {
                        throw new Unread();
                    }
                    from = e;
                } else {
                    from = c;
                    at++;
                }
                if (at + 1 < text.length() && text.charAt(at) == '-' && text.charAt(at + 1) != ']') {
                    char to = text.charAt(at + 1);
                    if (to == '\\' || to == '[' || Character.isSurrogate(to) || to < from) {
                        throw new Unread();
                    }
                    at += 2;
                    // Set as a range: a character at a time, a class of all Chinese characters
                    // ([\u4e00-\u9fa5]) made twenty thousand sets, and the start waited on them.
                    out.set(from, to + 1);
                    for (char x = (char) Math.max(from, 'A'); x <= Math.min(to, 'z'); x++) {
                        addLiteral(out, x);
                    }
                } else {
                    addLiteral(out, from);
                }
            }
        }

        private static BitSet named(char e) {
            BitSet out = new BitSet();
            switch (e) {
                case 'd' -> out.set('0', '9' + 1);
                case 'w' -> {
                    out.set('0', '9' + 1);
                    out.set('a', 'z' + 1);
                    out.set('A', 'Z' + 1);
                    out.set('_');
                }
                default -> {
                    // Java's \s without UNICODE_CHARACTER_CLASS: [ \t\n\x0B\f\r].
                    for (char s : new char[] {' ', '\t', '\n', 0x0B, '\f', '\r'}) {
                        out.set(s);
                    }
                }
            }
            return out;
        }

        private static BitSet one(char c) {
            BitSet out = new BitSet();
            out.set(c);
            return out;
        }

        /** A character, and its other case when it is an ASCII letter ((?i) matches either). */
        private static BitSet literal(char c) {
            BitSet out = new BitSet();
            addLiteral(out, c);
            return out;
        }

        /** Adds {@link #literal}'s characters to {@code out}. */
        private static void addLiteral(BitSet out, char c) {
            out.set(c);
            if (c < 128 && Character.isLetter(c)) {
                out.set(Character.toLowerCase(c));
                out.set(Character.toUpperCase(c));
            }
        }
    }
}
