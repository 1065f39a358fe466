package reportqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import reportqa.retrieval.TestCorpus;

class ScreenedPatternTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theLeadCharactersAreThoseAMatchCanBeginWith() {
        LeadChars words = LeadChars.of(Pattern.compile("电话|总机|(?i:\\bphone\\b|e-?mail)"));
        assertFalse(words.any());
        for (char c : "电总pPeE".toCharArray()) {
            assertTrue(words.mayBegin(c), "may begin with " + c);
        }
        for (char c : "话机h-的".toCharArray()) {
            assertFalse(words.mayBegin(c), "does not begin with " + c);
        }
        // An optional first piece lets the next begin a match; a look-behind reads none.
        LeadChars optional = LeadChars.of(Pattern.compile("(?<![a-z])(?:本|该)?报告[的]?评级"));
        assertTrue(optional.mayBegin('本') && optional.mayBegin('该') && optional.mayBegin('报'));
        assertFalse(optional.mayBegin('评'));
        LeadChars range = LeadChars.of(Pattern.compile("[0-9一二三]+\\s*个月"));
        assertTrue(range.mayBegin('5') && range.mayBegin('二'));
        assertFalse(range.mayBegin('个'));
    }

    @Test
    void aRangeHoldsItsEndsAndTheOtherCaseOfItsAsciiLetters() {
        // All Chinese characters, as header-questions.json writes them: both ends and between, nothing past.
        LeadChars han = LeadChars.of(Pattern.compile("[一-龥]{2,}"));
        assertTrue(han.mayBegin('一') && han.mayBegin('中') && han.mayBegin('龥'));
        assertFalse(han.mayBegin('〇') || han.mayBegin((char) ('龥' + 1)) || han.mayBegin('A'));
        // X-c runs through [ \ ] ^ _ `: the letters at either end count in both cases, no others.
        LeadChars ascii = LeadChars.of(Pattern.compile("[X-c]"));
        for (char c : "XYZxyz_`abcABC".toCharArray()) {
            assertTrue(ascii.mayBegin(c), "may begin with " + c);
        }
        for (char c : "WwdD".toCharArray()) {
            assertFalse(ascii.mayBegin(c), "does not begin with " + c);
        }
    }

    @Test
    void whatTheReadingDoesNotUnderstandScreensNothing() {
        for (String regex : List.of(
                "(?:评级)?",
                "a|",
                "(?:x)*y*",
                ".{2}报告",
                "[^a]b",
                "\\p{IsHan}+",
                "\\Qa|b\\E",
                "(a)\\1",
                "[a-z&&[^b]]c",
                "\\u7814究",
                "(?u)k",
                "(?x) a b",
                "\\Gx")) {
            assertTrue(LeadChars.of(Pattern.compile(regex)).any(), regex);
        }
        assertTrue(LeadChars.of(Pattern.compile("k", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .any());
    }

    @Test
    void theFirstMatchIsTheMatchersOwnOnTrickyPatterns() {
        List<String> patterns = List.of(
                "\\bphone\\b",
                "(?i:\\bTEL\\b|fax)",
                "(?<=电)话",
                "(?<!联系)电话",
                "^研报",
                "评级$",
                "评级.{0,16}(?:参照|参考)",
                "(?:什么|哪些)标准",
                "a{0}b",
                "x{1,3}?y",
                "(?i)rating (?:system|scale)",
                "[-+]?\\d+(?:\\.\\d+)?%",
                "\\$\\d+",
                "(电话)(?:号码)?");
        List<String> texts = List.of(
                "",
                "phone",
                "的phone是多少",
                "my phone number",
                "smartphone",
                "TEL: 123",
                "Fax 1",
                "电话",
                "联系电话是多少",
                "研报的评级",
                "什么研报评级标准",
                "评级参照什么指数？评级参考",
                "b",
                "xxxy",
                "RATING SCALE",
                "涨了+12.5%和-3%",
                "US$15 and $16",
                "电话号码和电话");
        for (String p : patterns) {
            ScreenedPattern screened = ScreenedPattern.compile(p);
            for (String t : texts) {
                assertSameFirst(screened, t);
            }
        }
    }

    @Test
    void everyPatternOfTheWordListsFindsWhatItsMatcherFindsInTheGoldenQuestions() throws IOException {
        // The word lists of both modules (the answer path's are the server's).
        List<Pattern> patterns = new ArrayList<>();
        Path root = TestCorpus.dir().getParent();
        for (String dir : List.of("retrieval/src/main/resources/reportqa", "server/src/main/resources/reportqa")) {
            try (Stream<Path> files = Files.walk(root.resolve(dir))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    strings(JSON.readTree(f.toFile()), patterns);
                }
            }
        }
        List<String> texts = new ArrayList<>();
        for (String file : List.of("questions-tuning.jsonl", "questions-test.jsonl")) {
            try (Stream<String> lines = Files.lines(TestCorpus.dir().resolve(file))) {
                lines.filter(l -> !l.isBlank())
                        .forEach(l -> texts.add(read(l).path("question").asText()));
            }
        }
        for (Path report : TestCorpus.reportFiles()) {
            if (report.toString().endsWith(".txt")) {
                texts.addAll(Files.readAllLines(report));
            }
        }
        int screening = 0;
        long found = 0;
        for (Pattern p : patterns) {
            ScreenedPattern screened = ScreenedPattern.of(p);
            if (!screened.lead().any()) {
                screening++;
            }
            for (String t : texts) {
                if (assertSameFirst(screened, t)) {
                    found++;
                }
            }
        }
        // The word lists are read (most of their patterns screen), and they match something.
        assertTrue(screening > patterns.size() / 2, screening + " of " + patterns.size() + " patterns screen");
        assertTrue(found > 1000, found + " matches");
        assertTrue(texts.size() > 5000, texts.size() + " texts");
        assertTrue(patterns.size() > 100, patterns.size() + " patterns");
    }

    /** Asserts the screened first match is the matcher's; returns whether there was one. */
    private static boolean assertSameFirst(ScreenedPattern screened, String text) {
        Pattern p = screened.pattern();
        Matcher m = p.matcher(text);
        boolean expected = m.find();
        Optional<MatchResult> got = screened.first(text);
        assertEquals(expected, got.isPresent(), () -> p + " in " + text);
        assertEquals(expected, screened.find(text), () -> p + " in " + text);
        if (expected) {
            assertEquals(m.start(), got.get().start(), () -> p + " in " + text);
            assertEquals(m.end(), got.get().end(), () -> p + " in " + text);
            assertEquals(m.group(), got.get().group(), () -> p + " in " + text);
        }
        return expected;
    }

    /** Every string of the tree that reads as a pattern. */
    private static void strings(JsonNode node, List<Pattern> out) {
        if (node.isTextual()) {
            String s = node.asText();
            // Words are not patterns worth the time: only strings with a pattern's syntax in them.
            if (s.chars().anyMatch(c -> "|()[]\\?*+{".indexOf(c) >= 0)) {
                try {
                    out.add(Pattern.compile(s));
                } catch (PatternSyntaxException notAPattern) {
                    // A word list also holds words and sentences that are not patterns.
                }
            }
        } else {
            node.forEach(child -> strings(child, out));
        }
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
