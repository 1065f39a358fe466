package reportqa.server.cli;

import picocli.CommandLine.Option;
import reportqa.retrieval.search.HybridOptions;

/**
 * How the index is searched. The defaults are the measured best; the flags exist to measure
 * alternatives with {@code eval}, so help lists them under their own heading.
 */
final class SearchTuning {

    @Option(
            names = "--lexical-weight",
            paramLabel = "W",
            description = "Hybrid: weight of BM25 against dense, 0..1 (default: ${DEFAULT-VALUE}).")
    double lexicalWeight = HybridOptions.DEFAULT.lexicalWeight();

    @Option(
            names = "--candidates",
            paramLabel = "N",
            description = "Hybrid: candidates from each retriever (default: ${DEFAULT-VALUE}).")
    int candidates = HybridOptions.DEFAULT.candidates();

    @Option(
            names = "--title-boost",
            paramLabel = "B",
            description = "Weight of title matches in BM25, 0 = off (default: ${DEFAULT-VALUE}).")
    double titleBoost = HybridOptions.DEFAULT.titleBoost();

    @Option(
            names = "--furniture-demotion",
            paramLabel = "W",
            description = "How far passages of page furniture (related-report lists, captions) rank below content, "
                    + "0 = off (default: ${DEFAULT-VALUE}).")
    double furnitureDemotion = HybridOptions.DEFAULT.furnitureDemotion();

    @Option(
            names = "--header-reports",
            paramLabel = "N",
            description = "For how many of the best reports a question asking for a rating, analysts, title or date "
                    + "gets the passage the field was read from first, 0 = off (default: ${DEFAULT-VALUE}).")
    int headerReports = HybridOptions.DEFAULT.headerReports();

    @Option(names = "--keep-question-words", description = "Keep 什么/哪些/多少 … in BM25 queries.")
    boolean keepQuestionWords;

    HybridOptions hybrid() {
        return new HybridOptions(
                candidates, lexicalWeight, titleBoost, !keepQuestionWords, furnitureDemotion, headerReports);
    }
}
