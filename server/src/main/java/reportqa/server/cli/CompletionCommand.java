package reportqa.server.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints picocli's completion script for bash (zsh reads it too, with {@code bashcompinit}). */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        abbreviateSynopsis = true,
        description = {
            "Print a shell completion script for bash and zsh.",
            "Try it with: source <(reportqa completion); keep it with: reportqa completion > ~/.reportqa-completion"
                    + " and a line 'source ~/.reportqa-completion' in ~/.bashrc."
        })
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getOut()
                .print(AutoComplete.bash("reportqa", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
