package reportqa.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reportqa.retrieval.Json;
import reportqa.retrieval.eval.EvalQuestion;
import reportqa.retrieval.eval.EvalResult;
import reportqa.retrieval.eval.Evaluator;
import reportqa.retrieval.eval.QueryForm;
import reportqa.retrieval.eval.QuestionSet;
import reportqa.retrieval.search.SearchMode;
import reportqa.server.Application;
import reportqa.server.config.ConfigKey;
import reportqa.server.config.LlmProvider;
import reportqa.server.config.ServerConfig;
import reportqa.server.eval.AskedQueries;

/** Offline retrieval evaluation: a questions file in, recall / MRR / nDCG out. No LLM. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        abbreviateSynopsis = true,
        description = "Evaluate retrieval on a questions file (JSON Lines) over any corpus folder.")
final class EvalCommand implements Callable<Integer> {

    /** Value of --mode that evaluates every mode. */
    static final String ALL = "all";

    @Mixin
    CommonOptions common;

    @ArgGroup(validate = false, heading = Help.BACKEND, order = Help.BACKEND_ORDER)
    BackendOptions backend = new BackendOptions();

    @ArgGroup(validate = false, heading = Help.TUNING, order = Help.TUNING_ORDER)
    TuningOptions tuning = new TuningOptions();

    @Parameters(index = "0", paramLabel = "QUESTIONS.jsonl", description = "The questions file.")
    Path questions;

    @Option(names = "--mode", paramLabel = "MODE", description = "bm25, dense, hybrid or all (default: hybrid).")
    String mode = SearchMode.DEFAULT.key();

    @Option(names = "--json", description = "Print one JSON object (per mode, keyed by mode, for --mode all).")
    boolean json;

    @Option(
            names = "--as-written",
            description = "Search each question's text alone, as a search box would (default: as an answer"
                    + " searches it: romanised names in Chinese, a follow-up made standalone from its conversation).")
    boolean asWritten;

    @Option(
            names = "--show",
            description = "Print every answerable question with no relevant passage in the top 5: the query"
                    + " searched and the top passages (before the table; not with --json).")
    boolean show;

    @Override
    public Integer call() throws Exception {
        List<EvalQuestion> qs = QuestionSet.forRun(questions, System.err::println);
        List<SearchMode> modes =
                ALL.equalsIgnoreCase(mode) ? List.of(SearchMode.values()) : List.of(SearchMode.parse(mode));
        // No model: the evaluation is offline, and a follow-up is made standalone the extractive way.
        ServerConfig config = common.load(o -> o.put(ConfigKey.LLM_PROVIDER, LlmProvider.NONE.key()), backend);
        try (Application qa = common.openApplication(config, tuning)) {
            System.err.println(qa.lastUpdate().summary());
            QueryForm form =
                    asWritten ? QueryForm.AS_WRITTEN : new AskedQueries(qa.answers(), config.passagesPerAnswer());
            Evaluator evaluator = new Evaluator(qa.library().retriever(), form);
            List<EvalResult> results = new ArrayList<>();
            for (SearchMode m : modes) {
                results.add(evaluator.evaluate(qs, m));
            }
            if (json) {
                ObjectMapper mapper = Json.mapper();
                Object out = results.size() == 1 ? flat(results.get(0)) : keyed(results);
                System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            } else {
                if (show) {
                    results.forEach(EvalCommand::printLowRanked);
                }
                printTable(results, asWritten);
            }
            return 0;
        }
    }

    /** The questions whose first relevant passage is not in the top 5, with what was searched and found. */
    private static void printLowRanked(EvalResult r) {
        for (EvalResult.Ranking x : r.rankings()) {
            if (x.firstRelevant() > 0 && x.firstRelevant() <= 5) {
                continue;
            }
            System.out.printf(
                    "%s %s first relevant %s%n  asked   %s%n  searched %s%n",
                    r.mode(),
                    x.question().id(),
                    x.firstRelevant() == 0 ? "none" : "#" + x.firstRelevant(),
                    x.question().question(),
                    x.query());
            x.passages().stream()
                    .limit(3)
                    .forEach(p -> System.out.printf("  #%d %s %s%n", p.rank(), p.reportId(), head(p.text())));
        }
    }

    /** A passage's first characters on one line. */
    private static String head(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 70 ? line : line.substring(0, 70) + "…";
    }

    private static Map<String, Object> keyed(List<EvalResult> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        results.forEach(r -> out.put(r.mode(), flat(r)));
        return out;
    }

    private static Map<String, Object> flat(EvalResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", r.mode());
        out.put("questions", r.questions());
        out.put("followUps", r.followUps());
        r.metrics().forEach((k, v) -> out.put(k, round(v)));
        out.put("meanQueryMs", round(r.meanQueryMillis()));
        out.put("misses", r.misses());
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static void printTable(List<EvalResult> results, boolean asWritten) {
        System.out.printf(
                "%-8s %9s %9s %9s %9s %9s %8s %8s %9s%n",
                "mode", "questions", "recall@1", "recall@3", "recall@5", "recall@10", "mrr@10", "ndcg@10", "ms/query");
        for (EvalResult r : results) {
            System.out.printf(
                    "%-8s %9d %9.3f %9.3f %9.3f %9.3f %8.3f %8.3f %9.1f%n",
                    r.mode(),
                    r.questions(),
                    r.metric("recall@1"),
                    r.metric("recall@3"),
                    r.metric("recall@5"),
                    r.metric("recall@10"),
                    r.metric("mrr@10"),
                    r.metric("ndcg@10"),
                    r.meanQueryMillis());
        }
        for (EvalResult r : results) {
            if (r.followUps() > 0) {
                System.out.printf(
                        "%s: %d follow-ups searched %s; the other %d: recall@5 %.3f, MRR@10 %.3f%n",
                        r.mode(),
                        r.followUps(),
                        asWritten
                                ? "without their conversation (as written)"
                                : "with their conversation (as an answer searches them)",
                        r.questions() - r.followUps(),
                        r.metric(EvalResult.STANDALONE_RECALL_5),
                        r.metric(EvalResult.STANDALONE_MRR_10));
            }
        }
        for (EvalResult r : results) {
            if (!r.misses().isEmpty()) {
                List<String> shown = r.misses().size() > 50 ? r.misses().subList(0, 50) : r.misses();
                System.out.printf(
                        "%s: no relevant passage in the top 10 for %d question(s): %s%s%n",
                        r.mode(),
                        r.misses().size(),
                        String.join(", ", shown),
                        r.misses().size() > shown.size() ? ", …" : "");
            }
        }
    }
}
