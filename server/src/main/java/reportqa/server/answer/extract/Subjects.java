package reportqa.server.answer.extract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;

/**
 * What a question is about by name, and whether a sentence is about it: the Latin-script names it
 * writes (Sora, Kimi, OpenAI) and the people of the library it names (陈旻, 钱劲宇). A sentence that
 * answers must be about them, or a fact of one thing is given as a fact of another (Etna's 60 FPS as
 * Sora's frame rate, 王梅卿's joining year as 钱劲宇's).
 *
 * <p>A sentence often leaves its subject to the sentence before ("…Sora 后，…。3 月 5 日，Etna
 * 发布…"), so a name counts when it is written earlier in the same paragraph, just before the
 * sentence (the analyst's name above the contact lines of a header block), or in the report's title or
 * the passage's section heading; but when the sentence names a subject of its own that the question
 * does not, only the sentence itself counts.
 *
 * @param names the names the question is about, as the question writes them
 * @param authorsOf the analysts and assistants of a report, by report id (looked up only when a
 *     question names someone or something)
 * @param namesAnswer whether a name in a sentence may be the answer (谁猜测…: Jim Fan), not a subject
 *     of the sentence's own
 * @param specs the sizes and specs the question writes (1080p, 4K, 512x512): not subjects, but a
 *     sentence about another one (1.55 倍 for 512x512 training) does not answer a question about
 *     this one, so the sentence or what stands just before it must write them
 * @param authorsSpeak whether an analyst the question names stands for the report they wrote (陈旻那篇
 *     周报讲了什么): then any sentence of that report is about them; not in a question about the
 *     person (倪爽哪一年加入华金), which only a sentence naming them answers
 */
record Subjects(
        List<String> names,
        Function<String, List<String>> authorsOf,
        boolean namesAnswer,
        List<String> specs,
        boolean authorsSpeak) {

    /** Words that make a named analyst stand for their report (answer-types.json, authorWork). */
    private static final Pattern AUTHOR_WORK = Pattern.compile(Resources.json("/reportqa/answer-types.json")
            .path("authorWork")
            .path("pattern")
            .asText());

    /** A size or resolution: 1080p, 4K, 512x512. */
    private static final Pattern SPEC =
            Pattern.compile("(?<![A-Za-z0-9.])(?:\\d+\\s*[x×*]\\s*\\d+|\\d+[KkPp])(?![A-Za-z0-9])");

    /** How far before a sentence a name still counts (an analyst's name above their contact lines). */
    private static final int BEFORE_CHARS = 60;

    Subjects {
        names = List.copyOf(names);
        specs = List.copyOf(specs);
    }

    /**
     * Reads a question.
     *
     * @param passages the retrieved passages, which show how the library writes a name the question
     *     writes otherwise
     * @param people the people the library's reports name (analysts, assistants)
     * @param authorsOf the people of one report, by report id
     */
    static Subjects of(
            String question, String passages, Collection<String> people, Function<String, List<String>> authorsOf) {
        List<String> out = new ArrayList<>();
        List<String> specs = new ArrayList<>();
        for (String n : Answerability.names(question, passages)) {
            if (isEntity(n)) {
                out.add(n);
            }
        }
        Matcher spec = SPEC.matcher(question);
        while (spec.find()) {
            specs.add(spec.group());
        }
        for (String p : people) {
            if (!p.isBlank() && question.contains(p)) {
                out.add(p);
            }
        }
        return new Subjects(
                out, authorsOf, false, specs, AUTHOR_WORK.matcher(question).find());
    }

    /** These subjects for a question that asks for a person: a name in a sentence may be the answer. */
    Subjects askingForAName() {
        return new Subjects(names, authorsOf, true, specs, authorsSpeak);
    }

    /**
     * Whether a Latin-script name names a thing rather than a measure or a category: not a size or
     * spec with at most one letter (512x512, 4K, 1080p), not a plural acronym (LLMs, GPUs).
     */
    private static boolean isEntity(String name) {
        return name.replaceAll("[^A-Za-z]", "").length() > 1 && !name.matches("[A-Z]{2,}s");
    }

    /**
     * Whether {@code sentence} is about every name of the question.
     *
     * @param around the sentence with what stands before it in its passage ({@link #around})
     * @param heading the report title and section heading of the passage
     * @param reportId the sentence's report
     * @param question the question (a name it writes is not a subject of the sentence's own)
     */
    boolean about(
            String sentence, String around, String heading, String reportId, String question, String reportPassages) {
        if (!specs.isEmpty()) {
            String near = around.toLowerCase(Locale.ROOT).replace(" ", "");
            if (!specs.stream()
                    .allMatch(x -> near.contains(x.toLowerCase(Locale.ROOT).replace(" ", "")))) {
                return false;
            }
        }
        if (names.isEmpty()) {
            return true;
        }
        boolean own = !namesAnswer && ownSubject(sentence, question);
        String where = own ? sentence : around + "\n" + heading;
        // An analyst named in a question often names the report they wrote (陈旻那篇周报…): a sentence
        // of their own report is about what they say, unless it is about another of its people (a
        // co-author's biography).
        List<String> authors = authorsSpeak ? authorsOf.apply(reportId) : List.of();
        boolean aboutAnother = authors.stream().anyMatch(a -> !names.contains(a) && where.contains(a));
        String written = aboutAnother ? where : where + "\n" + String.join("\n", authors);
        String lower = written.toLowerCase(Locale.ROOT);
        return names.stream()
                .allMatch(n -> named(n, written, lower)
                        || Answerability.translated(n, where)
                        || (!own && topicOf(n, reportPassages)));
    }

    /** How often a name must be written in a report's retrieved passages to be what the report is about. */
    static final int TOPIC_MENTIONS = 3;

    /** Whether the report's retrieved passages write {@code name} at least {@link #TOPIC_MENTIONS} times. */
    private static boolean topicOf(String name, String reportPassages) {
        if (reportPassages == null || name.contains(" ")) {
            return false;
        }
        Matcher m = Pattern.compile(
                        "(?<![A-Za-z0-9-])" + Pattern.quote(name) + "(?![A-Za-z0-9-])", Pattern.CASE_INSENSITIVE)
                .matcher(reportPassages);
        int n = 0;
        while (m.find() && ++n < TOPIC_MENTIONS) {}
        return n >= TOPIC_MENTIONS;
    }

    /**
     * Whether {@code text} names {@code name}; a name with a version (Claude 3) is named with that
     * version or bare (Open-Sora for Open-Sora 1.0), not with another one (Claude-100k).
     */
    private static boolean named(String name, String text, String lower) {
        if (!name.contains(" ")) {
            return lower.contains(name.toLowerCase(Locale.ROOT));
        }
        String bare = name.substring(0, name.indexOf(' '));
        return Answerability.versioned(name).matcher(text).find()
                || Pattern.compile(
                                "(?<![A-Za-z0-9])" + Pattern.quote(bare) + "(?![A-Za-z0-9]|[\\s-]*v?\\d|-[A-Za-z0-9])",
                                Pattern.CASE_INSENSITIVE)
                        .matcher(text)
                        .find();
    }

    /**
     * These subjects with the versions the question writes (Claude 3): a sentence about another
     * version (Claude-100k) is not about it.
     *
     * @param versioned names with their version, as {@link Answerability#versionedNames} reads them
     */
    Subjects withVersions(List<String> versioned) {
        List<String> out = new ArrayList<>(names);
        for (String v : versioned) {
            String name = v.substring(0, v.indexOf(' '));
            out.replaceAll(n -> n.equals(name) ? v : n);
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return new Subjects(out, authorsOf, namesAnswer, specs, authorsSpeak);
    }

    /** Whether the sentence names a thing the question does not (Etna, in a question about Sora). */
    private static boolean ownSubject(String sentence, String question) {
        String q = question.toLowerCase(Locale.ROOT);
        // A label ("Tel:", "Email:") names a field of the line, not what it is about; nor does a
        // code's exchange (SZ of 000681.SZ), written as answer-types.json writes a code.
        String unlabelled =
                CODE.matcher(LABEL.matcher(sentence).replaceAll(" ")).replaceAll(" ");
        return Answerability.names(unlabelled).stream()
                .filter(Subjects::isEntity)
                .anyMatch(n -> !q.contains(n.toLowerCase(Locale.ROOT)));
    }

    /** A code (000681.SZ, 0700.HK, NVDA.O, a certificate number), as the code kind of value is written. */
    private static final Pattern CODE = AskedFor.valuePattern(AskedFor.Type.CODE);

    /** The label of a contact field (Tel:, Email:, SAC:): not a name like "Sora：" at a bullet's head. */
    private static final Pattern LABEL = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])(?:Tel|Phone|Fax|Mobile|E-?mail|SAC|Add(?:ress)?|Web(?:site)?)\\s*[:：]");

    /**
     * The sentence's paragraph up to its end, and the few characters before it: where its subject
     * (and a year the question names) may be written.
     */
    static String around(String sentence, String passage) {
        String s = sentence.strip();
        int at = passage.indexOf(s);
        if (at < 0) {
            return sentence;
        }
        int paragraph = passage.lastIndexOf('\n', at) + 1;
        int from = Math.min(paragraph, Math.max(0, at - BEFORE_CHARS));
        return passage.substring(from, at + s.length());
    }
}
