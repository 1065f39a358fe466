package reportqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reportqa.retrieval.TestCorpus;
import reportqa.retrieval.report.Vocabulary;

/** Every offset points into cleaned text, so cleaning cleaned text must change nothing. */
class TextCleanerTest {

    private final TextCleaner cleaner = new TextCleaner(Vocabulary.standard().allHeadings());

    static List<Path> seedReports() {
        return TestCorpus.reportFiles();
    }

    @ParameterizedTest
    @MethodSource("seedReports")
    void cleaningASeedReportTwiceChangesNothing(Path report) throws IOException {
        String once = cleaner.clean(Files.readString(report));
        assertFalse(once.isBlank());
        assertEquals(once, cleaner.clean(once), report.getFileName().toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ＡＢＣ１２３％　全角字母与数字",
                "  a  b\t c  \u00A0d\u2003e  ",
                "**粗体**文字__下划线__",
                "*__*",
                "_**_",
                "***三星***",
                "◆ 要点一\n● 要点二\n- 要点三",
                "\uFEFF零\u200B宽\u200D字符",
                "a\r\nb\rc",
                "\n\n\n标题\n\n\n\n正文。\n\n\n",
                // A long line broken mid-sentence, then a short continuation that itself runs on.
                "这是一个很长的句子在这里被 PDF 提取工具从中间断开了所以没有句号结尾\n接着说完。然后又开始了新的\n一句话继续写下去直到结束。",
                // The line after a broken line has no sentence end, but the line it runs on into has one.
                "这是一个很长的句子在这里被 PDF 提取工具从中间断开了所以没有句号结尾\n又一行很长的文字同样也是从中间被提取工具断开没有标点符号的一行\n最后这一行才有句号结尾。",
                "English words split across a broken line of the PDF extraction go\non with a space, 直到句号。",
            })
    void cleaningTrickyTextTwiceChangesNothing(String raw) {
        String once = cleaner.clean(raw);
        assertEquals(once, cleaner.clean(once));
    }

    @Test
    void widthSpacesAndMarkersAreNormalised() {
        assertEquals("ABC123% 全角", cleaner.clean("ＡＢＣ１２３％　全角"));
        assertEquals("a b c", cleaner.clean("  a  b\t c  "));
        assertEquals("粗体文字下划线", cleaner.clean("**粗体**文字__下划线__"));
        assertEquals("要点一\n要点二", cleaner.clean("◆ 要点一\n● 要点二"));
        assertEquals("标题\n\n正文。", cleaner.clean("\n\n\n标题\n\n\n\n正文。\n\n"));
        assertEquals("", cleaner.clean("*__*"), "markers formed by removing markers are removed too");
    }

    @Test
    void numbersAndNamesAreKept() {
        String text = "Open-Sora 1.0 在 2048x2048 分辨率下加速 1.55 倍，60 FPS。";
        assertEquals(text, cleaner.clean(text));
    }

    @Test
    void aRunOnLineIsJoinedWithEveryLineItContinuesOnto() {
        String raw = "这是一个很长的句子在这里被 PDF 提取工具从中间断开了所以没有句号结尾\n接着说完。然后又开始了新的\n一句话继续写下去直到结束。";
        assertEquals("这是一个很长的句子在这里被 PDF 提取工具从中间断开了所以没有句号结尾接着说完。然后又开始了新的一句话继续写下去直到结束。", cleaner.clean(raw));
    }

    @Test
    void headingsAreNeverJoined() {
        String raw = "这是一个很长的句子在这里被 PDF 提取工具从中间断开了所以没有句号结尾\n投资要点\n这是投资要点下面的第一句话，它有句号结尾。";
        assertEquals(raw, cleaner.clean(raw));
    }
}
