package reportqa.server.answer.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The choices a question offers (评级是买入还是增持, Is it a diffusion model or a GAN?): a sentence
 * answers it only by naming one of them. Quoting a sentence that names neither ("推荐【创业黑马】" for
 * 买入还是增持) would pass off a different fact as the choice made.
 *
 * @param options the choices, as the question writes them; empty when it offers none
 */
record Choices(List<String> options) {

    Choices {
        options = List.copyOf(options);
    }

    /** 买入还是增持: a short run of letters, digits or Chinese characters on each side of 还是. */
    private static final Pattern CHINESE = Pattern.compile(
            "([\\p{IsHan}A-Za-z0-9.%+-]{1,8}?)\\s*还是\\s*([\\p{IsHan}A-Za-z0-9.%+-]{1,8}?)(?=[？?。，,！!\\s]|呢|啊|$)");
    /** … X or Y? at the end of an English question. */
    private static final Pattern ENGLISH =
            Pattern.compile("(?i)([A-Za-z0-9.+-]+) or (?:an? |the )?([A-Za-z0-9.+-]+)\\s*\\?\\s*$");
    /** A name written the same in Chinese text: an acronym or a word with a digit (GAN, 4K, 1080p). */
    private static final Pattern AS_WRITTEN = Pattern.compile("[A-Z][A-Z0-9.+-]+|.*\\d.*");
    /** Words before the first choice that are not part of it (评级是买入 → 买入). */
    private static final Pattern LEAD_IN = Pattern.compile("^.*[是为选给]");

    /** Reads a question. */
    static Choices of(String question) {
        List<String> out = new ArrayList<>();
        Matcher m = CHINESE.matcher(question);
        if (m.find()) {
            String second = m.group(2).strip();
            // The run before 还是 may hold more than the first choice (德邦更看好AI视频): choices are
            // written alike, so it is cut to the second one's length.
            String first = LEAD_IN.matcher(m.group(1)).replaceFirst("").strip();
            int keep = Math.max(2, second.length());
            add(out, first.length() > keep ? first.substring(first.length() - keep) : first);
            add(out, second);
        } else {
            // An English question's choices are looked for in Chinese text: only names written the same
            // in both (GAN, 1080p, 4K) can be.
            Matcher e = ENGLISH.matcher(question.strip());
            if (e.find()
                    && AS_WRITTEN.matcher(e.group(1)).matches()
                    && AS_WRITTEN.matcher(e.group(2)).matches()) {
                add(out, e.group(1));
                add(out, e.group(2));
            }
        }
        // One side alone is no choice.
        return new Choices(out.size() == 2 ? out : List.of());
    }

    private static void add(List<String> out, String option) {
        String o = option.strip();
        if (o.length() >= 2) {
            out.add(o);
        }
    }

    /** Whether {@code sentence} names one of the choices (true when the question offers none). */
    boolean answeredBy(String sentence) {
        if (options.isEmpty()) {
            return true;
        }
        String lower = sentence.toLowerCase(Locale.ROOT);
        return options.stream().anyMatch(o -> lower.contains(o.toLowerCase(Locale.ROOT)));
    }
}
