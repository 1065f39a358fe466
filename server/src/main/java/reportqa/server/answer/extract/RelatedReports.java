package reportqa.server.answer.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reportqa.retrieval.Resources;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.search.SearchBackend;
import reportqa.retrieval.search.SearchFilters;
import reportqa.server.answer.Markdown;

/**
 * When a report a report lists as related was published ("上海证券 Kimi 那期周报列的相关报告里，《2024W11
 * 周数据跟踪》是哪天发的？"): the list prints each title with its date, on its line (《…》，2024.2.18)
 * or the next (——2024 年 03 月 21 日). A question that asks for a date and names one listed title whole
 * is answered from that entry, cited; the words are in {@code related-reports.json}.
 */
final class RelatedReports {

    /**
     * A listed report.
     *
     * @param title its title, without the brackets
     * @param date its date as the list writes it
     * @param line the text the date was read from, to find the passage to cite
     */
    record Entry(String title, String date, String line) {}

    private static final Pattern ASKS_DATE;
    private static final Pattern TITLE_THEN_DATE;
    private static final Pattern DATE_LINE;
    private static final Pattern QUOTED_TITLE = Pattern.compile("《([^》]{1,80})》");

    static {
        JsonNode root = Resources.json("/reportqa/related-reports.json");
        ASKS_DATE = Pattern.compile(root.path("asksDate").asText());
        TITLE_THEN_DATE = Pattern.compile(root.path("titleThenDate").asText());
        DATE_LINE = Pattern.compile(root.path("dateLine").asText());
    }

    private final SearchBackend backend;
    private final HeaderFacts header;

    RelatedReports(SearchBackend backend, HeaderFacts header) {
        this.backend = backend;
        this.header = header;
    }

    /**
     * The date of the listed report the question names, from the reports it means; empty when it asks
     * for no date, means no report, or names no listed title whole.
     */
    Optional<ExtractiveAnswerer.Draft> answer(String question, SearchFilters applied) throws IOException {
        if (!ASKS_DATE.matcher(question).find()) {
            return Optional.empty();
        }
        List<ReportCard> meant = header.meant(question, applied).listed();
        FactLines facts = new FactLines(header);
        for (ReportCard r : meant.subList(0, Math.min(meant.size(), TableCells.MAX_REPORTS))) {
            Optional<Report> report = backend.report(r.id());
            if (report.isEmpty()) {
                continue;
            }
            for (Entry e : entries(report.get().text())) {
                if (named(question, e.title())) {
                    facts.add(r, e.line(), "相关报告《" + Markdown.inline(e.title()) + "》 " + e.date());
                }
            }
        }
        return facts.answer();
    }

    /**
     * Whether the question names the title whole (spaces left out): in 《》 as the list writes it, or,
     * when it quotes no title, anywhere in its words (其中 2024W09 周数据跟踪是哪天出的).
     */
    static boolean named(String question, String title) {
        String t = title.replaceAll("\\s+", "");
        Matcher q = QUOTED_TITLE.matcher(question);
        boolean quotes = false;
        while (q.find()) {
            quotes = true;
            if (q.group(1).replaceAll("\\s+", "").equals(t)) {
                return true;
            }
        }
        return !quotes && question.replaceAll("\\s+", "").contains(t);
    }

    /** The listed reports of a report's text: a title in 《》 with its date after it or on the next line. */
    static List<Entry> entries(String text) {
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = TITLE_THEN_DATE.matcher(lines[i].strip());
            if (!m.matches()) {
                continue;
            }
            if (m.group(2) != null) {
                out.add(new Entry(m.group(1), m.group(2), lines[i].strip()));
                continue;
            }
            // The date on the next line that is not blank (——2024 年 03 月 21 日).
            for (int j = i + 1; j < lines.length && j <= i + 2; j++) {
                Matcher d = DATE_LINE.matcher(lines[j].strip());
                if (d.matches()) {
                    out.add(new Entry(m.group(1), d.group(1), lines[j].strip()));
                    break;
                }
                if (!lines[j].isBlank()) {
                    break;
                }
            }
        }
        return out;
    }
}
