package reportqa.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reportqa.retrieval.Json;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.search.SearchMode;
import reportqa.server.Application;
import reportqa.server.answer.Answer;
import reportqa.server.answer.AskRequest;
import reportqa.server.answer.Citation;
import reportqa.server.answer.Source;
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
        try (Application qa = library.openApplication(config)) {
            Answer a = qa.answers()
                    .ask(new AskRequest(
                            question, null, SearchFilters.NONE, config.passagesPerAnswer(), SearchMode.DEFAULT));
            if (json) {
                System.out.println(
                        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(a));
                return 0;
            }
            System.out.println(a.answer());
            if (!a.citations().isEmpty()) {
                System.out.println();
            }
            for (Citation c : a.citations()) {
                System.out.printf(
                        "[%d] %s · %s · 《%s》%s%n",
                        c.n(),
                        c.broker().isEmpty() ? Source.UNKNOWN_BROKER : c.broker(),
                        c.date().isEmpty() ? Source.UNKNOWN_DATE : c.date(),
                        c.title(),
                        c.unsupported() ? "  (unsupported by its sentence)" : "");
            }
            if (a.degraded() != null) {
                System.out.println("\n(degraded: " + a.degraded() + ")");
            }
            return 0;
        }
    }
}
