package reportqa.server.answer.cite;

import java.util.ArrayList;
import java.util.List;
import reportqa.server.answer.Citation;
import reportqa.server.answer.Markdown;
import reportqa.server.answer.Source;

/**
 * An answer's citations as plain text after it, for a client that shows text only (an
 * OpenAI-compatible chat client, an agent's tool result): {@code [1] 上海证券 · 2024-03-19 · 《title》
 * · 第 3 页}, broker and date first as everywhere. Each line ends in a Markdown hard break, so a client
 * that renders Markdown keeps one source per line and one that does not shows nothing of it.
 */
public final class Footnotes {

    /** What parts a footnote's fields. */
    static final String SEPARATOR = " · ";

    private Footnotes() {}

    /** The footnotes of {@code citations}, after a blank line; empty when there are none. */
    public static String of(List<Citation> citations) {
        if (citations.isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        citations.forEach(c -> lines.add(line(c)));
        return "\n\n" + String.join("  \n", lines);
    }

    /** One citation's footnote: {@code [n] broker · date · 《title》}, and its page when it is from a PDF. */
    public static String line(Citation c) {
        List<String> parts = new ArrayList<>();
        parts.add(c.broker().isEmpty() ? Source.UNKNOWN_BROKER : Markdown.inline(c.broker()));
        parts.add(c.date().isEmpty() ? Source.UNKNOWN_DATE : Markdown.inline(c.date()));
        if (!c.title().isEmpty()) {
            parts.add("《" + Markdown.inline(c.title()) + "》");
        }
        if (c.page() > 0) {
            parts.add("第 " + c.page() + " 页");
        }
        return "[" + c.n() + "] " + String.join(SEPARATOR, parts);
    }
}
