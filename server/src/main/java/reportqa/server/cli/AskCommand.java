package reportqa.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reportqa.retrieval.Json;
import reportqa.retrieval.embed.BgeSmallZhEmbedder;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.search.SearchMode;
import reportqa.server.ReportQa;
import reportqa.server.answer.Answer;
import reportqa.server.answer.AskRequest;
import reportqa.server.answer.Citation;
import reportqa.server.config.ServerConfig;

/** Answers one question on the command line, with numbered citations. */
@Command(name = "ask", mixinStandardHelpOptions = true, description = "Answer a question with citations.")
final class AskCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions settings;

    @Mixin
    LibraryOptions library;

    @Parameters(index = "0", paramLabel = "QUESTION", description = "The question.")
    String question;

    @Option(names = "--json", description = "Print the same JSON object as POST /api/ask.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = settings.load();
        BgeSmallZhEmbedder embedder = library.embedder();
        try (ReportQa qa = ReportQa.open(config, library.config(config, embedder.modelId()), embedder, LibraryOptions.progress(System.err))) {
            Answer a = qa.answers().ask(new AskRequest(question, null, SearchFilters.NONE, config.passagesPerAnswer(), SearchMode.DEFAULT));
            if (json) {
                System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(a));
                return 0;
            }
            System.out.println(a.answer());
            if (!a.citations().isEmpty()) {
                System.out.println();
            }
            for (Citation c : a.citations()) {
                System.out.printf("[%d] %s · %s · 《%s》%s%n", c.n(), c.broker().isEmpty() ? "未知机构" : c.broker(),
                        c.date().isEmpty() ? "日期不详" : c.date(), c.title(), c.unsupported() ? "  (unsupported by its sentence)" : "");
            }
            if (a.degraded() != null) {
                System.out.println("\n(degraded: " + a.degraded() + ")");
            }
            return 0;
        }
    }
}
