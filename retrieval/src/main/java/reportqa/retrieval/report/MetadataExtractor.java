package reportqa.retrieval.report;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a report's metadata from its cleaned text: broker, title, date, analysts, industry, rating,
 * report type; each with the evidence it was found by.
 *
 * <p>Dates are never invented: a date the report states ({@code 日期： 2024年03月19日}) is used as is;
 * otherwise the date is inferred as a range from what the report refers to, marked inferred.
 */
public final class MetadataExtractor {

    private static final Pattern STATED_DATE = Pattern.compile(
            "(?:报告日期|发布日期|发布时间|日期)\\s*[:：]\\s*(\\d{4})\\s*[年./-]\\s*(\\d{1,2})\\s*[月./-]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern FULL_DATE = Pattern.compile(
            "(?<!\\d)(20\\d{2})\\s*(?:年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日?|[./-]\\s*(\\d{1,2})\\s*[./-]\\s*(\\d{1,2}))(?!\\d)");
    private static final Pattern MONTH_DAY = Pattern.compile("(?<![\\d年])(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");
    /** Words right before a date that make it a future event (an upper bound on the publication date). */
    private static final Pattern FUTURE_MARKER = Pattern.compile("(?:将在|将于|将|预计|计划|即将|拟于|拟在|有望于)\\s*$");
    private static final int FUTURE_MARKER_WINDOW = 8;
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)");
    private static final Pattern WEB = Pattern.compile("(?i)www\\.([a-z0-9-]+(?:\\.[a-z0-9-]+)+)");
    private static final Pattern OWNER = Pattern.compile("本报告(?:仅供|版权归|版权仅为)\\s*([\\u4e00-\\u9fa5A-Za-z]{2,20}?(?:股份有限公司|有限责任公司|有限公司|公司|证券))");
    private static final Pattern INDUSTRY_LABEL = Pattern.compile("^行业\\s*[:：]\\s*(\\S+)$");
    private static final Pattern PERSON = Pattern.compile("^[\\u4e00-\\u9fa5·]{2,4}$");
    private static final Pattern CONTACT = Pattern.compile("SAC|资格编号|证书编号|执业编号|邮箱|E-?mail|@|Tel|电话", Pattern.CASE_INSENSITIVE);
    private static final int CONTACT_WINDOW_LINES = 3;
    private static final int STRONG_BROKER_SIGNAL = 8;
    private static final int TITLE_MIN = 6;
    private static final int TITLE_MAX = 80;
    private static final List<String> KEY_POINT_HEADINGS = List.of("投资要点", "主要观点", "核心观点", "报告摘要", "摘要");

    private final BrokerRegistry brokers;
    private final Vocabulary vocabulary;
    private final Pattern ratingLine;

    public MetadataExtractor(BrokerRegistry brokers, Vocabulary vocabulary) {
        this.brokers = brokers;
        this.vocabulary = vocabulary;
        this.ratingLine = Pattern.compile("^(?:投资评级|行业评级|评级)?\\s*[:：]?\\s*((?:"
                + String.join("|", vocabulary.ratings())
                + ")(?:\\s*-\\s*[A-Z])?\\s*(?:[（(](?:维持|首次|上调|下调|首次覆盖)[)）]|维持|首次|上调|下调)?)$");
    }

    /** Extracts metadata from a cleaned report split into sections. */
    public ReportMetadata extract(String text, List<Section> sections) {
        Map<String, String> provenance = new LinkedHashMap<>();
        List<Line> body = bodyLines(text, sections);
        List<Line> header = body.stream().filter(l -> l.section.heading().isEmpty()).toList();

        String broker = broker(text, header, provenance);
        ReportDate date = date(text, body, provenance);
        String title = title(body, header, provenance);
        List<String> analysts = people(body, vocabulary.analystLabels(), MetadataField.ANALYSTS, provenance);
        List<String> assistants = people(body, vocabulary.assistantLabels(), MetadataField.ASSISTANTS, provenance);
        String industry = industry(header, body, provenance);
        String rating = rating(body, provenance);
        String reportType = reportType(header, provenance);
        return new ReportMetadata(broker, title, date, analysts, assistants, industry, rating, reportType, provenance);
    }

    private record Line(String text, int index, Section section) {
    }

    private static List<Line> bodyLines(String text, List<Section> sections) {
        List<Line> lines = new ArrayList<>();
        int index = 0;
        for (Section s : sections) {
            if (s.isBoilerplate()) {
                continue;
            }
            for (String l : text.substring(s.start(), s.end()).split("\n")) {
                if (!l.isBlank()) {
                    lines.add(new Line(l.strip(), index++, s));
                }
            }
        }
        return lines;
    }

    // ---------------------------------------------------------------- broker

    private String broker(String text, List<Line> header, Map<String, String> provenance) {
        Map<String, Integer> score = new HashMap<>();
        Map<String, String> why = new HashMap<>();
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            vote(brokers.byDomain(m.group(1)), 10, "e-mail domain " + m.group(1), score, why);
        }
        m = WEB.matcher(text);
        while (m.find()) {
            vote(brokers.byDomain(m.group(1)), 10, "web site www." + m.group(1), score, why);
        }
        m = OWNER.matcher(text);
        while (m.find()) {
            vote(brokers.byName(m.group(1)), 10, "legal owner " + m.group(1), score, why);
        }
        for (Line l : header) {
            vote(brokers.byName(l.text), STRONG_BROKER_SIGNAL, "header line " + l.text, score, why);
        }
        return score.entrySet().stream()
                .filter(e -> e.getValue() >= STRONG_BROKER_SIGNAL)
                .max(Map.Entry.comparingByValue())
                .map(e -> {
                    provenance.put(MetadataField.BROKER.key(), why.get(e.getKey()));
                    return e.getKey();
                })
                .orElse("");
    }

    private static void vote(Optional<BrokerRegistry.Broker> broker, int weight, String reason,
            Map<String, Integer> score, Map<String, String> why) {
        broker.ifPresent(b -> {
            score.merge(b.name(), weight, Integer::sum);
            why.putIfAbsent(b.name(), reason);
        });
    }

    // ---------------------------------------------------------------- date

    private ReportDate date(String text, List<Line> body, Map<String, String> provenance) {
        Matcher stated = STATED_DATE.matcher(text);
        if (stated.find()) {
            LocalDate d = date(stated.group(1), stated.group(2), stated.group(3));
            if (d != null) {
                provenance.put(MetadataField.DATE.key(), "stated: " + stated.group().strip());
                return ReportDate.stated(d, stated.group().strip());
            }
        }
        return inferDate(body, provenance);
    }

    /**
     * The earliest possible date is the latest date the report refers to as past (a related
     * report, an event); the latest possible date is the earliest event it still calls future.
     */
    private ReportDate inferDate(List<Line> body, Map<String, String> provenance) {
        List<Dated> past = new ArrayList<>();
        List<Dated> future = new ArrayList<>();
        List<Line> monthDayLines = new ArrayList<>();
        for (Line l : body) {
            Matcher m = FULL_DATE.matcher(l.text);
            StringBuilder masked = new StringBuilder(l.text);
            while (m.find()) {
                LocalDate d = m.group(2) != null ? date(m.group(1), m.group(2), m.group(3))
                        : date(m.group(1), m.group(4), m.group(5));
                if (d != null) {
                    (isFuture(l.text, m.start()) ? future : past).add(new Dated(d, m.group().strip()));
                }
                for (int i = m.start(); i < m.end(); i++) {
                    masked.setCharAt(i, ' ');
                }
            }
            monthDayLines.add(new Line(masked.toString(), l.index, l.section));
        }
        Integer year = past.stream().map(d -> d.date.getYear()).max(Integer::compare).orElse(null);
        if (year != null) {
            // A month and day without a year ("2月16日 OpenAI 发布") is taken to be in the year of the
            // latest full date the report gives; without any full date the year is unknown and the
            // month-day says nothing.
            for (Line l : monthDayLines) {
                Matcher m = MONTH_DAY.matcher(l.text);
                while (m.find()) {
                    LocalDate d = date(String.valueOf(year), m.group(1), m.group(2));
                    if (d != null) {
                        (isFuture(l.text, m.start()) ? future : past).add(new Dated(d, m.group().strip()));
                    }
                }
            }
        }
        Dated earliest = past.stream().max((a, b) -> a.date.compareTo(b.date)).orElse(null);
        Dated latest = future.stream()
                .filter(f -> earliest == null || !f.date.isBefore(earliest.date))
                .min((a, b) -> a.date.compareTo(b.date)).orElse(null);
        if (earliest == null && latest == null) {
            return ReportDate.UNKNOWN;
        }
        List<String> evidence = new ArrayList<>();
        if (earliest != null) {
            evidence.add("after " + earliest.date + " (refers to “" + earliest.source + "” as past)");
        }
        if (latest != null) {
            evidence.add("before " + latest.date + " (calls “" + latest.source + "” future)");
        }
        String why = "inferred: " + String.join("; ", evidence);
        provenance.put(MetadataField.DATE.key(), why);
        return new ReportDate(earliest == null ? null : earliest.date, latest == null ? null : latest.date, true, why);
    }

    private record Dated(LocalDate date, String source) {
    }

    private static boolean isFuture(String line, int dateStart) {
        String before = line.substring(Math.max(0, dateStart - FUTURE_MARKER_WINDOW), dateStart);
        return FUTURE_MARKER.matcher(before).find();
    }

    private static LocalDate date(String y, String m, String d) {
        try {
            return LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
        } catch (DateTimeException | NumberFormatException e) {
            return null; // "13月40日" is not a date: the text simply has none here
        }
    }

    // ---------------------------------------------------------------- title

    private String title(List<Line> body, List<Line> header, Map<String, String> provenance) {
        for (int i = 1; i < body.size(); i++) {
            String h = stripColon(body.get(i).text);
            if (KEY_POINT_HEADINGS.contains(h) && plausibleTitle(body.get(i - 1).text)) {
                provenance.put(MetadataField.TITLE.key(), "line before " + h);
                return body.get(i - 1).text;
            }
        }
        for (Line l : header) {
            if (plausibleTitle(l.text)) {
                provenance.put(MetadataField.TITLE.key(), "first headline of the header");
                return l.text;
            }
        }
        return "";
    }

    private boolean plausibleTitle(String line) {
        if (line.length() < TITLE_MIN || line.length() > TITLE_MAX) {
            return false;
        }
        if (line.startsWith("——") || line.startsWith("《") || line.startsWith("(") || line.startsWith("（")
                || line.contains("@") || line.contains("\t") || CONTACT.matcher(line).find()) {
            return false;
        }
        if (brokers.byName(line).isPresent() || vocabulary.industries().contains(line)
                || vocabulary.reportTypes().contains(line) || ratingLine.matcher(line).matches()
                || vocabulary.allHeadings().contains(stripColon(line))) {
            return false;
        }
        if (FULL_DATE.matcher(line).find() && line.length() < 20) {
            return false;
        }
        int colon = Math.max(line.indexOf('：'), line.indexOf(':'));
        if (colon > 0 && colon <= 6) {
            String label = line.substring(0, colon).strip();
            // "行业： 传媒", "分析师： 陈旻" are labels; "周观点：七火山…" is a headline.
            if (isLabel(label)) {
                return false;
            }
        }
        return line.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private boolean isLabel(String label) {
        return label.equals("行业") || label.equals("日期") || label.equals("评级") || label.equals("投资评级")
                || vocabulary.analystLabels().contains(label) || vocabulary.assistantLabels().contains(label)
                || label.equals("资料来源") || label.equals("数据来源");
    }

    private static String stripColon(String s) {
        return reportqa.retrieval.text.TextCleaner.stripHeadingPunct(s);
    }

    // ---------------------------------------------------------------- people

    /**
     * Names under a label: {@code 分析师： 陈旻} on one line, or a label line followed by a name line
     * that is itself followed by contact details (SAC number, e-mail), which tells a name from a
     * heading such as 市场表现.
     */
    private List<String> people(List<Line> body, Set<String> labels, MetadataField field, Map<String, String> provenance) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < body.size(); i++) {
            String line = body.get(i).text;
            int colon = Math.max(line.indexOf('：'), line.indexOf(':'));
            if (colon > 0 && labels.contains(line.substring(0, colon).strip())) {
                for (String n : line.substring(colon + 1).strip().split("[、，,\\s]+")) {
                    if (PERSON.matcher(n).matches()) {
                        names.add(n);
                    }
                }
                continue;
            }
            if (labels.contains(line)) {
                for (int j = i + 1; j < body.size() && j <= i + 2; j++) {
                    String candidate = body.get(j).text;
                    if (PERSON.matcher(candidate).matches() && followedByContact(body, j)) {
                        names.add(candidate);
                    }
                }
            }
        }
        if (!names.isEmpty()) {
            provenance.put(field.key(), "named under a label (" + String.join("/", labels) + ")");
        }
        return List.copyOf(names);
    }

    private static boolean followedByContact(List<Line> body, int nameIndex) {
        for (int k = nameIndex + 1; k < body.size() && k <= nameIndex + CONTACT_WINDOW_LINES; k++) {
            if (CONTACT.matcher(body.get(k).text).find()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- industry, rating, type

    private String industry(List<Line> header, List<Line> body, Map<String, String> provenance) {
        for (Line l : body) {
            Matcher m = INDUSTRY_LABEL.matcher(l.text);
            if (m.matches()) {
                provenance.put(MetadataField.INDUSTRY.key(), "label: " + l.text);
                return m.group(1);
            }
        }
        for (Line l : header) {
            if (vocabulary.industries().contains(l.text)) {
                provenance.put(MetadataField.INDUSTRY.key(), "header line " + l.text);
                return l.text;
            }
        }
        return "";
    }

    private String rating(List<Line> body, Map<String, String> provenance) {
        for (Line l : body) {
            Matcher m = ratingLine.matcher(l.text);
            if (m.matches()) {
                provenance.put(MetadataField.RATING.key(), "rating line: " + l.text);
                return m.group(1).strip();
            }
        }
        return "";
    }

    private String reportType(List<Line> header, Map<String, String> provenance) {
        for (Line l : header) {
            if (l.text.startsWith("《") || l.text.contains("》")) {
                continue; // a related report's title, not this report's type
            }
            for (String type : vocabulary.reportTypes()) {
                if (l.text.equals(type) || (l.text.startsWith("——") && l.text.contains(type))) {
                    provenance.put(MetadataField.REPORT_TYPE.key(), "header line " + l.text);
                    return type;
                }
            }
        }
        return "";
    }
}
