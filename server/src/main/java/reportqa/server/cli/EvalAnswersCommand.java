package reportqa.server.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reportqa.retrieval.eval.EvalQuestion;
import reportqa.retrieval.eval.QuestionSet;
import reportqa.server.Application;
import reportqa.server.config.ServerConfig;
import reportqa.server.eval.AnswerEvalResult;
import reportqa.server.eval.AnswerEvaluator;

/** Offline evaluation of whole answers: the expected fact in the answer, abstention when the reports cannot answer. */
@Command(
        name = "eval-answers",
        mixinStandardHelpOptions = true,
        abbreviateSynopsis = true,
        description = {
            "Evaluate answers on a questions file (JSON Lines): how often the answer holds the expected fact,"
                    + " and abstains (with a reason) on questions the reports cannot answer.",
            "Extractive unless a model is configured."
        })
final class EvalAnswersCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @ArgGroup(validate = false, heading = Help.BACKEND, order = Help.BACKEND_ORDER)
    BackendOptions backend = new BackendOptions();

    @ArgGroup(validate = false, heading = Help.MODEL, order = Help.MODEL_ORDER)
    ModelOptions model = new ModelOptions();

    @ArgGroup(validate = false, heading = Help.TUNING, order = Help.TUNING_ORDER)
    TuningOptions tuning = new TuningOptions();

    @Parameters(index = "0", paramLabel = "QUESTIONS.jsonl", description = "The questions file.")
    Path questions;

    @Option(names = "--show", description = "Print every question with its answer (else only the misses' ids).")
    boolean show;

    @Override
    public Integer call() throws Exception {
        List<EvalQuestion> qs = QuestionSet.forRun(questions, System.err::println);
        ServerConfig config = common.load(model, backend);
        try (Application qa = common.openApplication(config, tuning)) {
            AnswerEvalResult r = new AnswerEvaluator(qa.answers(), config.passagesPerAnswer()).evaluate(qs);
            if (show) {
                for (AnswerEvaluator.Graded g : r.graded()) {
                    System.out.printf(
                            "%s %s %s%n%s%n%n",
                            g.right() ? "✓" : "✗",
                            g.question().id(),
                            g.question().question(),
                            g.answer().abstained()
                                    ? "(abstained: " + g.answer().abstainReason() + ")"
                                    : g.answer().answer());
                }
            }
            System.out.printf(
                    "answerable   %3d  fact in answer %3d = %.3f  false abstentions %3d = %.3f%n",
                    r.answerable(), r.factInAnswer(), r.factRate(), r.falseAbstentions(), r.falseAbstentionRate());
            System.out.printf(
                    "unanswerable %3d  abstained      %3d = %.3f%n",
                    r.unanswerable(), r.abstained(), r.abstentionRate());
            System.out.printf(
                    "sources      recall@5 %.3f  (the answering search; a follow-up searched with its conversation)%n",
                    r.sourceRecall(5));
            for (Map.Entry<String, int[]> t : r.byTag().entrySet()) {
                System.out.printf("  %-16s %3d/%-3d%n", t.getKey(), t.getValue()[0], t.getValue()[1]);
            }
            System.out.println("misses: " + String.join(", ", r.misses()));
            return 0;
        }
    }
}
