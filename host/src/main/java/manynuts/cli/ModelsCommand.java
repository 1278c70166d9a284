package manynuts.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import manynuts.models.ModelFamily;
import manynuts.models.ModelOption;
import manynuts.models.registry.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code models}: every registered model with its aliases, what it is, and its options with defaults and ranges. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the models, their aliases and their options (set with --set KEY=VALUE or a Stan JSON "
                + "data file), with defaults and ranges.")
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document (schema manynuts.models, see docs/json.md) "
            + "instead of the list.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonDocument.print(document(), out);
            return 0;
        }
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

    /** Every model once, under its own name, with its aliases and options. */
    private static ObjectNode document() {
        ObjectNode document = JsonDocument.of("models");
        ArrayNode models = document.putArray("models");
        for (String name : ModelRegistry.knownNames()) {
            ModelFamily family = ModelRegistry.family(name);
            if (!family.name().equals(name)) {
                continue;
            }
            ObjectNode model = models.addObject();
            model.put("name", family.name());
            JsonDocument.putLines(model, "aliases", family.aliases());
            model.put("description", family.description());
            ArrayNode options = model.putArray("options");
            for (ModelOption option : family.options()) {
                ObjectNode node = options.addObject();
                node.put("key", option.key());
                node.put("type", option.integer() ? "integer" : "number");
                putValue(node, "default", option.defaultValue(), option.integer());
                putValue(node, "lowest", option.lowest(), option.integer());
                putValue(node, "highest", option.highest(), option.integer());
                node.put("lowest_open", option.lowestOpen());
                node.put("highest_open", option.highestOpen());
                node.put("description", option.description());
            }
        }
        return document;
    }

    /** A whole number for an integer option, so that JSON readers get 10, not 10.0; null for an unbounded end. */
    private static void putValue(ObjectNode node, String name, double value, boolean integer) {
        if (integer && Double.isFinite(value) && Math.abs(value) <= 0x1p53) {
            node.put(name, (long) value);
        } else {
            JsonDocument.putNumber(node, name, value);
        }
    }
}
