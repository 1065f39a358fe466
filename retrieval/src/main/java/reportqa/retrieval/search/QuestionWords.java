package reportqa.retrieval.search;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Interrogative words that carry no content: a passage containing 什么 is no more likely to answer
 * "…是什么？" (answers rarely repeat the question word), yet in character-bigram indexes such words
 * are rare and so weigh heavily. They are dropped from lexical queries only.
 */
public final class QuestionWords {

    private static final List<String> WORDS = List.of(
            "为什么", "是什么", "什么样", "怎么样", "有哪些", "是哪些", "是哪个", "是多少", "有多少", "多少钱", "什么", "哪些", "哪个", "哪里", "哪儿", "哪家",
            "哪位", "哪年", "哪天", "哪种", "多少", "几个", "几年", "怎么", "怎样", "如何", "是否", "是谁", "谁是", "请问", "吗", "呢", "？", "?");
    /** In 多长, 多久, 多大 … only 多 is the question: the adjective (长达一分钟, 时长) is a clue. */
    private static final Pattern PATTERN =
            Pattern.compile(String.join("|", WORDS.stream().map(Pattern::quote).toList()) + "|多(?=[长久大高快远重宽])");

    private QuestionWords() {}

    /** The question without its interrogative words. */
    public static String strip(String question) {
        return PATTERN.matcher(question).replaceAll(" ");
    }
}
