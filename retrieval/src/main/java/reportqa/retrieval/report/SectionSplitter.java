package reportqa.retrieval.report;

import java.util.ArrayList;
import java.util.List;
import reportqa.retrieval.text.TextCleaner;

/**
 * Splits a cleaned report into sections at known headings and tells body from boilerplate.
 * Once a legal heading (分析师声明, 免责声明, 法律声明 …) has been seen, every later section is
 * boilerplate too: brokers put their rating tables, addresses and a second 风险提示 after it.
 */
public final class SectionSplitter {

    private final Vocabulary vocabulary;

    public SectionSplitter(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    public List<Section> split(String text) {
        List<Section> sections = new ArrayList<>();
        String heading = "";
        SectionKind kind = SectionKind.BODY;
        boolean legal = false;
        int sectionStart = 0;
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int nl = text.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? text.length() : nl;
            String line = TextCleaner.stripHeadingPunct(text.substring(lineStart, lineEnd));
            boolean isBody = vocabulary.bodyHeadings().contains(line);
            boolean isBoilerplate = vocabulary.boilerplateHeadings().contains(line);
            if (isBody || isBoilerplate) {
                if (lineStart > sectionStart) {
                    sections.add(new Section(heading, kind, sectionStart, lineStart));
                }
                legal |= vocabulary.legalStartHeadings().contains(line);
                heading = line;
                kind = legal || isBoilerplate ? SectionKind.BOILERPLATE : SectionKind.BODY;
                sectionStart = lineStart;
            }
            if (nl < 0) {
                break;
            }
            lineStart = nl + 1;
        }
        if (text.length() > sectionStart || sections.isEmpty()) {
            sections.add(new Section(heading, kind, sectionStart, text.length()));
        }
        return sections;
    }
}
