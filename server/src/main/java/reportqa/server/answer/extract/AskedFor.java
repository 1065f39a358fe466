package reportqa.server.answer.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.report.EnglishIndustries;
import reportqa.retrieval.search.QuestionWords;
import reportqa.retrieval.text.Dates;
import reportqa.retrieval.text.ScreenedPattern;
import reportqa.retrieval.text.TextMatch;
import reportqa.retrieval.text.Words;
import reportqa.server.answer.Language;
import reportqa.server.answer.Terms;

/**
 * What a question asks for, read from its wording: the kind of value an answer must hold (a year, a
 * count, an amount of money, a rating …) and the attribute it is asked about (参数 in "有多少参数",
 * 成立 in "成立于哪一年"), which the evidence must mention. The patterns are in
 * {@code answer-types.json}.
 *
 * @param type the kind of answer, or {@link Type#ANY}
 * @param focus the attribute asked about (for a rating, what is rated when it is not an industry), or
 *     empty (a question about a category, or in English)
 * @param focusParts the focus's words of two characters or more, when it also holds words of one
 *     character (岩画 of 组岩画, 名单 and 排名 of 名单中排名), else empty
 * @param focusWords for an English question, the Chinese words of the attribute it names, else empty
 * @param years the years the question names (2025年): the evidence must be about them
 * @param subjects the works the question names in 《》: the answer must name one of them
 * @param measure for a quantity asked in a unit (多少秒, 多少亿元), a number written in a unit of that
 *     measure, else null
 */
record AskedFor(
        Type type,
        String focus,
        List<String> focusParts,
        List<String> focusWords,
        List<String> years,
        List<String> subjects,
        Pattern measure) {

    AskedFor {
        focusParts = List.copyOf(focusParts);
        focusWords = List.copyOf(focusWords);
        years = List.copyOf(years);
        subjects = List.copyOf(subjects);
    }

    /**
     * The same without the year of a report date the search filtered on ("In its weekly dated March
     * 19, 2024, …", "上海证券 2024 年 3 月 19 日的周报…"): that year picks the report, it is not a year the
     * fact must be of. Unchanged without such a date, or when the range spans years.
     */
    AskedFor withoutReportYear(LocalDate from, LocalDate to) {
        if (from == null || to == null || from.getYear() != to.getYear()) {
            return this;
        }
        String year = String.valueOf(from.getYear());
        if (!years.contains(year)) {
            return this;
        }
        List<String> kept = years.stream().filter(y -> !y.equals(year)).toList();
        return new AskedFor(type, focus, focusParts, focusWords, kept, subjects, measure);
    }

    /** The kinds of answer a question can ask for. */
    enum Type {
        RATING,
        YEAR,
        DATE,
        MONEY,
        PERCENT,
        PERSON,
        COUNT,
        LIST,
        LANGUAGE,
        FORMAT,
        CODE,
        PHONE,
        EMAIL,
        PLACE,
        COUNTRY,
        EDUCATION,
        CAREER,
        AGE,
        ANY;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Rules RULES = Rules.load();
    private static final BrokerRegistry BROKERS = BrokerRegistry.standard();
    private static final EnglishIndustries ENGLISH_INDUSTRIES = EnglishIndustries.sectors();
    private static final EnglishIndustries ENGLISH_REPORTS = EnglishIndustries.reports();

    /** Reads a question. */
    static AskedFor of(String question) {
        Type type = Type.ANY;
        int at = 0;
        for (TypeRule r : RULES.types) {
            Optional<MatchResult> m = r.asks.first(question);
            if (m.isPresent()) {
                type = r.type;
                at = m.get().start();
                break;
            }
        }
        // "What frame rate …", "What resolution …": an English question naming a measured attribute
        // (its Chinese word ends in 率, 量, 度, 长 …) asks for a quantity without saying "how many".
        if (type == Type.ANY && Language.of(question) == Language.ENGLISH && measured(englishAttribute(question))) {
            type = Type.COUNT;
        }
        // A search-box query with no question word that ends in a measure (德邦传媒指数近一年涨跌幅, Sora参数量)
        // asks for that measure's value, as 多少 would.
        String measureAsked = type == Type.ANY ? endingMeasure(question) : "";
        if (!measureAsked.isEmpty()) {
            type = Type.COUNT;
        }
        List<String> years = years(question);
        if (type == Type.RATING) {
            return new AskedFor(type, ratedSubject(question), List.of(), List.of(), years, List.of(), null);
        }
        if (!RULES.focused.contains(type)) {
            // An English "what frame rate …" names its attribute without a typed question word.
            List<String> english = type == Type.ANY ? englishAttribute(question) : List.of();
            return new AskedFor(type, "", List.of(), english, years, List.of(), null);
        }
        String focus = measureAsked.isEmpty() ? focus(question, at) : measureAsked;
        List<String> english = focus.isEmpty() ? englishAttribute(question) : List.of();
        Pattern measure = type == Type.COUNT || type == Type.MONEY ? measure(question) : null;
        return new AskedFor(type, focus, parts(focus), english, years, subjects(question), measure);
    }

    /**
     * The words of {@code focus} of two characters or more, when it also holds words of one
     * character: a focus read as a run of characters may take in a particle, an adverb or a
     * measure word beside the attribute (名单<b>中</b>排名, 多少<b>组</b>岩画, 多久<b>才</b>成熟, 被任命<b>当</b>了),
     * whose character pairs are then missing from a text that gives the attribute. Empty when the
     * focus has no such word, has a one-character word of another kind (量 of 参数量), or when its
     * longer words are not most of it.
     */
    static List<String> parts(String focus) {
        List<String> words = new ArrayList<>();
        boolean single = false;
        for (Words.Span w : Words.spans(focus)) {
            if (w.end() - w.start() >= 2) {
                words.add(focus.substring(w.start(), w.end()));
            } else if (RULES.looseWords.indexOf(focus.charAt(w.start())) >= 0
                    || RULES.particles.indexOf(focus.charAt(w.start())) >= 0) {
                single = true;
            } else {
                // A character of the attribute itself, cut off by the segmenter (量 of 参数量, 活 of
                // 月活用户, 率 of 视频帧率): 参数 or 用户 alone would be another attribute.
                return List.of();
            }
        }
        // Most of the focus, or the words left say too little of it: one two-character word among
        // three loose ones (地区 of 各地区中约) is not the attribute the question names.
        int kept = words.stream().mapToInt(String::length).sum();
        return single && kept * 2 > focus.length() ? List.copyOf(words) : List.of();
    }

    /** 多少/几 and a magnitude that may stand before the unit (多少亿人, 几万条). */
    private static final Pattern HOW_MANY = Pattern.compile("(?:多少|几)\\s*(?:[万亿千百]+\\s*)?");

    /** What a number in the unit the question asks in looks like (多少秒 → 15 秒, 1 分钟), or null. */
    static Pattern measure(String question) {
        boolean english = Language.of(question) == Language.ENGLISH;
        for (Measure m : RULES.measures) {
            if (english ? m.english().matcher(question).find() : asksIn(question, m)) {
                return m.written();
            }
        }
        return null;
    }

    private static boolean asksIn(String question, Measure m) {
        if (m.alone() != null && m.alone().matcher(question).find()) {
            return true;
        }
        Matcher cue = HOW_MANY.matcher(question);
        while (cue.find()) {
            if (m.after().matcher(question).region(cue.end(), question.length()).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a follow-up asks for. One with a question word and a word of its own (他2020年拿过什么荣誉？
     * after a question about 学历: no kind of value in particular), or whose words name a kind of value
     * (邮箱呢？ after 电话多少？), asks that;
     * an elliptical one (那德邦呢？, and the vertical format?) asks what the question it continues asked,
     * read from {@code searched}: the turn with the words it carried over.
     */
    static AskedFor ofFollowUp(String turn, String searched) {
        AskedFor carried = of(searched);
        String plain = plain(turn);
        AskedFor own = of(plain);
        boolean asksItself = own.type != Type.ANY
                || (RULES.followUpAsksOwnKind.matcher(plain).find() && namesSomething(plain));
        return asksItself && own.type != carried.type ? own : carried;
    }

    /**
     * Whether a follow-up names something of its own besides a broker (荣誉 of 他2020年拿过什么荣誉): 那华金的是
     * 什么？ names only 华金, and asks what the question before asked.
     */
    private static boolean namesSomething(String turn) {
        String rest = BROKERS.withoutNamedBrokers(QuestionWords.strip(turn));
        return !Terms.of(rest).isEmpty();
    }

    /** Whether {@code sentence} holds a number in the unit asked for (true when none is asked). */
    boolean measuredIn(String sentence) {
        return measure == null || measure.matcher(sentence).find();
    }

    /**
     * Whether {@code sentence} answers a quantity asked in a unit (多少秒, 多少人) by its unit and the
     * attribute's head word: a number in that unit, and the focus's last word of two characters or
     * more (模型 of 扩散视频模型, 团队 of 主创团队) anywhere in the sentence. The unit says what the
     * number measures, so the word need not stand next to it (模型单次生成的视频时长最长为 18 秒); the
     * head word keeps 15 秒 of a video from answering how many hours of 视频数据 trained a model. A date
     * (2024 年 2 月 16 日) is no number in a unit of time. False when no unit is asked or the focus has
     * no such word.
     */
    boolean measuredWithHead(String sentence) {
        if (measure == null
                || focus.isEmpty()
                || !measure.matcher(withoutDates(sentence)).find()) {
            return false;
        }
        String head = headWord(focus);
        return !head.isEmpty() && canonical(sentence).contains(canonical(head));
    }

    /** A year written as one (2024 年): part of a date, not a number of years. */
    private static final Pattern YEAR_OF_DATE = Pattern.compile("(?<!\\d)\\d{4}\\s*年");

    /** The text with its dates and years blanked out. */
    private static String withoutDates(String text) {
        String out = text;
        for (Pattern d : List.of(Dates.FULL_DATE, Dates.MONTH_DAY, YEAR_OF_DATE)) {
            out = d.matcher(out).replaceAll(r -> " ".repeat(r.group().length()));
        }
        return out;
    }

    /** The last word of two characters or more of {@code phrase} (团队 of 主创团队), or empty. */
    private static String headWord(String phrase) {
        List<Words.Span> words = Words.spans(phrase);
        for (int i = words.size() - 1; i >= 0; i--) {
            Words.Span w = words.get(i);
            if (w.end() - w.start() >= 2) {
                return phrase.substring(w.start(), w.end());
            }
        }
        return "";
    }

    private static final Pattern TITLE = Pattern.compile("《([^》]{2,40})》");
    /**
     * What a question asks about by name, when it writes it as a work in 《》 (《千秋诗颂》的制作团队): the
     * sentence that answers, or one of the two before it, must name it. (Latin names and the
     * library's people are {@link Subjects}, checked over the sentence's paragraph.)
     */
    static List<String> subjects(String question) {
        List<String> out = new ArrayList<>();
        Matcher t = TITLE.matcher(question);
        while (t.find()) {
            out.add(t.group(1));
        }
        return out;
    }

    /** Whether {@code text} names one of the subjects (case ignored, Latin letters as whole words). */
    boolean subjectIn(String text) {
        if (subjects.isEmpty()) {
            return true;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String s : subjects) {
            String n = s.toLowerCase(Locale.ROOT);
            if (Pattern.compile("(?<![a-z0-9-])" + Pattern.quote(n) + "(?![a-z0-9])")
                    .matcher(lower)
                    .find()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern YEAR = Pattern.compile("(?<![\\d.])((?:19|20)\\d{2})\\s*年");
    /** A year in English text (in 2027, by 2030), not a size (2048x2048) or part of a longer number. */
    private static final Pattern ENGLISH_YEAR =
            Pattern.compile("(?<![\\d.,A-Za-z-])((?:19|20)\\d{2})(?![\\d.,]\\d|\\s*[x×*]|[A-Za-z])");

    /** Years the question names (2025年, in 2027): the answer must be about that year. */
    static List<String> years(String question) {
        List<String> out = new ArrayList<>();
        Matcher m = (Language.of(question) == Language.ENGLISH ? ENGLISH_YEAR : YEAR).matcher(question);
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /**
     * Whether a sentence is not about another year than the question's: when the question names
     * years and the sentence dates itself (截至 2022 年 6 月, 2030 年), one of its years must be the
     * question's. (A sentence that names no year may take its year from its paragraph: {@link #yearsIn}.)
     */
    boolean noOtherYear(String sentence) {
        if (years.isEmpty()) {
            return true;
        }
        Matcher m = YEAR.matcher(sentence);
        boolean dated = false;
        while (m.find()) {
            if (years.contains(m.group(1))) {
                return true;
            }
            dated = true;
        }
        return !dated;
    }

    /**
     * The Chinese words of the attributes an English question asks about (parameters → 参数), or
     * empty: those its question word asks for, when the words after it name something ("Which NVIDIA
     * scientist …" asks for a person, not for the training data it goes on to mention), else those of
     * the whole question ("When was X founded?").
     */
    static List<String> englishAttribute(String question) {
        // A team or report named by its industry (Debon's media team) picks reports; its "team" is no attribute.
        String q = ENGLISH_REPORTS.without(question).toLowerCase(Locale.ROOT);
        String asked = askedPhrase(q);
        String from = asked.isEmpty() ? q : asked;
        List<String> out = new ArrayList<>();
        for (EnglishAttribute a : RULES.englishAttributes) {
            // The word itself first: a scan for it is cheap, the pattern's \b at every position is not.
            if (from.contains(a.word()) && a.pattern().matcher(from).find()) {
                out.addAll(a.chinese());
            }
        }
        return out;
    }

    private static final Pattern ENGLISH_TOKEN = Pattern.compile("[a-z0-9][a-z0-9'\u2019-]*|[^\\sa-z0-9]");

    /**
     * The words right after an English question word (which/what/how many + words, what is the +
     * words) up to its verb, a preposition or a mark: what it asks about; empty when none follow.
     *
     * @param lowerCased the question in lower case
     */
    static String askedPhrase(String lowerCased) {
        Matcher m = RULES.englishAsked.matcher(lowerCased);
        if (!m.find()) {
            return "";
        }
        List<String> words = new ArrayList<>();
        Matcher t = ENGLISH_TOKEN.matcher(lowerCased);
        t.region(m.end(), lowerCased.length());
        while (t.find()) {
            String w = t.group();
            if (!Character.isLetterOrDigit(w.charAt(0)) || RULES.englishAskedEnds.contains(w)) {
                break;
            }
            words.add(w);
        }
        // Words that name the answer's type (In what year …) say nothing of the attribute.
        if (RULES.englishAskedTypeWords.containsAll(words)) {
            return "";
        }
        return String.join(" ", words);
    }

    /**
     * A number with a unit in a question (最近6个月, 64 帧, 200 万字, 128-frame), not a year or a date
     * (3.19周报 is the weekly of March 19).
     */
    private static final Pattern QUANTITY = Pattern.compile(
            "(?<![0-9.A-Za-z-])(\\d+(?:\\.\\d+)?)\\s*(?:([万亿千百])\\s*)?(?:个月|分钟|小时|秒|天|周(?!报)|帧|字|倍|集|亿|万|元|%|％"
                    + "|(?i:fps|gb|tb)\\b|[-\\s](?i:frames?|seconds?|minutes?|hours?|days?|weeks?|months?|characters?)\\b)");

    /** The power of ten of each magnitude a number may be written with (1万 = 10000). */
    private static final Map<String, Integer> MAGNITUDES = Map.of("百", 2, "千", 3, "万", 4, "亿", 8);

    /**
     * Whether a text writes every quantity the question names (最近6个月 is not answered by a table of
     * 1M / 3M / 12M returns): its number, as written, or with its magnitude multiplied out (1万小时 as
     * 10000 小时). Read once per question; tested per sentence.
     */
    static Predicate<String> quantitiesWritten(String question) {
        List<Pattern> numbers = new ArrayList<>();
        Matcher m = QUANTITY.matcher(question);
        while (m.find()) {
            // 1万小时 is written 10000 小时 as often: the number with its magnitude multiplied out counts too.
            String written = Pattern.quote(m.group(1));
            if (m.group(2) != null) {
                BigDecimal whole = new BigDecimal(m.group(1)).multiply(BigDecimal.TEN.pow(MAGNITUDES.get(m.group(2))));
                if (whole.stripTrailingZeros().scale() <= 0) {
                    String digits = whole.toBigInteger().toString();
                    written += "|" + digits + "|" + String.format(Locale.ROOT, "%,d", whole.toBigInteger());
                }
            }
            numbers.add(Pattern.compile("(?<![0-9.])(?:" + written + ")(?![0-9]|\\.[0-9])"));
        }
        return text -> numbers.stream().allMatch(n -> n.matcher(text).find());
    }

    /** Whether {@code passage} is about every year the question names. */
    boolean yearsIn(String passage) {
        return years.stream().allMatch(passage::contains);
    }

    /**
     * The question with colloquial question words in their plain form (叫啥 → 叫什么, 咋评级 → 怎么评级),
     * which the rules for types and header fields are written in.
     */
    static String plain(String question) {
        String out = question;
        for (Map.Entry<String, String> e : RULES.colloquial.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    /** What a rating question rates, when it is not an industry (英伟达 in 对英伟达的投资评级), else empty. */
    static String ratedSubject(String question) {
        Matcher m = RULES.ratingSubject.matcher(question);
        if (!m.find()) {
            return "";
        }
        String found = "";
        for (int g = 1; g <= m.groupCount() && found.isEmpty(); g++) {
            found = m.group(g) == null ? "" : m.group(g);
        }
        // "给了什么评级" names nothing rated: what follows 给 is the question itself.
        String subject = found.replaceFirst("^[了予出个]+", "");
        if (subject.length() < 2
                || subject.contains("什么")
                || subject.contains("哪")
                || RULES.industryWords.matcher(subject).find()
                || !industriesIn(subject + " sector").isEmpty()) {
            return "";
        }
        return subject;
    }

    /** The question without the words that ask for its type (股票代码是多少 → the company before it). */
    String withoutTypeWords(String question) {
        String q = question;
        for (TypeRule r : RULES.types) {
            if (r.type == type) {
                q = r.asks.pattern().matcher(q).replaceAll(" ");
            }
        }
        return RULES.focusCues.matcher(q).replaceAll(" ");
    }

    /**
     * The industries a question names (计算机 in 给计算机行业的评级, or in English: the computer sector),
     * by their Chinese names, without the generic 行业 and 板块.
     */
    static List<String> industriesIn(String question) {
        List<String> out = new ArrayList<>();
        Matcher m = RULES.industryWords.matcher(question);
        while (m.find()) {
            if (!m.group().equals("行业") && !m.group().equals("板块") && !out.contains(m.group())) {
                out.add(m.group());
            }
        }
        for (String chinese : ENGLISH_INDUSTRIES.in(question)) {
            if (!out.contains(chinese)) {
                out.add(chinese);
            }
        }
        return out;
    }

    /** Whether {@code text} holds a value of the asked type (any text does for types without a value pattern). */
    boolean valueIn(String text) {
        Pattern value = valuePattern();
        return value == null || value.matcher(withoutItemNumber(text)).find();
    }

    /** The number of a list item at the head of a text: (2), 2), 2、. */
    private static final Pattern ITEM_NUMBER = Pattern.compile("^\\s*[（(]?[0-9０-９]{1,2}[)）、]\\s*");

    /**
     * The text without the number of the list item it starts with ((2) 算力及服务器:海光信息…): that
     * number orders the list, it is no value of anything the item says. Applied where a sentence is
     * tested for holding a value at all; once one is, the item number may still stand near the
     * attribute, and nearness is judged on the sentence as written.
     */
    private static String withoutItemNumber(String text) {
        return ITEM_NUMBER.matcher(text).replaceFirst("");
    }

    /**
     * Whether {@code sentence} does not answer a total with a rate: when the question asks how many in
     * all (一共多少集), at least one value of the sentence must not be framed by a period just before it
     * (一个月只能做一集). True for any other question.
     */
    boolean notARate(String question, String sentence) {
        Pattern value = valuePattern();
        if (type != Type.COUNT
                || value == null
                || !RULES.totals.asks().matcher(question).find()) {
            return true;
        }
        // The period itself (一个月) holds a number too: a value inside a rate frame is part of it.
        List<int[]> frames = new ArrayList<>();
        RULES.totals.rate().matcher(sentence).results().forEach(r -> frames.add(new int[] {r.start(), r.end()}));
        Matcher m = value.matcher(sentence);
        boolean any = false;
        while (m.find()) {
            int at = m.start();
            if (frames.stream().anyMatch(f -> at >= f[0] && at < f[1])) {
                continue;
            }
            any = true;
            boolean framed = frames.stream().anyMatch(f -> f[1] <= at && at - f[1] <= RULES.totals.rateChars());
            if (!framed) {
                return true;
            }
        }
        return !any;
    }

    /** How many values of the asked type {@code text} holds (0 for types without a value pattern). */
    int valueCount(String text) {
        Pattern value = valuePattern();
        return value == null ? 0 : (int) value.matcher(text).results().count();
    }

    /** What a value of the asked type looks like, or null when any text will do. */
    /** A number with what may follow it: magnitude, 多/余, unit (15 秒, 1.55 倍, 143 亿元, 一分钟, 74.4%). */
    private static final Pattern NUMBER_AND_UNIT =
            Pattern.compile("(?:[0-9０-９]+(?:[.,][0-9]+)*|[一二两三四五六七八九十百千万亿半]+)\\s*(?:[万亿千百]\\s*)?(?:[多余]\\s*)?"
                    + "(?:秒钟|秒|分钟|小时|钟头|天|日|周|个月|月|年|倍|帧|汉字|字|条|集|名|人|位|个|家|款|项|次|部|台|张|只"
                    + "|亿元|万元|元|美元|港元|[%％]|(?i:fps|gb|tb|mb|x))?");

    /**
     * Whether {@code sentence} holds a quantity the question does not state itself: "生成一段 15 秒的视频要
     * 花多长时间" is not answered by "视频长度达到了 15 秒", the number the question gave. A day of the
     * month (3 月 5 日) is a date, not a duration. True for other types (a date may repeat the year the
     * question names).
     */
    boolean valueBeyond(String question, String sentence) {
        if (!(type == Type.COUNT || type == Type.MONEY || type == Type.PERCENT)) {
            return true;
        }
        Pattern value = measure != null ? measure : valuePattern();
        if (value == null) {
            return true;
        }
        List<int[]> dates = new ArrayList<>();
        for (Pattern d : List.of(Dates.FULL_DATE, Dates.MONTH_DAY)) {
            d.matcher(sentence).results().forEach(r -> dates.add(new int[] {r.start(), r.end()}));
        }
        // 一分钟 in the question is the 1 分钟 of a report.
        String asked = TextMatch.arabicNumerals(TextMatch.normalize(question));
        Matcher q = NUMBER_AND_UNIT.matcher(sentence);
        while (q.find()) {
            int start = q.start();
            int end = q.end();
            if (dates.stream().anyMatch(d -> start >= d[0] && end <= d[1])
                    || !value.matcher(sentence)
                            .region(start, end)
                            .useTransparentBounds(true)
                            .find()) {
                continue;
            }
            if (!asked.contains(TextMatch.arabicNumerals(TextMatch.normalize(q.group())))) {
                return true;
            }
        }
        return false;
    }

    private Pattern valuePattern() {
        return valuePattern(type);
    }

    /** How a value of {@code type} is written (a stock code: 000681.SZ, NVDA.O), or null when any text holds one. */
    static Pattern valuePattern(Type type) {
        for (TypeRule r : RULES.types) {
            if (r.type == type) {
                return r.value;
            }
        }
        return null;
    }

    /** How close (in characters) a value must be to the attribute it is a value of. */
    private static final int NEAR = 12;

    /**
     * Whether a value of the asked type in {@code sentence} is a value <em>of the attribute asked
     * about</em>: the attribute (or, when longer, a pair of its characters) within a few characters of
     * it (30 亿参数, 参数量达 30 亿); for an English question, one of its attribute's Chinese words.
     * Checked for quantities (count, money, percent) only; true when there is no focus.
     */
    boolean valueNearFocus(String sentence) {
        Pattern value = valuePattern();
        // Quantities sit next to what they measure; a date or year may be a clause away from its verb.
        if ((focus.isEmpty() && focusWords.isEmpty())
                || value == null
                || !(type == Type.COUNT || type == Type.MONEY || type == Type.PERCENT)) {
            return true;
        }
        String f = canonical(focus);
        sentence = canonical(sentence);
        List<String> pieces = new ArrayList<>();
        if (f.isEmpty()) {
            // An English question's attribute, by its Chinese words (users → 用户), each whole.
            focusWords.forEach(w -> pieces.add(canonical(w)));
        } else if (f.length() <= 2) {
            pieces.add(f);
        } else {
            for (int i = 0; i + 2 <= f.length(); i++) {
                pieces.add(f.substring(i, i + 2));
            }
        }
        Matcher m = value.matcher(sentence);
        while (m.find()) {
            if (countsAnother(sentence, m.end(), pieces)) {
                continue;
            }
            for (String piece : pieces) {
                for (int i = sentence.indexOf(piece); i >= 0; i = sentence.indexOf(piece, i + 1)) {
                    if (i >= m.start() - NEAR - piece.length() && i <= m.end() + NEAR) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether the number ending at {@code end} counts a noun of its own, none of the attribute's
     * pieces: a classifier right after it and a word after that (6 项功能 counts 功能, so it is no
     * number of 用户 however near 用户交互 stands). False for a number without a classifier (30 亿参数)
     * or one whose word holds a piece of the attribute. Arabic numerals only: a Chinese numeral's
     * value match takes its classifier in (六项), and is judged by nearness alone.
     */
    private static boolean countsAnother(String sentence, int end, List<String> pieces) {
        int i = end;
        while (i < sentence.length()
                && (Character.isDigit(sentence.charAt(i)) || ".． ".indexOf(sentence.charAt(i)) >= 0)) {
            i++;
        }
        if (i >= sentence.length() || RULES.classifiers.indexOf(sentence.charAt(i)) < 0) {
            return false;
        }
        i++;
        while (i < sentence.length() && sentence.charAt(i) == ' ') {
            i++;
        }
        int from = i;
        while (i < sentence.length() && i - from < COUNTED_CHARS && isCjk(sentence.charAt(i))) {
            i++;
        }
        String counted = canonical(sentence.substring(from, i));
        return counted.length() >= 2 && pieces.stream().noneMatch(counted::contains);
    }

    /** How many characters after a classifier are read as the noun it counts. */
    private static final int COUNTED_CHARS = 4;

    /**
     * Whether a value of the asked type (a date, a year) ends at most twice {@link #NEAR} characters
     * before {@code sentence}'s char {@code start}: Chinese writes the verb a date is of after it
     * (3 月 12 日，OpenAI 开放了…, 2022年加入德邦证券); a word before the date qualifies something
     * else (初创公司月之暗面于 2023 年 10 月推出: 初创 is no founding).
     */
    boolean valueBefore(String sentence, int start) {
        return valueBefore(sentence).test(start);
    }

    /**
     * As {@link #valueBefore(String, int)} for the starts of many runs of one sentence: its values
     * are found once, when first asked for, not once a run.
     */
    IntPredicate valueBefore(String sentence) {
        Pattern value = valuePattern();
        if (value == null) {
            return start -> false;
        }
        int[][] ends = {null};
        return start -> {
            if (ends[0] == null) {
                ends[0] = value.matcher(sentence)
                        .results()
                        .mapToInt(MatchResult::end)
                        .toArray();
            }
            // A date's pattern takes its month alone (3 月 of 3 月 12 日), and a subject may stand
            // between it and the verb (3 月 12 日，OpenAI 开放了): twice the reach of a quantity's.
            for (int end : ends[0]) {
                if (start >= end && start <= end + 2 * NEAR) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Whether a value of the asked type lies within a few characters of {@code sentence}'s chars
     * {@code start} to {@code end} (the words that stand for the attribute asked about). Checked for
     * quantities only, like {@link #valueNearFocus}.
     */
    boolean valueNear(String sentence, int start, int end) {
        Pattern value = valuePattern();
        if (value == null || !(type == Type.COUNT || type == Type.MONEY || type == Type.PERCENT)) {
            return true;
        }
        Matcher m = value.matcher(sentence);
        while (m.find()) {
            if (start >= m.start() - NEAR - (end - start) && start <= m.end() + NEAR) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code sentence} writes a value whose form names the attribute asked about (1920x1080p is
     * a resolution, 60 FPS a frame rate), where the word for the attribute need not be written.
     */
    boolean valueNamesFocus(String sentence) {
        // 清晰度 asks for a 分辨率: each word of a class stands for all of them.
        String f = canonical(focus);
        for (Map.Entry<String, Pattern> e : RULES.valuesNaming.entrySet()) {
            boolean asksIt = (!f.isEmpty() && f.contains(e.getKey())) || focusWords.contains(e.getKey());
            if (asksIt && e.getValue().matcher(sentence).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code text} mentions the attribute asked about: a focus of one or two characters
     * as written, a longer one by more than half of its character pairs (参数量 by 参数量, not by
     * 数量); an English question's attribute by one of its Chinese words.
     */
    boolean focusIn(String text) {
        if (!focusWords.isEmpty()) {
            String lower = text.toLowerCase(Locale.ROOT);
            return focusWords.stream().anyMatch(w -> lower.contains(w.toLowerCase(Locale.ROOT)));
        }
        if (focus.isEmpty()) {
            return true;
        }
        if (type == Type.RATING) {
            return text.contains(focus);
        }
        // 面世 is found where the report writes 推出: each word of a class stands for all of them.
        String f = canonical(focus);
        String t = canonical(text);
        if (f.length() <= 2) {
            return t.contains(f);
        }
        // More than half: 参数量 is not covered by 数量 alone. Or every word of the focus but its
        // loose one-character ones: 任命 for 任命当, 岩画 for 组岩画 (not 用户 for 月活用户).
        return TextMatch.pairShare(f, t) > 0.5
                || (!focusParts.isEmpty() && focusParts.stream().allMatch(w -> t.contains(canonical(w))));
    }

    /**
     * The Chinese words next to the question word: after it (多少<b>参数</b>, 多大<b>显存</b>), else before
     * it (<b>参数量</b>是多少, 公司<b>成立</b>于哪一年, <b>视频</b>有多长).
     */
    static String focus(String question) {
        return focus(question, 0);
    }

    /**
     * The measure a Chinese query with no question word ends in (涨跌幅 of 德邦传媒指数近一年涨跌幅, 参数量 of
     * Sora参数量), or empty: a query with a question word, or ending otherwise (Kimi 功能).
     */
    static String endingMeasure(String question) {
        String q = question.strip().replaceAll("[？?！!。.，,\\s]+$", "");
        if (q.isEmpty()
                || Language.of(q) != Language.CHINESE
                || RULES.focusCues.matcher(q).find()
                || !QuestionWords.strip(q).equals(q)
                || !isCjk(q.charAt(q.length() - 1))) {
            return "";
        }
        String last = withoutCue(trimmed(run(q, q.length() - 1, -1, 4)));
        return measured(List.of(last)) ? last : "";
    }

    /** Whether one of the words names a measure: it ends in 量, 率, 度, 长 … (参数量, 帧率, 时长). */
    private static boolean measured(List<String> words) {
        return words.stream()
                .anyMatch(w -> !w.isEmpty() && RULES.measureSuffixes.indexOf(w.charAt(w.length() - 1)) >= 0);
    }

    /** The focus next to the first question word from {@code typeAt} (where the type was read) on. */
    private static String focus(String question, int typeAt) {
        Matcher m = RULES.focusCues.matcher(question);
        if (!m.find(Math.max(0, typeAt - 1)) && !m.find(0)) {
            return "";
        }
        String after = withoutCue(trimmed(run(question, m.end(), +1, 6)));
        String unit = RULES.units.stream().filter(after::startsWith).findFirst().orElse("");
        boolean verbAfter = hasModal(after);
        // 水深多少的海域: a noun joined by 的 to 多少 names what the value is of (the sea areas), and
        // the word before the cue the attribute measured (水深); the noun counts only when there is
        // none. After an adjectival cue the noun is the attribute (多大的显存, 多长的推理时间).
        boolean joinedByDe = question.substring(m.end()).stripLeading().startsWith("的")
                && !RULES.adjectival.matcher(m.group()).matches();
        boolean afterNamesIt = !after.isEmpty() && !RULES.typeNouns.contains(after) && unit.isEmpty() && !verbAfter;
        if (afterNamesIt && !joinedByDe) {
            return after;
        }
        String counted = after.substring(unit.length());
        if (RULES.adjectival.matcher(m.group()).matches()) {
            // 视频有多久 asks how long the video is; 参数量有多大 asks for a measure (量, 率, 度 …) it names.
            String h = question.substring(0, m.start()).replaceAll("[有是]+\\s*$", "");
            String measured = withoutCue(run(h, h.length() - 1, -1, 4));
            return measured(List.of(measured)) ? measured : "";
        }
        int end = m.start();
        String head = question.substring(0, end).stripTrailing();
        // A verb is skipped only as a whole word: 长了 is not cut off 拉长了.
        boolean[] starts = Words.wordStarts(question);
        for (boolean skipped = true; skipped; ) {
            skipped = false;
            for (String verb : RULES.verbsBeforeCue) {
                if (head.endsWith(verb) && head.length() > verb.length() && starts[head.length() - verb.length()]) {
                    head = head.substring(0, head.length() - verb.length()).stripTrailing();
                    skipped = true;
                }
            }
        }
        String before = withoutCue(trimmed(run(head, head.length() - 1, -1, 4)));
        // A phrase with a modal (能摸到) is a verb, and one after 比 (比传统方式快了多少) the base of a
        // comparison: neither names an attribute.
        boolean verb = hasModal(before);
        int at = head.length() - before.length();
        boolean comparedTo = at > 0 && head.charAt(at - 1) == '比';
        if (!before.isEmpty() && !RULES.typeNouns.contains(before) && !verb && !comparedTo) {
            return before;
        }
        if (afterNamesIt) {
            return after;
        }
        // What follows the unit is what is counted (多少条视频数据); else the unit itself (能接受多少字).
        return counted.length() >= 2 ? counted : unit;
    }

    /**
     * A phrase without the adverbs at its ends (彻底开源 → 开源, 方案到底 → 方案) and without a directional
     * complement after its verb (推出来 → 推出): neither names the attribute.
     */
    static String trimmed(String phrase) {
        String p = phrase;
        for (boolean cut = true; cut && p.length() > 2; ) {
            cut = false;
            for (String adverb : RULES.adverbs) {
                if (p.length() > adverb.length() + 1 && p.startsWith(adverb)) {
                    p = p.substring(adverb.length());
                    cut = true;
                } else if (p.length() > adverb.length() + 1 && p.endsWith(adverb)) {
                    p = p.substring(0, p.length() - adverb.length());
                    cut = true;
                }
            }
        }
        // A numeral with its measure word (一次, 第一个) counts or orders; it names no attribute.
        p = RULES.numeralMeasure.matcher(p).replaceAll("");
        for (String complement : RULES.complements) {
            if (p.length() > complement.length() && p.endsWith(complement)) {
                // Only the direction goes (来, 去): 推出来 keeps 推出, 提起来 keeps 提起.
                return p.substring(0, p.length() - 1);
            }
        }
        return p;
    }

    /**
     * The text with each word of a word class written as the first word of its class (面世, 推出 →
     * 发布), in one pass, longest words first, so that the words of the question and of the report
     * compare as the same.
     */
    static String canonical(String text) {
        Matcher m = RULES.classWords.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(RULES.classOf.get(m.group())));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** Whether a phrase holds a modal as a word of its own (能 of 能接受, not of 功能). */
    private static boolean hasModal(String phrase) {
        boolean[] alone = Words.singleCharWords(phrase);
        for (int i = 0; i < phrase.length(); i++) {
            if (alone[i] && RULES.modals.indexOf(phrase.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** A word with a question word in it (几号 in 几月几号) asks again; it names no attribute. */
    private static String withoutCue(String word) {
        // One character cut off by a particle (所 of 所有) names nothing either.
        return word.length() < 2 || RULES.focusCues.matcher(word).find() ? "" : word;
    }

    /** Up to {@code max} Chinese characters from {@code at} in {@code step} direction, particles at the near end skipped. */
    private static String run(String q, int at, int step, int max) {
        int i = at;
        // Skip a measure word or type noun right after the cue (多少<名>员工, 什么<时候>开放).
        // (哪天晚上开播: a day, then a time of day, before the event asked about.)
        for (boolean skipped = step > 0; skipped; ) {
            skipped = false;
            for (String noun : RULES.typeNouns) {
                if (q.startsWith(noun, i) && i + noun.length() < q.length() && isCjk(q.charAt(i + noun.length()))) {
                    i += noun.length();
                    skipped = true;
                    break;
                }
            }
        }
        // A particle character inside a word (及 of 普及率, 于 of 对于) does not end the run.
        boolean[] alone = Words.singleCharWords(q);
        while (i >= 0 && i < q.length() && isParticle(q, i, alone)) {
            i += step;
        }
        int from = i;
        while (i >= 0 && i < q.length() && isCjk(q.charAt(i)) && !isParticle(q, i, alone) && Math.abs(i - from) < max) {
            i += step;
        }
        int start = step > 0 ? from : i + 1;
        int end = step > 0 ? i : from + 1;
        boolean cut = Math.abs(i - from) == max && i >= 0 && i < q.length() && isCjk(q.charAt(i));
        if (cut) {
            // Cut off by the length, the far end may split a word (跃用户数 of 月活跃用户数): the word is
            // taken whole (活跃用户数), as the reports write it.
            boolean[] starts = Words.wordStarts(q);
            if (step < 0) {
                while (start > 0 && !starts[start]) {
                    start--;
                }
            } else {
                while (end < q.length() && !starts[end]) {
                    end++;
                }
            }
        }
        return q.substring(start, end);
    }

    private static boolean isParticle(String q, int i, boolean[] alone) {
        return RULES.particles.indexOf(q.charAt(i)) >= 0 && alone[i];
    }

    private static boolean isCjk(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private record TypeRule(Type type, ScreenedPattern asks, Pattern value) {}

    /** How a question asks for a total, and what frames a number as a rate (每月, 一个月). */
    private record Totals(Pattern asks, Pattern rate, int rateChars) {}

    /**
     * A measure (time, money …): the units a question asks in right after 多少/几, the words that ask for
     * it alone (多久) or in English, and a number written in one of its units.
     */
    private record Measure(String name, Pattern after, Pattern alone, Pattern english, Pattern written) {}

    /**
     * An English attribute a question may ask about.
     *
     * @param word the attribute as written in a lower-cased question (frame rate)
     * @param pattern the word whole, singular or plural
     * @param chinese the Chinese words that name it in reports (帧率, FPS)
     */
    private record EnglishAttribute(String word, Pattern pattern, List<String> chinese) {}

    private record Rules(
            List<TypeRule> types,
            Pattern focusCues,
            Pattern ratingSubject,
            Pattern industryWords,
            Map<String, String> colloquial,
            Set<String> typeNouns,
            Set<Type> focused,
            List<String> verbsBeforeCue,
            List<String> adverbs,
            Pattern numeralMeasure,
            List<String> complements,
            Map<String, String> classOf,
            Pattern classWords,
            List<String> units,
            List<EnglishAttribute> englishAttributes,
            Pattern englishAsked,
            Set<String> englishAskedEnds,
            Set<String> englishAskedTypeWords,
            String modals,
            Pattern adjectival,
            String particles,
            String looseWords,
            String measureSuffixes,
            List<Measure> measures,
            Totals totals,
            Map<String, Pattern> valuesNaming,
            Pattern followUpAsksOwnKind,
            String classifiers) {

        static Rules load() {
            JsonNode root = Resources.json("/reportqa/answer-types.json");
            List<TypeRule> types = new ArrayList<>();
            for (JsonNode t : root.path("types")) {
                types.add(new TypeRule(
                        Type.valueOf(t.path("type").asText().toUpperCase(Locale.ROOT)),
                        ScreenedPattern.compile(t.path("asks").asText()),
                        t.hasNonNull("value") ? Pattern.compile(t.path("value").asText()) : null));
            }
            Set<String> nouns = new HashSet<>();
            root.path("typeNouns").forEach(n -> nouns.add(n.asText()));
            Set<Type> focused = new HashSet<>();
            root.path("focused")
                    .forEach(t -> focused.add(Type.valueOf(t.asText().toUpperCase(Locale.ROOT))));
            List<String> verbs = new ArrayList<>();
            root.path("verbsBeforeCue").forEach(v -> verbs.add(v.asText()));
            List<String> units = new ArrayList<>();
            root.path("units").forEach(u -> units.add(u.asText()));
            // Longest first, so that 分钟 is read before 分.
            units.sort((a, b) -> b.length() - a.length());
            // Each English attribute as a whole word, singular or plural, matched in a lower-cased question.
            List<EnglishAttribute> english = new ArrayList<>();
            root.path("englishAttributes").fields().forEachRemaining(e -> {
                List<String> words = new ArrayList<>();
                e.getValue().forEach(w -> words.add(w.asText()));
                english.add(new EnglishAttribute(
                        e.getKey(),
                        Pattern.compile("\\b" + Pattern.quote(e.getKey()) + "(?:s|es)?\\b"),
                        List.copyOf(words)));
            });
            Map<String, String> classes = new HashMap<>();
            for (JsonNode c : root.path("wordClasses")) {
                for (JsonNode w : c) {
                    classes.put(w.asText(), c.get(0).asText());
                }
            }
            classes = Map.copyOf(classes);
            return new Rules(
                    List.copyOf(types),
                    Pattern.compile(root.path("focusCues").asText()),
                    Pattern.compile(root.path("ratingSubject").asText()),
                    Pattern.compile(root.path("industryWords").asText()),
                    colloquial(root.path("colloquial")),
                    Set.copyOf(nouns),
                    Set.copyOf(focused),
                    List.copyOf(verbs),
                    strings(root.path("adverbs")),
                    Pattern.compile(root.path("numeralMeasure").asText()),
                    strings(root.path("complements")),
                    classes,
                    classWords(classes),
                    List.copyOf(units),
                    english,
                    Pattern.compile(
                            root.path("englishAskedPhrase").path("start").asText()),
                    Set.copyOf(strings(root.path("englishAskedPhrase").path("ends"))),
                    Set.copyOf(strings(root.path("englishAskedPhrase").path("typeWords"))),
                    root.path("modals").asText(),
                    Pattern.compile(root.path("adjectival").asText()),
                    root.path("particles").asText(),
                    root.path("looseWords").asText(),
                    root.path("measureSuffixes").asText(),
                    measures(root.path("measures")),
                    new Totals(
                            Pattern.compile(root.path("totals").path("asks").asText()),
                            Pattern.compile(root.path("totals").path("rate").asText()),
                            root.path("totals").path("rateChars").asInt()),
                    valuesNaming(root.path("valuesNamingTheirAttribute")),
                    Pattern.compile(root.path("followUpAsksOwnKind").asText()),
                    root.path("classifiers").asText());
        }

        private static Map<String, Pattern> valuesNaming(JsonNode node) {
            Map<String, Pattern> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith("_")) {
                    out.put(e.getKey(), Pattern.compile(e.getValue().asText()));
                }
            });
            return Map.copyOf(out);
        }

        /** Every word of a class, longest first, as one alternation. */
        private static Pattern classWords(Map<String, String> classes) {
            List<String> words = new ArrayList<>(classes.keySet());
            words.sort((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b));
            return Pattern.compile(
                    String.join("|", words.stream().map(Pattern::quote).toList()));
        }

        private static List<String> strings(JsonNode node) {
            List<String> out = new ArrayList<>();
            node.forEach(n -> out.add(n.asText()));
            return List.copyOf(out);
        }

        private static Map<String, String> colloquial(JsonNode node) {
            Map<String, String> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return Map.copyOf(out);
        }

        private static List<Measure> measures(JsonNode node) {
            String number = "(?<![0-9０-９.])(?:" + node.path("numeral").asText() + ")"
                    + node.path("magnitude").asText();
            List<Measure> out = new ArrayList<>();
            for (JsonNode m : node.path("list")) {
                out.add(new Measure(
                        m.path("measure").asText(),
                        Pattern.compile(m.path("after").asText()),
                        m.hasNonNull("alone") ? Pattern.compile(m.path("alone").asText()) : null,
                        Pattern.compile(m.path("english").asText()),
                        Pattern.compile(number + "(?:" + m.path("written").asText() + ")")));
            }
            return List.copyOf(out);
        }
    }
}
