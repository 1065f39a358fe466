package reportqa.server.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import reportqa.retrieval.Json;
import reportqa.server.config.ServerConfig;
import reportqa.server.feedback.Feedback;
import reportqa.server.feedback.FeedbackLog;

/** Reads back the readers' verdicts on answers, as the page sent them ({@code POST /api/feedback}). */
@Command(
        name = "feedback",
        mixinStandardHelpOptions = true,
        abbreviateSynopsis = true,
        description = "Print the latest feedback on answers kept in the data folder, one JSON object a line.")
final class FeedbackCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--limit", paramLabel = "N", description = "How many of the latest (default: ${DEFAULT-VALUE}).")
    int limit = 100;

    @Option(
            names = "--verdict",
            paramLabel = "VERDICT",
            description = "Only helpful, wrong or wrong_citation (default: all).")
    Feedback.Verdict verdict;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--limit must be at least 1, not " + limit);
        }
        ServerConfig config = common.load();
        FeedbackLog log = new FeedbackLog(config.dataDir());
        List<Feedback> found = log.latest(limit, f -> verdict == null || f.verdict() == verdict);
        for (Feedback f : found) {
            System.out.println(Json.mapper().writeValueAsString(f));
        }
        System.err.println(found.size() + " verdict(s) from " + log.file());
        return 0;
    }
}
