package reportqa.server.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.text.Sentences;

/**
 * Writes a library of made-up but realistic broker reports for benchmarks: the same header layout as
 * the seed reports (broker, title, weekly span, rating, industry, date, analysts with contact lines
 * and SAC numbers, related reports), then sections of real sentences drawn from the given text
 * (the seed reports, and any folder of plain text such as the CMRC 2018 paragraphs). Brokers come
 * from the registry, dates from two years, industries and ratings from the lists below; body length
 * varies around {@link #MEAN_PASSAGES} passages of the default chunking.
 *
 * <p>Deterministic: the same sentences, count and seed give byte-for-byte the same files, so two
 * runs (or two machines) measure the same library.
 */
public final class ScaleCorpus {

    /** Passages a generated report has on average (300-character passages, 100 overlapping). */
    public static final int MEAN_PASSAGES = 30;

    private static final List<String> INDUSTRIES =
            List.of("传媒", "计算机", "电子", "通信", "医药", "汽车", "食品饮料", "银行", "非银金融", "机械", "化工", "电力设备", "有色金属", "家电");
    private static final List<String> RATINGS = List.of("增持（维持）", "买入（首次）", "优于大市", "领先大市-A", "中性（维持）", "推荐（维持）");
    private static final List<String> KINDS = List.of("行业周报", "行业点评", "深度报告", "公司点评", "行业快报", "月度报告");
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红晶博文轩宇浩然欣怡子涵梓雨思远旻爽笑";
    private static final List<String> SECTIONS = List.of("主要观点", "投资要点", "行业动态", "公司动态", "投资建议", "风险提示");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年MM月dd日", Locale.ROOT);
    private static final DateTimeFormatter SPAN = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 2);
    private static final int DAYS = 730;

    private final List<String> sentences;
    private final List<BrokerRegistry.Broker> brokers;

    /**
     * @param sentences the sentences report bodies are made of (at least a few hundred for a library
     *     that is not one report repeated)
     */
    public ScaleCorpus(List<String> sentences, BrokerRegistry brokers) {
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("no sentences to write reports from");
        }
        this.sentences = List.copyOf(sentences);
        this.brokers = brokers.brokers();
    }

    /**
     * The sentences of every {@code .txt} file under the folders, in file-name order: lines of at
     * least 12 characters cut at sentence ends, headings and short lines left out.
     */
    public static List<String> sentencesOf(List<Path> folders) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path folder : folders) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(folder)) {
                files = s.filter(p -> p.toString().endsWith(".txt") && Files.isRegularFile(p))
                        .sorted()
                        .toList();
            }
            for (Path f : files) {
                for (String line : Files.readString(f, StandardCharsets.UTF_8).split("\n")) {
                    for (String s : Sentences.split(line.strip())) {
                        String t = s.strip();
                        if (t.length() >= 12 && t.length() <= 400) {
                            out.add(t);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Writes {@code count} reports into {@code dir} (created if missing), named
     * {@code scale_000000.txt} …; returns their paths.
     */
    public List<Path> write(Path dir, int count, long seed) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve(String.format(Locale.ROOT, "scale_%06d.txt", i));
            Files.writeString(file, report(new SplittableRandom(seed * 1_000_003L + i)), StandardCharsets.UTF_8);
            out.add(file);
        }
        return out;
    }

    /** One report's text. */
    String report(SplittableRandom r) {
        BrokerRegistry.Broker broker = brokers.get(r.nextInt(brokers.size()));
        String industry = pick(r, INDUSTRIES);
        String kind = pick(r, KINDS);
        LocalDate date = FIRST_DAY.plusDays(r.nextInt(DAYS));
        StringBuilder b = new StringBuilder();
        b.append(broker.name()).append("\n");
        String english =
                broker.englishShort().isEmpty() ? "" : broker.englishShort().get(0);
        if (!english.isEmpty()) {
            b.append(english.toUpperCase(Locale.ROOT)).append(" SECURITIES\n");
        }
        b.append("\n").append(title(r, industry)).append("\n\n");
        b.append("——")
                .append(industry)
                .append(kind)
                .append("（")
                .append(date.minusDays(8).format(SPAN))
                .append("-")
                .append(date.minusDays(2).format(SPAN))
                .append("）\n\n");
        b.append(pick(r, RATINGS)).append("\n\n");
        b.append("行业： ").append(industry).append("\n");
        b.append("日期： ").append(date.format(DAY)).append("\n");
        int analysts = 1 + r.nextInt(2);
        String domain =
                broker.domains().isEmpty() ? "example.com" : broker.domains().get(0);
        for (int a = 0; a < analysts; a++) {
            b.append("分析师： ").append(person(r)).append("\n");
            b.append("Tel: 021-").append(5000_0000 + r.nextInt(4000_0000)).append("\n");
            b.append("E-mail: analyst")
                    .append(r.nextInt(10_000))
                    .append("@")
                    .append(domain)
                    .append("\n");
            b.append("SAC 编号: S")
                    .append(String.format(Locale.ROOT, "%013d", r.nextLong(10_000_000_000_000L)))
                    .append("\n");
        }
        b.append("\n相关报告：\n\n");
        for (int k = 0; k < 2; k++) {
            b.append("《")
                    .append(title(r, industry))
                    .append("》\n\n——")
                    .append(date.minusDays(7L * (k + 1)).format(DAY))
                    .append("\n\n");
        }
        // Body: sections of paragraphs until about the report's length (a spread around the mean).
        int target = (int) (MEAN_PASSAGES * 200 * (0.4 + 1.2 * r.nextDouble()));
        int written = 0;
        int section = 0;
        while (written < target) {
            b.append(SECTIONS.get(section % SECTIONS.size())).append("\n\n");
            section++;
            for (int p = 0; p < 3 && written < target; p++) {
                int n = 2 + r.nextInt(5);
                StringBuilder para = new StringBuilder();
                for (int s = 0; s < n; s++) {
                    String sentence = pick(r, sentences);
                    para.append(sentence);
                    if (Sentences.ENDS.indexOf(sentence.charAt(sentence.length() - 1)) < 0) {
                        para.append('。');
                    }
                }
                b.append(para).append("\n\n");
                written += para.length();
            }
        }
        return b.toString();
    }

    private String title(SplittableRandom r, String industry) {
        String s = pick(r, sentences);
        return industry + "：" + prefix(s, 10 + r.nextInt(14)).replaceAll("[。！？；，、,.!?;]+$", "");
    }

    /**
     * At most {@code chars} characters of {@code s}, never half of a character outside the BMP (an
     * unpaired surrogate cannot be written as UTF-8).
     */
    static String prefix(String s, int chars) {
        int cut = Math.min(s.length(), chars);
        if (cut > 0 && cut < s.length() && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut);
    }

    private static String person(SplittableRandom r) {
        return "" + SURNAMES.charAt(r.nextInt(SURNAMES.length())) + GIVEN.charAt(r.nextInt(GIVEN.length()))
                + (r.nextBoolean() ? String.valueOf(GIVEN.charAt(r.nextInt(GIVEN.length()))) : "");
    }

    private static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }
}
