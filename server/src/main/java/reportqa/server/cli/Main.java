package reportqa.server.cli;

import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
        description = "Question answering with citations over Chinese broker research reports.")
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * The subcommands, by name, in the order the usage lists them (picocli's {@code help} last).
     * Not in the {@code @Command} annotation: picocli reads every subcommand's options there, by
     * reflection, before it parses anything — about 450 ms of a cold start of {@code serve} spent on
     * the main thread, most of it on the twelve commands not run.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
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
            CommandLine.HelpCommand.class);

    /** Subcommands that read the whole command tree: each needs all the others built. */
    private static final Set<String> READ_THE_TREE = Set.of("help", "completion");

    private static Map<String, Class<?>> subcommands(Class<?>... commands) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> c : commands) {
            byName.put(c.getAnnotation(Command.class).name(), c);
        }
        return Collections.unmodifiableMap(byName);
    }

    /**
     * The command line for {@code args}: with only the subcommand they name (whose own usage and
     * errors are then the same), else with every one (the top-level usage, {@code help},
     * {@code completion}, a name that is no command).
     */
    static CommandLine commandLine(String... args) {
        CommandLine line = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        if (SUBCOMMANDS.containsKey(first) && !READ_THE_TREE.contains(first)) {
            line.addSubcommand(SUBCOMMANDS.get(first));
        } else {
            SUBCOMMANDS.values().forEach(line::addSubcommand);
        }
        // Settings reach the subcommands added before them: they come after.
        return line.setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(LocalDate.class, Main::date)
                .setParameterExceptionHandler(Main::badArguments)
                .setExecutionExceptionHandler(Main::userError);
    }

    /** Runs a command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        return commandLine(args).execute(args);
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
