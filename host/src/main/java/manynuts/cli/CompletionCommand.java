package manynuts.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code completion}: prints a bash completion script generated from the command definitions themselves, so every
 * subcommand and option, and the model names, complete as {@code --help} lists them.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a bash completion script (zsh too, after 'autoload -U +X bashcompinit && bashcompinit'): "
                + "source <(manynuts completion), or save it to /etc/bash_completion.d/manynuts.")
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
