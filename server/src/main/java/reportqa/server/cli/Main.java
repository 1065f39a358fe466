package reportqa.server.cli;

import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import reportqa.retrieval.search.SearchUnavailableException;
import reportqa.retrieval.search.UnknownFilterException;
import reportqa.server.config.ConfigException;

/**
 * The {@code reportqa} command line: {@code serve}, {@code ask}, {@code index}, {@code bench},
 * {@code search}, {@code eval}, {@code eval-answers}, {@code completion}.
 */
@Command(
        name = "reportqa",
        mixinStandardHelpOptions = true,
        version = "ReportQA 0.1",
        description = "Question answering with citations over Chinese broker research reports.",
        subcommands = {
            ServeCommand.class,
            AskCommand.class,
            IndexCommand.class,
            BenchCommand.class,
            BenchSuiteCommand.class,
            SearchCommand.class,
            EvalCommand.class,
            EvalAnswersCommand.class,
            CompletionCommand.class,
            TrainingRunCommand.class,
            FeedbackCommand.class,
            McpCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(LocalDate.class, Main::date)
                .setParameterExceptionHandler(Main::badArguments)
                .setExecutionExceptionHandler(Main::userError)
                .execute(args);
    }

    /** Exit code of a command whose filters name what the library has no report for. */
    static final int NOT_FOUND = 1;

    /** Exit code of a command refused for a bad setting, argument or file. */
    static final int USAGE_ERROR = 2;

    /** The search backend cannot be reached (a SolrCloud cluster down): try again later. */
    static final int UNAVAILABLE = 3;

    /** A bad flag or argument: one line saying which and how to get help, not the whole usage. */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("error: " + e.getMessage());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        return USAGE_ERROR;
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a date like 2024-03-19");
        }
    }

    /** Bad settings, arguments and files are the user's to fix: one line, no stack trace. */
    private static int userError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof UnknownFilterException) {
            cmd.getErr().println("error: " + e.getMessage());
            return NOT_FOUND;
        }
        if (e instanceof SearchUnavailableException) {
            // Not the user's to fix here, and worth trying again later: its own code.
            cmd.getErr().println("error: " + e.getMessage());
            return UNAVAILABLE;
        }
        if (e instanceof ConfigException
                || e instanceof IllegalArgumentException
                || e instanceof IOException
                || e instanceof JavalinBindException) {
            cmd.getErr().println("error: " + e.getMessage());
            return USAGE_ERROR;
        }
        throw e;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
