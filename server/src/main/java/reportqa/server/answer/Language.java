package reportqa.server.answer;

/** Which language a question is in, to answer in it. */
public enum Language {
    CHINESE,
    ENGLISH;

    /** English when Latin letters outnumber Chinese characters. */
    public static Language of(String text) {
        long han = text.codePoints()
                .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                .count();
        long latin = text.codePoints()
                .filter(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                .count();
        return latin > han * 2 ? ENGLISH : CHINESE;
    }
}
