package reportqa.retrieval.search;

/**
 * How lexical and dense results are fused.
 *
 * @param candidates how many passages each retriever proposes before fusion
 * @param lexicalWeight weight of the normalised BM25 score; the dense score gets the rest
 * @param titleBoost weight of a match in the report title (0 = titles not searched)
 * @param stripQuestionWords whether question words (什么, 哪些, 多少 …) are dropped from lexical queries
 * @param furnitureDemotion how far passages of page furniture rank below content, 0..1 (every mode; see
 *     {@link FurnitureDemotion})
 * @param headerReports for how many of the best reports a question asking for a header field (rating,
 *     analysts …) gets the passage the field was read from first, 0 = off (see {@link HeaderFieldLift})
 */
public record HybridOptions(
        int candidates,
        double lexicalWeight,
        double titleBoost,
        boolean stripQuestionWords,
        double furnitureDemotion,
        int headerReports) {

    /** Chosen by measurement (see README). */
    public static final HybridOptions DEFAULT =
            new HybridOptions(50, 0.6, 0.0, true, FurnitureDemotion.DEFAULT_WEIGHT, HeaderFieldLift.DEFAULT_REPORTS);

    public HybridOptions {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be positive");
        }
        if (lexicalWeight < 0 || lexicalWeight > 1) {
            throw new IllegalArgumentException("lexicalWeight must be in [0, 1]");
        }
        if (furnitureDemotion < 0 || furnitureDemotion > 1) {
            throw new IllegalArgumentException("furnitureDemotion must be in [0, 1]");
        }
        if (headerReports < 0) {
            throw new IllegalArgumentException("headerReports must not be negative");
        }
    }
}
