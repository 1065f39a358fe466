package reportqa.server.answer;

/**
 * Text from a report's metadata (a broker, a title: whoever may edit a report's metadata writes them)
 * put into an answer, which chat clients render as Markdown: one line of plain text there.
 */
public final class Markdown {

    /**
     * What could make markup of a field in the middle of a line: a link or image ({@code [}, {@code ]}),
     * emphasis, code, strikethrough, HTML, and the escape itself.
     */
    private static final String MARKUP = "\\`*_[]<>~";

    private Markdown() {}

    /**
     * {@code field} as one line of plain text wherever Markdown is rendered: every run of whitespace
     * one space, no control characters, markup characters escaped. It cannot start a paragraph or a
     * heading, show an image, link elsewhere or pose as an instruction on a line of its own.
     */
    public static String inline(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (char c : field.replaceAll("\\s+", " ").strip().toCharArray()) {
            if (Character.isISOControl(c)) {
                continue;
            }
            if (MARKUP.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
