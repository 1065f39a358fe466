package reportqa.server.answer;

import java.util.regex.Pattern;

/**
 * Words that stand for a person the conversation named: a pronoun (他, she) or a demonstrative with
 * a word for a person (这位, that analyst). The rewrite stage carries that person over; the answer
 * stage takes them as what a follow-up is about.
 */
public final class Pronouns {

    /** A person pronoun (not the 他 of 其他, "other"), or a demonstrative with a word for a person. */
    public static final String PERSON = "(?<!其)他|她|这位|那位|(?i:\\b(?:he|she|him|her|his|hers|they|them|their)\\b"
            + "|\\b(?:that|this|the same) (?:analyst|author|person|researcher|assistant|writer)\\b)";

    private static final Pattern PERSON_PRONOUN = Pattern.compile(PERSON);

    private Pronouns() {}

    /** Whether the text refers to a person by a pronoun or a demonstrative (他, that analyst). */
    public static boolean refersToPerson(String text) {
        return PERSON_PRONOUN.matcher(text).find();
    }
}
