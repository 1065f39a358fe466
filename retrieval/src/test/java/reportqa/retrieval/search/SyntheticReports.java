package reportqa.retrieval.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded corpus of made-up Chinese reports, large enough for the vector index to be approximate:
 * each report is about one of a few dozen topics and draws most of its words from that topic's
 * words, so passages of a topic are near each other and many have close neighbours. The same seed
 * always writes the same files.
 */
final class SyntheticReports {

    private static final int TOPICS = 40;
    private static final int TOPIC_WORDS = 60;
    private static final int COMMON_WORDS = 400;
    private static final int PARAGRAPHS = 4;
    private static final int WORDS_PER_PARAGRAPH = 45;

    private final Random random;
    private final List<List<String>> topics = new ArrayList<>();
    private final List<String> common = new ArrayList<>();

    SyntheticReports(long seed) {
        this.random = new Random(seed);
        for (int t = 0; t < TOPICS; t++) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < TOPIC_WORDS; i++) {
                words.add(word());
            }
            topics.add(words);
        }
        for (int i = 0; i < COMMON_WORDS; i++) {
            common.add(word());
        }
    }

    /** Writes {@code count} reports named {@code R0000.txt} … into {@code dir}. */
    List<Path> write(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path f = dir.resolve(String.format("R%04d.txt", i));
            Files.writeString(f, report(), StandardCharsets.UTF_8);
            files.add(f);
        }
        return files;
    }

    /** A question-like query: a run of words from one topic. */
    String query() {
        List<String> words = topics.get(random.nextInt(TOPICS));
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            q.append(i % 3 == 2 ? common.get(random.nextInt(COMMON_WORDS)) : words.get(random.nextInt(TOPIC_WORDS)));
        }
        return q.append("？").toString();
    }

    private String report() {
        List<String> words = topics.get(random.nextInt(TOPICS));
        StringBuilder text = new StringBuilder();
        text.append(words.get(random.nextInt(TOPIC_WORDS)))
                .append(words.get(random.nextInt(TOPIC_WORDS)))
                .append("研究\n\n");
        for (int p = 0; p < PARAGRAPHS; p++) {
            for (int w = 0; w < WORDS_PER_PARAGRAPH; w++) {
                boolean topical = random.nextInt(10) < 7;
                text.append(
                        topical ? words.get(random.nextInt(TOPIC_WORDS)) : common.get(random.nextInt(COMMON_WORDS)));
                if (w % 9 == 8) {
                    text.append(w == WORDS_PER_PARAGRAPH - 1 ? "。" : "，");
                }
            }
            text.append("\n\n");
        }
        return text.toString();
    }

    /** Two characters from the common CJK block. */
    private String word() {
        return new String(new char[] {cjk(), cjk()});
    }

    private char cjk() {
        return (char) (0x4E00 + random.nextInt(0x9FA5 - 0x4E00));
    }
}
