package reportqa.retrieval.report;

import java.util.List;
import java.util.Map;
import reportqa.retrieval.report.BodyLines.Line;
import reportqa.retrieval.text.Dates;
import reportqa.retrieval.text.TextCleaner;

/**
 * Reads a report's headline: the line right before its key points (投资要点, 核心观点 …), where
 * brokers print the title, else the first header line that could be a headline. The header is full
 * of lines that are not: the broker's name, the industry, the type, the rating, a date, labels
 * ({@code 分析师： 陈旻}), contact details, related reports ({@code 《…》}); those are ruled out.
 */
final class TitleExtractor {

    private static final int TITLE_MIN = 6;
    private static final int TITLE_MAX = 80;
    /** A short line with a date is a date line, not a headline. */
    private static final int DATED_LINE_MAX = 20;
    /** A colon this near the start ends a label ("行业："), farther on it is part of a headline. */
    private static final int LABEL_COLON_MAX = 6;

    private static final List<String> KEY_POINT_HEADINGS = List.of("投资要点", "主要观点", "核心观点", "报告摘要", "摘要");

    private final BrokerRegistry brokers;
    private final Vocabulary vocabulary;
    private final RatingExtractor ratings;

    TitleExtractor(BrokerRegistry brokers, Vocabulary vocabulary, RatingExtractor ratings) {
        this.brokers = brokers;
        this.vocabulary = vocabulary;
        this.ratings = ratings;
    }

    /** The headline, or empty. */
    String extract(BodyLines lines, Map<String, String> provenance) {
        List<Line> body = lines.all();
        for (int i = 1; i < body.size(); i++) {
            String h = TextCleaner.stripHeadingPunct(body.get(i).text());
            if (KEY_POINT_HEADINGS.contains(h) && plausibleTitle(body.get(i - 1).text())) {
                provenance.put(MetadataField.TITLE.key(), "line before " + h);
                return body.get(i - 1).text();
            }
        }
        for (Line l : lines.header()) {
            if (plausibleTitle(l.text())) {
                provenance.put(MetadataField.TITLE.key(), "first headline of the header");
                return l.text();
            }
        }
        return "";
    }

    private boolean plausibleTitle(String line) {
        if (line.length() < TITLE_MIN || line.length() > TITLE_MAX) {
            return false;
        }
        if (line.startsWith("——")
                || line.startsWith("《")
                || line.startsWith("(")
                || line.startsWith("（")
                || line.contains("@")
                || line.contains("\t")
                || PeopleExtractor.CONTACT.matcher(line).find()) {
            return false;
        }
        if (brokers.byName(line).isPresent()
                || vocabulary.industries().contains(line)
                || vocabulary.reportTypes().contains(line)
                || ratings.isRatingLine(line)
                || vocabulary.allHeadings().contains(TextCleaner.stripHeadingPunct(line))) {
            return false;
        }
        if (Dates.FULL_DATE.matcher(line).find() && line.length() < DATED_LINE_MAX) {
            return false;
        }
        int colon = Math.max(line.indexOf('：'), line.indexOf(':'));
        if (colon > 0 && colon <= LABEL_COLON_MAX) {
            String label = line.substring(0, colon).strip();
            // "行业： 传媒", "分析师： 陈旻" are labels; "周观点：七火山…" is a headline.
            if (isLabel(label)) {
                return false;
            }
        }
        return line.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private boolean isLabel(String label) {
        return label.equals("行业")
                || label.equals("日期")
                || label.equals("评级")
                || label.equals("投资评级")
                || vocabulary.analystLabels().contains(label)
                || vocabulary.assistantLabels().contains(label)
                || label.equals("资料来源")
                || label.equals("数据来源");
    }
}
