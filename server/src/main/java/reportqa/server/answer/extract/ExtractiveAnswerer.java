package reportqa.server.answer.extract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.embed.Vectors;
import reportqa.retrieval.search.QuestionWords;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.search.Unmatched;
import reportqa.retrieval.text.NoiseLines;
import reportqa.retrieval.text.Words;
import reportqa.server.answer.Language;
import reportqa.server.answer.Markdown;
import reportqa.server.answer.Pronouns;
import reportqa.server.answer.Source;
import reportqa.server.answer.Terms;

/**
 * Stage 3b of an answer, the answer without a language model: the sentences of the retrieved passages that best answer the
 * question, quoted verbatim, each cited. It abstains when no passage covers what the question asks
 * about, rather than quoting something unrelated.
 *
 * <p>A sentence is scored by how much of the question's content it covers (whole words and numbers
 * weigh more than character bigrams), by how much its passage covers (a sentence often leaves out
 * the subject its paragraph names), by its meaning's closeness to the question (the embedding
 * model, which also carries English questions over Chinese text), and by its passage's rank.
 *
 * <p>Its embedder is not the indexing cache: sentence vectors of one answer are not worth keeping
 * on disk. The application gives it the library's model with a bounded memory of recent sentences
 * instead ({@link reportqa.retrieval.embed.CachingEmbedder#withPassages} over {@link
 * reportqa.retrieval.embed.RecentVectors}): the passages that answer many questions are split into
 * the same sentences each time, and embedding them was most of an answer's time; the question's
 * vector is the one its search made, unless reading it plainly changed its words (啥 read as 什么).
 */
public final class ExtractiveAnswerer {

    /**
     * How many sentences' vectors the application keeps in memory for answers: 20,000 × 512 floats,
     * about 40 MB; the seed library has under 2,000 sentences.
     */
    public static final int RECENT_SENTENCES = 20_000;

    /**
     * Tunables, chosen by measurement on the golden set's tuning split (see README).
     *
     * @param paraphraseAbove how close in meaning (cosine) a sentence's words must be to an attribute
     *     the passage does not write for them to stand for it (提速 by 加速); 0 turns this off
     * @param datedParaphraseAbove how close in meaning (cosine) a word right after a date must be to the
     *     event verb a date question asks about (放出 by 开放 0.72, 加盟 by 加入 0.76; 开放 ~ 发布 is 0.62,
     *     上线 ~ 发布 0.57, which stay apart); 0 turns this off. Set on the tuning split: 0.75 loses two of
     *     the three answers it brings, 0.65 answers an unanswerable question
     * @param restatesAbove how close in meaning (cosine) a whole sentence must be to the question to
     *     stand for the attribute it words otherwise (一下子拉长了多少倍 by 一次性提升了 15 倍); above 1 turns
     *     this off. Set on the tuning split (1,071 answerable, 677 not): from 0.78 down to 0.74 the same
     *     two more answers (0.772, 0.779) and no abstention lost; at 0.72 the first unanswerable
     *     question is answered. 0.76 stands in the middle
     * @param sharedWordsBelow the share of a Chinese question's words (weighted) the retrieved passages
     *     must write, else it abstains: on the tuning split the answered questions write at least 0.20,
     *     two out-of-scope ones (比特币现在什么价？, 明天 A 股大盘会涨吗？) none; 0 turns this off
     */
    public record Options(
            double sentenceWeight,
            double passageWeight,
            double denseWeight,
            double rankWeight,
            double abstainBelow,
            int maxSentences,
            double keepAbove,
            double englishLexicalShare,
            double paraphraseAbove,
            double datedParaphraseAbove,
            double restatesAbove,
            double sharedWordsBelow) {

        public static final Options DEFAULT = new Options(0.45, 0.2, 0.9, 0.1, 0.35, 4, 0.7, 0.3, 0.8, 0.7, 0.76, 0.1);
    }

    /**
     * A drafted answer: text with {@code [i]} markers over the given sources (1-based), or an
     * abstention with its reason (and, when the reports say something near it, such as a report date
     * inferred from its text, that text, cited).
     *
     * @param sources the sources the markers count, when not the retrieved ones (a header fact
     *     cites the passage its value was read from), else null
     * @param notAddressed for a comparison, the retrieved reports that do not address the question
     *     ({@code 德邦证券 · ≥ 2024-01-30《title》}), else empty
     */
    public record Draft(
            String text, boolean abstained, String abstainReason, List<Source> sources, List<String> notAddressed) {

        public Draft {
            notAddressed = List.copyOf(notAddressed == null ? List.of() : notAddressed);
        }

        Draft(String text, boolean abstained, String abstainReason) {
            this(text, abstained, abstainReason, null, List.of());
        }

        static Draft abstain(String reason) {
            return new Draft("", true, reason);
        }
    }

    /** The types of question whose answer is often a name. */
    private static final Set<AskedFor.Type> NAMED_ANSWERS =
            Set.of(AskedFor.Type.PERSON, AskedFor.Type.ANY, AskedFor.Type.CAREER);

    private final Embedder embedder;
    private final Options options;
    private final HeaderFacts headerFacts;
    private final Paraphrases paraphrases;
    private final Paraphrases datedParaphrases;

    /** @param headerFacts answers about a report's own header, or null for quoted sentences only */
    public ExtractiveAnswerer(Embedder embedder, Options options, HeaderFacts headerFacts) {
        this.embedder = embedder;
        this.options = options;
        this.headerFacts = headerFacts;
        this.paraphrases = options.paraphraseAbove() > 0 ? new Paraphrases(embedder, options.paraphraseAbove()) : null;
        this.datedParaphrases =
                options.datedParaphraseAbove() > 0 ? new Paraphrases(embedder, options.datedParaphraseAbove()) : null;
    }

    /**
     * A quotable sentence of source {@code source}, with the two sentences before it in its passage
     * (a subject is often named there).
     */
    private record Sentence(int source, String text, String context) {}

    /** A sentence to quote, scored; {@code dense} its closeness in meaning to the question alone. */
    private record Candidate(int source, String text, double score, String context, double dense) {}

    /**
     * @param question the standalone question, as asked (a report's header facts are read from it)
     * @param turn the question as asked in this turn: the same unless a follow-up made standalone
     * @param searched the text that was searched for it: without the broker names the filters hold, with
     *     the glossary's translations; sentences are matched against it
     * @param sources the retrieved passages, best first
     * @param unmatched what the question names that the library has no report for
     * @param comparison whether the question compares reports: then one line per report that addresses it
     * @param applied the filters the search applied (the request's and those the question names)
     */
    public Draft answer(
            String question,
            String turn,
            String searched,
            List<Source> sources,
            List<Unmatched> unmatched,
            boolean comparison,
            SearchFilters applied)
            throws IOException {
        boolean followUp = !turn.equals(question);
        question = AskedFor.plain(question);
        searched = AskedFor.plain(searched);
        if (headerFacts != null && unmatched.isEmpty()) {
            Optional<Draft> header = headerFacts.answer(question, AskedFor.plain(turn), applied);
            if (header.isPresent()) {
                return header.get();
            }
        }
        Set<String> q = Terms.of(QuestionWords.strip(searched));
        if (q.isEmpty() || sources.isEmpty()) {
            return Draft.abstain(sources.isEmpty() ? "nothing was retrieved" : "the question has no content words");
        }
        double qWeight = q.stream().mapToDouble(Terms::weight).sum();
        List<Sentence> sentences = new ArrayList<>();
        // A report date no library report has may be that of a related report a report lists: then
        // the list is what answers ("2 月 18 日那期周报讲了什么？").
        Set<String> wanted = new HashSet<>(NoiseLines.askedFor(searched));
        if (unmatched.stream().anyMatch(u -> u.date() != null)) {
            wanted.add(NoiseLines.RELATED);
        }
        boolean aboutPeople =
                Profiles.STANDARD.asksAboutPeople(searched, headerFacts == null ? List.of() : headerFacts.people());
        for (int i = 0; i < sources.size(); i++) {
            // An analyst's profile shares a report's broker and industry words, not its topic.
            if (!aboutPeople && Profiles.STANDARD.isProfile(sources.get(i).section())) {
                continue;
            }
            // Back matter reaches the sources when a question asks for it, or as the certification of
            // an analyst asked about; only the first is quoted.
            if (sources.get(i).backMatter() && !applied.includeBoilerplate()) {
                continue;
            }
            String title = sources.get(i).title().strip();
            String before = "";
            String previous = "";
            for (String s : Quotes.sentences(sources.get(i).passage(), wanted)) {
                String context = before + previous + s;
                before = previous;
                previous = s;
                // The report's own headline, repeated in its body, is not evidence of anything.
                if (!title.isEmpty() && s.strip().equals(title)) {
                    continue;
                }
                sentences.add(new Sentence(i, s, context));
            }
        }
        if (sentences.isEmpty()) {
            return Draft.abstain("the passages have no sentences");
        }
        // The checks on the question alone come before any sentence is embedded.
        StringBuilder joined = new StringBuilder();
        sources.forEach(s -> joined.append(s.passage()).append('\n'));
        String all = joined.toString();
        // Versions are read from the question as asked: the searched text has lost its punctuation (1.0 → 1 0).
        PassageText retrieved = new PassageText(all);
        List<String> versions =
                Answerability.versionsToFind(Answerability.versionedNames(question), question, retrieved);
        // A name a retrieved report's title holds is what that report is about, even where the
        // passages retrieved (its list of risks) leave it unsaid.
        PassageText titled = new PassageText(
                all + sources.stream().map(Source::title).distinct().collect(Collectors.joining("\n")));
        String asPlain = question;
        boolean reportDated = applied.from() != null || unmatched.stream().anyMatch(u -> u.date() != null);
        // What this turn asks in its own words: a follow-up's, not what it carried over.
        String own = followUp ? AskedFor.plain(turn) : asPlain;
        Optional<String> unanswerable = Answerability.check(searched, followUp ? own : searched, unmatched, titled)
                .or(() -> Answerability.outOfScope(own, asPlain, titled))
                .or(() -> Answerability.versionMissing(versions, all))
                .or(() -> Answerability.dayMissing(asPlain, reportDated, all))
                .or(() -> Answerability.topicMissing(own, titled));
        if (unanswerable.isPresent()) {
            return Draft.abstain(unanswerable.get());
        }
        // A Chinese question almost none of whose words the passages write (比特币现在什么价？) is about
        // something else than they are: whatever sentence is nearest in meaning is no answer. Not an
        // English one, whose words the Chinese text cannot write, nor a follow-up, whose words point
        // back (那他现在具体负责哪块).
        // Each passage's terms, read once (and remembered by Terms across questions, as a new joined
        // text of all passages would not be): for the share of the question they write, and for the
        // scores below.
        List<Set<String>> passageTerms =
                sources.stream().map(s -> Terms.of(s.passage())).toList();
        if (!followUp
                && Language.of(searched) != Language.ENGLISH
                && coverage(q, qWeight, t -> passageTerms.stream().anyMatch(p -> p.contains(t)))
                        < options.sharedWordsBelow()) {
            return Draft.abstain("the passages share almost none of the question's words");
        }
        List<String> texts = sentences.stream().map(Sentence::text).toList();
        float[] qv = options.denseWeight() > 0 ? embedder.embedQuery(searched) : null;
        List<float[]> sv = options.denseWeight() > 0 ? embedder.embedPassages(texts) : null;
        double[] passageCoverage = new double[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            passageCoverage[i] = coverage(q, qWeight, passageTerms.get(i));
        }
        // An English question shares few words with Chinese text: only meaning (and names) can match.
        boolean english = Language.of(searched) == Language.ENGLISH;
        List<Candidate> candidates = new ArrayList<>();
        for (int j = 0; j < sentences.size(); j++) {
            Sentence st = sentences.get(j);
            int src = st.source();
            double sentence = coverage(q, qWeight, Terms.of(st.text()));
            double dense = qv == null ? 0 : Math.max(0, Vectors.cosine(qv, sv.get(j)));
            double rank = 1.0 / (1 + src);
            double lexical = english ? options.englishLexicalShare() : 1.0;
            double score = lexical
                            * (options.sentenceWeight() * sentence + options.passageWeight() * passageCoverage[src])
                    + (options.denseWeight() + (1 - lexical) * (options.sentenceWeight() + options.passageWeight()))
                            * dense
                    + options.rankWeight() * rank;
            candidates.add(new Candidate(src, st.text(), score, st.context(), dense));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        Candidate best = candidates.get(0);
        if (best.score < options.abstainBelow()) {
            return Draft.abstain("no sentence is close enough to the question");
        }
        AskedFor asked = followUp ? AskedFor.ofFollowUp(turn, searched) : AskedFor.of(searched);
        // A year that dates the report asked about picks it; the fact need not be of that year. Only
        // for a report that states its date: a date inferred from the text (约 2024-03) is no match for
        // a day the question names.
        if (sources.stream().anyMatch(s -> !s.dateInferred())) {
            asked = asked.withoutReportYear(applied.from(), applied.to());
        }
        if (comparison) {
            return byReport(candidates, sources, retrieved, latinWords(searched), asked);
        }
        // Only a sentence holding a value of the kind asked for (a year, an amount …), in a passage
        // that mentions the attribute asked about (参数, 成立 …), answers the question; it leads.
        // A follow-up that names something of its own is about that, not about what it carried over.
        String about =
                followUp ? followUpSubject(AskedFor.plain(turn), searched).orElse(searched) : searched;
        Subjects subjects = headerFacts == null
                ? Subjects.of(about, all, List.of(), id -> List.of())
                : Subjects.of(about, all, headerFacts.people(), headerFacts::peopleOf);
        subjects = subjects.withVersions(versions);
        // Who did it, what it is or came from, where someone worked: a name the sentence writes
        // (Jim Fan, UE5, 新时代证券TMT组长) may be the answer, not a subject of its own.
        if (NAMED_ANSWERS.contains(asked.type())) {
            subjects = subjects.askingForAName();
        }
        Predicate<String> quantitiesWritten = AskedFor.quantitiesWritten(question);
        Choices choices = Choices.of(searched);
        Set<String> codeNamed =
                asked.type() == AskedFor.Type.CODE ? Terms.of(asked.withoutTypeWords(searched)) : Set.of();
        // What each report's retrieved passages say together: a name written there again and again is
        // what the report is about, even where a sentence leaves it unsaid (a list of Sora's features).
        // Sentence by sentence, each once (the sentences split above): overlapping passages repeat
        // the sentences they share.
        Map<String, Set<String>> sentencesOf = new HashMap<>();
        for (Sentence st : sentences) {
            sentencesOf
                    .computeIfAbsent(sources.get(st.source()).reportId(), id -> new LinkedHashSet<>())
                    .add(st.text());
        }
        Map<String, String> ofReport = new HashMap<>();
        sentencesOf.forEach((id, lines) -> ofReport.put(id, String.join("\n", lines)));
        String searchedText = searched; // final, for the lambda below
        boolean writesChinese =
                question.codePoints().anyMatch(ch -> Character.UnicodeScript.of(ch) == Character.UnicodeScript.HAN);
        Candidate lead = null;
        for (Candidate c : candidates) {
            if (c.score < options.abstainBelow()) {
                break;
            }
            Source source = sources.get(c.source);
            String passage = source.passage();
            if (!asked.valueIn(c.text)
                    || !asked.measuredIn(c.text)
                    || !asked.valueBeyond(searched, c.text)
                    || !choices.answeredBy(c.text)
                    || !asked.notARate(searched, c.text)
                    || !asked.subjectIn(c.context)
                    || !identifies(c.text, codeNamed)) {
                continue;
            }
            // A list of codes (捷成股份(300182.SZ)、视觉中国(000681.SZ)…) answers only for a company of
            // it the question names (a follow-up may have named it a turn before: 它代码多少). A question
            // with no Chinese names it in English (Visual China Group), which no list writes.
            if (asked.type() == AskedFor.Type.CODE
                    && writesChinese
                    && asked.valueCount(c.text) > 1
                    && listedNames(c.text).stream().noneMatch(n -> namedIn(n, searchedText))) {
                continue;
            }
            String around = Subjects.around(c.text, passage);
            // A sentence restating the question needs no attribute check (asked first: it costs nothing).
            // An English question's attribute (budget → 预算) must be written even in a restatement.
            boolean restates =
                    c.dense >= options.restatesAbove() && (asked.focusWords().isEmpty() || asked.focusIn(passage));
            if (!restates && !attributeIn(asked, c.text, passage, around)) {
                continue;
            }
            if (asked.yearsIn(around)
                    && asked.noOtherYear(c.text)
                    && quantitiesWritten.test(around)
                    && subjects.about(
                            c.text,
                            around,
                            source.title() + "\n" + source.section(),
                            source.reportId(),
                            searched,
                            ofReport.get(source.reportId()))) {
                lead = c;
                break;
            }
        }
        if (lead == null) {
            return Draft.abstain(notCovered(asked));
        }
        List<Candidate> chosen = new ArrayList<>();
        chosen.add(lead);
        for (Candidate c : candidates) {
            if (chosen.size() >= options.maxSentences() || c.score < options.keepAbove() * best.score) {
                break;
            }
            if (chosen.stream().noneMatch(x -> similar(x.text, c.text))) {
                chosen.add(c);
            }
        }
        StringBuilder out = new StringBuilder();
        for (Candidate c : chosen) {
            // Who said it and when comes first, as on every citation.
            out.append(out.length() > 0 ? "\n" : "").append(line(c, sources.get(c.source), false));
        }
        return new Draft(out.toString(), false, null);
    }

    /**
     * What a follow-up is about, when not what it carried over: the names it writes itself; or, when
     * its pronoun stands for a person, the carried-over question without the names of things it
     * carried ("他是哪个学校毕业的" after "德邦计算机那篇Sora报告的分析师是谁？" is about 钱劲宇, not about
     * Sora). Empty: the carried-over question as searched.
     */
    private static Optional<String> followUpSubject(String turn, String searched) {
        if (!Answerability.ownNames(turn).isEmpty()) {
            return Optional.of(turn);
        }
        if (!Pronouns.refersToPerson(turn)) {
            return Optional.empty();
        }
        String about = searched;
        for (String name : Answerability.names(searched)) {
            if (!turn.contains(name)) {
                // As a whole name: taking AI out must leave AIGC alone.
                about = about.replaceAll("(?<![A-Za-z0-9])" + Pattern.quote(name) + "(?![A-Za-z0-9])", " ");
            }
        }
        return Optional.of(about);
    }

    /**
     * Whether the sentence gives a value of the attribute asked about: the attribute written in its
     * passage (a quantity within a few characters of it; a date in the sentence's own clause, since
     * 2 月 26 日 开播 is no date for 升级为成品级), else worded otherwise in the sentence itself, next to
     * the value; or, for a quantity asked in a unit, a number in that unit in a sentence naming the
     * attribute's head word anywhere ({@link AskedFor#measuredWithHead}).
     */
    private boolean attributeIn(AskedFor asked, String sentence, String passage, String around) {
        boolean dated = asked.type() == AskedFor.Type.DATE || asked.type() == AskedFor.Type.YEAR;
        if (asked.valueNamesFocus(sentence)) {
            return true;
        }
        if (asked.focusIn(passage) && asked.valueNearFocus(sentence) && (!dated || asked.focusIn(around))) {
            return true;
        }
        if (asked.measuredWithHead(sentence)) {
            return true;
        }
        if (asked.focus().isEmpty() || !asked.focusWords().isEmpty()) {
            return false;
        }
        if (paraphrases != null
                && paraphrases
                        .in(asked.focus(), sentence)
                        .filter(m -> asked.valueNear(sentence, m.start(), m.end()))
                        .isPresent()) {
            return true;
        }
        // An event's verb said otherwise (放出 for 开放, 加盟 for 加入) right after its date.
        if (!dated || datedParaphrases == null) {
            return false;
        }
        IntPredicate afterADate = asked.valueBefore(sentence);
        return datedParaphrases
                .in(asked.focus(), sentence, m -> afterADate.test(m.start()))
                .isPresent();
    }

    /**
     * A comparison: for each report, its best sentence close enough to the question, one line per
     * report, grouped by broker and date; the reports with none are listed as not addressing it.
     */
    private Draft byReport(
            List<Candidate> ranked,
            List<Source> sources,
            PassageText retrieved,
            List<String> latinWords,
            AskedFor asked) {
        // Only a name some passage holds can tell reports apart: the other Latin words of the question
        // (all of an English question's words, a pinyin name) are in none, and requiring them would
        // leave every report out.
        List<String> names = latinWords.stream()
                .filter(n -> Pattern.compile(
                                "(?<![a-z0-9])" + Pattern.quote(n.toLowerCase(Locale.ROOT)) + "(?![a-z0-9])")
                        .matcher(retrieved.lowerCase())
                        .find())
                .toList();
        Map<String, Candidate> bestOf = new LinkedHashMap<>();
        // A report's line is its best sentence holding a value of the kind compared (最长多长: a
        // duration), else its best sentence.
        for (boolean typed : asked.type() == AskedFor.Type.ANY ? List.of(false) : List.of(true, false)) {
            for (Candidate c : ranked) {
                // A report addresses what the question compares only with a sentence that names it (Sora, Kimi).
                String lower = c.text.toLowerCase(Locale.ROOT);
                boolean named =
                        names.isEmpty() || names.stream().anyMatch(n -> lower.contains(n.toLowerCase(Locale.ROOT)));
                if (c.score >= options.abstainBelow() && named && (!typed || asked.valueIn(c.text))) {
                    bestOf.putIfAbsent(sources.get(c.source).reportId(), c);
                }
            }
        }
        if (bestOf.isEmpty()) {
            return Draft.abstain("no retrieved report addresses the question");
        }
        List<Candidate> lines = new ArrayList<>(bestOf.values());
        lines.sort(Comparator.comparing((Candidate c) -> sources.get(c.source).brokerLabel())
                .thenComparing(c -> sources.get(c.source).date()));
        StringBuilder out = new StringBuilder();
        for (Candidate c : lines) {
            out.append(out.length() > 0 ? "\n" : "").append(line(c, sources.get(c.source), true));
        }
        Set<String> reported = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (Source s : sources) {
            if (!bestOf.containsKey(s.reportId()) && reported.add(s.reportId())) {
                missing.add(Markdown.inline(s.label()) + "《" + Markdown.inline(s.title()) + "》");
            }
        }
        return new Draft(out.toString(), false, null, null, missing);
    }

    private static final Pattern LATIN_WORD = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9+.-]+");

    /** The Latin-script words of a question (in a Chinese question: the names, Sora, Kimi). */
    static List<String> latinWords(String question) {
        List<String> out = new ArrayList<>();
        Matcher m = LATIN_WORD.matcher(question);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** {@code - 上海证券 · 2024-03-19：sentence[n]。}, with the title after the label for a comparison. */
    private static String line(Candidate c, Source source, boolean withTitle) {
        String s = c.text;
        return "- " + Markdown.inline(source.label()) + (withTitle ? " 《" + Markdown.inline(source.title()) + "》" : "")
                + "：" + Quotes.withoutEnd(s) + "["
                + (c.source + 1) + "]" + Quotes.end(s);
    }

    /**
     * Whether a sentence holding a code (视觉中国(000681.SZ), SAC 编号: S…) stands next to what the
     * question asks the code of: it shares a word with the question beyond the words for "code".
     * True when the question asks for no code.
     */
    private static boolean identifies(String sentence, Set<String> named) {
        if (named.isEmpty()) {
            return true;
        }
        Set<String> terms = Terms.of(sentence);
        return named.stream().anyMatch(terms::contains);
    }

    /** A company written just before its code in a list: 捷成股份 of 捷成股份(300182.SZ). */
    private static final Pattern LISTED =
            Pattern.compile("([\\p{IsHan}A-Za-z]{2,12})\\s*[（(]\\s*(?:\\d{6}|\\d{4,5}\\.HK|[A-Z]{1,5}\\.(?:US|O|N))");

    /**
     * Whether the question names a listed company: as listed, or without the words the run took in
     * before it (关注 of 关注腾讯控股), three characters at least of it left.
     */
    static boolean namedIn(String listed, String question) {
        if (question.contains(listed)) {
            return true; // 快手, 百度: a name of two characters, whole
        }
        for (Words.Span w : Words.spans(listed)) {
            String rest = listed.substring(w.start());
            if (rest.length() < 3) {
                return false;
            }
            if (question.contains(rest)) {
                return true;
            }
        }
        return false;
    }

    /** The companies a sentence lists with their codes, as it writes them. */
    static List<String> listedNames(String sentence) {
        return LISTED.matcher(sentence).results().map(r -> r.group(1)).toList();
    }

    /** Which part of the question the passages do not cover, in words. */
    private static String notCovered(AskedFor asked) {
        String what = asked.type() == AskedFor.Type.ANY
                ? "an answer"
                : "a " + asked.type().key();
        return asked.focus().isEmpty()
                ? "no passage close to the question gives " + what
                : "the passages do not give " + what + " for \u201c" + asked.focus() + "\u201d";
    }

    private static double coverage(Set<String> q, double qWeight, Set<String> s) {
        return coverage(q, qWeight, s::contains);
    }

    /** The weighted share of the question's terms that {@code written} holds. */
    private static double coverage(Set<String> q, double qWeight, Predicate<String> written) {
        double hit = 0;
        for (String t : q) {
            if (written.test(t)) {
                hit += Terms.weight(t);
            }
        }
        return hit / qWeight;
    }

    private static boolean similar(String a, String b) {
        Set<String> ta = Terms.of(a);
        Set<String> tb = new HashSet<>(Terms.of(b));
        if (ta.isEmpty() || tb.isEmpty()) {
            return a.equals(b);
        }
        long shared = ta.stream().filter(tb::contains).count();
        return shared >= 0.6 * Math.min(ta.size(), tb.size());
    }
}
