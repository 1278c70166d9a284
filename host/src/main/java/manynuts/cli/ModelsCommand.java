package manynuts.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import manynuts.models.ModelFamily;
import manynuts.models.ModelOption;
import manynuts.models.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code models}: every registered model with its aliases, what it is, and its options with defaults and ranges. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the models, their aliases and their options (set with --set KEY=VALUE or a Stan JSON "
                + "data file), with defaults and ranges.")
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String name : ModelRegistry.knownNames()) {
            ModelFamily family = ModelRegistry.family(name);
            if (!family.name().equals(name)) {
                continue;
            }
            out.print(family.name());
            if (!family.aliases().isEmpty()) {
                out.print(" (also " + String.join(", ", family.aliases()) + ")");
            }
            out.println(": " + family.description());
            for (ModelOption option : family.options()) {
                out.println("    --set " + option.describe());
            }
        }
        out.flush();
        return 0;
    }
}
