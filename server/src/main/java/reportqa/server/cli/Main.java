package reportqa.server.cli;

import io.javalin.util.JavalinBindException;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import reportqa.server.config.ConfigException;

/** The {@code reportqa} command line: {@code serve}, {@code index}, {@code search}, {@code eval}. */
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
            SearchCommand.class,
            EvalCommand.class,
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
                .setExecutionExceptionHandler(Main::userError)
                .execute(args);
    }

    /** Exit code of a command refused for a bad setting, argument or file. */
    static final int USAGE_ERROR = 2;

    /** Bad settings, arguments and files are the user's to fix: one line, no stack trace. */
    private static int userError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
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
