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

/**
 * Questions for a cell of a small table a report prints as text ("华金快报里传媒板块近一个月跑输沪深300多少",
 * "relative performance over the trailing three months?"): a header row of periods (升幅% 1M 3M 12M)
 * and rows of numbers under it (相对收益 -12.24 -15.8 6.67). The row is the kind of figure the question
 * names, the column the period; a period the table has no column for is said to be missing rather
 * than answered with another. The words are in {@code table-cells.json}.
 */
final class TableCells {

    /** A kind of row: the labels reports give it and the words a question uses for it. */
    private record RowKind(Pattern labels, Pattern asks) {}

    /** A period a question names, as a number of months. */
    private record Period(int months, Pattern asks) {}

    /**
     * A table row.
     *
     * @param label its first cell (相对收益)
     * @param values its numbers, one per column
     * @param line the row as written, to find the passage to cite
     */
    record Row(String label, List<String> values, String line) {}

    /**
     * A table whose header names periods.
     *
     * @param columns the header cells (1M, 3M, 12M; 2024E)
     * @param months each column's period in months, or -1 (a year column)
     * @param years each column's year, or -1
     */
    record Table(List<String> columns, List<Integer> months, List<Integer> years, List<Row> rows) {}

    private static final List<RowKind> ROWS;
    private static final List<Period> PERIODS;
    private static final Pattern MONTHS_WRITTEN;
    private static final Pattern OTHER_PERIODS;
    private static final Pattern MONTH_COLUMN = Pattern.compile("(?i)(\\d{1,2})\\s*([MY])|近?(\\d{1,2})个?月");
    private static final Pattern YEAR_COLUMN = Pattern.compile("(20\\d{2})[AEF]?");
    private static final Pattern NUMBER = Pattern.compile("[-+−]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?%?");
    private static final Pattern YEAR_ASKED = Pattern.compile("(?<!\\d)(20\\d{2})(?!\\d)");

    static {
        JsonNode root = Resources.json("/reportqa/table-cells.json");
        List<RowKind> rows = new ArrayList<>();
        for (JsonNode r : root.path("rows")) {
            rows.add(new RowKind(
                    Pattern.compile("^(?:" + r.path("labels").asText() + ")$"),
                    Pattern.compile(r.path("asks").asText())));
        }
        ROWS = List.copyOf(rows);
        List<Period> periods = new ArrayList<>();
        for (JsonNode p : root.path("months")) {
            periods.add(new Period(
                    p.path("months").asInt(), Pattern.compile(p.path("asks").asText())));
        }
        PERIODS = List.copyOf(periods);
        MONTHS_WRITTEN = Pattern.compile(root.path("monthsWritten").asText());
        OTHER_PERIODS = Pattern.compile(root.path("otherPeriods").asText());
    }

    /** Most reports whose tables one answer reads. */
    static final int MAX_REPORTS = 10;

    private final SearchBackend backend;
    private final HeaderFacts header;

    TableCells(SearchBackend backend, HeaderFacts header) {
        this.backend = backend;
        this.header = header;
    }

    /**
     * The cell the question asks for, from the reports it names, or empty when it asks for no kind of
     * row a table holds, names no report, or the reports meant print no such row.
     *
     * @param question the standalone question
     * @param turn the question as asked in this turn: its own row or period wins over the one carried over
     * @param applied the filters the search applied
     */
    Optional<ExtractiveAnswerer.Draft> answer(String question, String turn, SearchFilters applied) throws IOException {
        Optional<RowKind> own = rowKind(turn);
        Optional<RowKind> kind = own.or(() -> rowKind(question));
        // A week's or the year-to-date move is in the text, not in a table of months; a follow-up that
        // asks something of its own ("那分析师是谁？") is not about the figure asked before.
        if (kind.isEmpty()
                || OTHER_PERIODS.matcher(turn).find()
                || HeaderFacts.asksItsOwn(question, turn, own.isPresent())) {
            return Optional.empty();
        }
        List<ReportCard> meant = header.meant(question, applied).listed();
        if (meant.isEmpty()) {
            return Optional.empty();
        }
        // "各家" means every report: the answer quotes the tables of the first few, as a comparison does.
        meant = meant.subList(0, Math.min(meant.size(), MAX_REPORTS));
        int months = monthsIn(turn);
        if (months < 0 && !turn.equals(question)) {
            months = monthsIn(question);
        }
        // A year picks a column of years (2024E); the year of a report date the search filtered on
        // picks the report, not a column.
        int year = months < 0 ? yearIn(turn.equals(question) ? question : turn) : -1;
        if (year > 0
                && applied.hasDateRange()
                && applied.from() != null
                && applied.from().getYear() == year) {
            year = -1;
        }
        FactLines facts = new FactLines(header);
        List<String> missing = new ArrayList<>();
        for (ReportCard r : meant) {
            Optional<Report> report = backend.report(r.id());
            if (report.isEmpty()) {
                continue;
            }
            for (Table t : tables(report.get().text())) {
                for (Row row : t.rows()) {
                    if (!kind.get().labels().matcher(row.label()).matches()) {
                        continue;
                    }
                    String fact;
                    boolean yearColumns = t.years().stream().anyMatch(y -> y > 0);
                    if (months < 0 && (year < 0 || !yearColumns)) {
                        List<String> cells = new ArrayList<>();
                        for (int i = 0; i < t.columns().size(); i++) {
                            cells.add(t.columns().get(i) + " " + row.values().get(i));
                        }
                        fact = row.label() + "：" + String.join("，", cells);
                    } else {
                        int column = column(t, months, year);
                        if (column < 0) {
                            missing.add(row.label() + " for " + String.join(", ", t.columns()) + " only");
                            continue;
                        }
                        fact = row.label() + "（" + t.columns().get(column) + "）："
                                + row.values().get(column);
                    }
                    facts.add(r, row.line(), fact);
                }
            }
        }
        if (facts.isEmpty() && !missing.isEmpty()) {
            return Optional.of(ExtractiveAnswerer.Draft.abstain("the table"
                    + (meant.size() > 1 ? "s of the reports meant give " : " of the report gives ")
                    + String.join("; ", missing)));
        }
        return facts.answer();
    }

    private static Optional<RowKind> rowKind(String text) {
        return ROWS.stream().filter(r -> r.asks().matcher(text).find()).findFirst();
    }

    /** The period a question names, in months (近一个月 1, 6个月 6, three-month 3), or -1. */
    static int monthsIn(String question) {
        Matcher m = MONTHS_WRITTEN.matcher(question);
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        return PERIODS.stream()
                .filter(p -> p.asks().matcher(question).find())
                .mapToInt(Period::months)
                .findFirst()
                .orElse(-1);
    }

    private static int yearIn(String question) {
        Matcher m = YEAR_ASKED.matcher(question);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static int column(Table t, int months, int year) {
        for (int i = 0; i < t.columns().size(); i++) {
            if ((months > 0 && t.months().get(i) == months)
                    || (year > 0 && t.years().get(i) == year)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The tables of a report's text: a line of a label and two or more period headers (1M, 3M, 12M;
     * 2023A, 2024E), then the lines of a label and as many numbers.
     */
    static List<Table> tables(String text) {
        List<Table> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] cells = lines[i].strip().split("\\s+");
            if (cells.length < 3) {
                continue;
            }
            List<String> columns = new ArrayList<>();
            List<Integer> months = new ArrayList<>();
            List<Integer> years = new ArrayList<>();
            for (int c = 1; c < cells.length; c++) {
                Matcher m = MONTH_COLUMN.matcher(cells[c]);
                Matcher y = YEAR_COLUMN.matcher(cells[c]);
                if (m.matches()) {
                    int n = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3));
                    months.add(m.group(2) != null && m.group(2).equalsIgnoreCase("Y") ? 12 * n : n);
                    years.add(-1);
                } else if (y.matches()) {
                    months.add(-1);
                    years.add(Integer.parseInt(y.group(1)));
                } else {
                    break;
                }
                columns.add(cells[c]);
            }
            if (columns.size() < 2 || columns.size() != cells.length - 1) {
                continue;
            }
            List<Row> rows = new ArrayList<>();
            int j = i + 1;
            for (; j < lines.length; j++) {
                String line = lines[j].strip();
                if (line.isEmpty()) {
                    if (rows.isEmpty()) {
                        continue;
                    }
                    break;
                }
                String[] row = line.split("\\s+");
                if (row.length != columns.size() + 1 || NUMBER.matcher(row[0]).matches()) {
                    break;
                }
                List<String> values = new ArrayList<>();
                for (int c = 1; c < row.length; c++) {
                    if (!NUMBER.matcher(row[c]).matches()) {
                        break;
                    }
                    values.add(row[c]);
                }
                if (values.size() != columns.size()) {
                    break;
                }
                rows.add(new Row(row[0], List.copyOf(values), line));
            }
            if (!rows.isEmpty()) {
                out.add(new Table(List.copyOf(columns), List.copyOf(months), List.copyOf(years), List.copyOf(rows)));
                i = j - 1;
            }
        }
        return out;
    }
}
