package reportqa.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
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
import reportqa.server.answer.Turn;
import reportqa.server.config.ServerConfig;

/**
 * Answers one question on the command line, with numbered citations; with {@code --history FILE},
 * one turn of a conversation kept in that file, so that the next {@code ask} can follow up.
 */
@Command(
        name = "ask",
        mixinStandardHelpOptions = true,
        abbreviateSynopsis = true,
        description = {
            "Answer a question with citations.",
            "With --history FILE the question continues the conversation in FILE (created if missing),"
                    + " and the question and answer are added to it."
        })
final class AskCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @ArgGroup(validate = false, heading = Help.BACKEND, order = Help.BACKEND_ORDER)
    BackendOptions backend = new BackendOptions();

    @ArgGroup(validate = false, heading = Help.FILTERS, order = Help.FILTERS_ORDER)
    FilterOptions filters = new FilterOptions();

    @ArgGroup(validate = false, heading = Help.MODEL, order = Help.MODEL_ORDER)
    ModelOptions model = new ModelOptions();

    @ArgGroup(validate = false, heading = Help.TUNING, order = Help.TUNING_ORDER)
    TuningOptions tuning = new TuningOptions();

    @Parameters(index = "0", paramLabel = "QUESTION", description = "The question.")
    String question;

    @Option(
            names = "--history",
            paramLabel = "FILE",
            description = "Conversation file (JSON, as /api/ask's history): read before, the new turn added after.")
    Path history;

    @Option(names = "--json", description = "Print the same JSON object as POST /api/ask.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        // Check the arguments before indexing anything.
        if (question.isBlank()) {
            throw new IllegalArgumentException("the question is empty");
        }
        if (question.length() > AskRequest.MAX_QUESTION) {
            throw new IllegalArgumentException(
                    "the question has " + question.length() + " characters; at most " + AskRequest.MAX_QUESTION);
        }
        HistoryFile conversation = history == null ? null : new HistoryFile(history);
        List<Turn> earlier = conversation == null ? List.of() : conversation.read();
        SearchFilters given = filters.filters(false);
        ServerConfig config = common.load(model, backend);
        try (Application qa = common.openApplication(config, tuning)) {
            AskRequest request = new AskRequest(
                    question.strip(),
                    earlier,
                    qa.library().retriever().resolveNonEmpty(given),
                    config.passagesPerAnswer(),
                    SearchMode.DEFAULT);
            Answer a = qa.answers().ask(request);
            if (conversation != null) {
                List<Turn> turns = new ArrayList<>(earlier);
                turns.add(new Turn(Turn.Role.USER, request.question()));
                turns.add(new Turn(Turn.Role.ASSISTANT, a.answer()));
                conversation.write(turns);
            }
            print(a);
            return 0;
        }
    }

    private void print(Answer a) throws Exception {
        if (json) {
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(a));
            return;
        }
        if (!a.filterNote().isEmpty()) {
            System.out.println("(" + a.filterNote() + ")");
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
    }
}
