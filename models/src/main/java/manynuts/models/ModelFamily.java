package manynuts.models;

import java.nio.file.Path;
import java.util.List;

/**
 * A named kind of model as the registry knows it: its name and aliases, the options it declares, whether it reads
 * its own data file, and how to build a model from them.
 *
 * @param name          the registered name, e.g. {@code funnel}
 * @param aliases       other names users may type
 * @param description   one sentence for help and docs
 * @param options       the options it declares, in order (may be empty)
 * @param readsDataFile true if {@code --data FILE} is the family's own data (eight schools: J, y, sigma); false if
 *                      a data file holds option values, Stan style ({@code {"dimension": 10}})
 * @param factory       builds the model
 */
public record ModelFamily(String name, List<String> aliases, String description, List<ModelOption> options,
        boolean readsDataFile, Factory factory) {

    /** Builds a model of the family. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param options every option's value, checked against its range
         * @param data    the data file when the family reads one, else null (the file's values are in options)
         * @throws ModelException when the values cannot define the model
         */
        Model create(ModelOptions options, Path data);
    }

    public ModelFamily {
        aliases = List.copyOf(aliases);
        options = List.copyOf(options);
    }

    /** A family whose models are set by options only; a data file, if given, holds option values. */
    public static ModelFamily ofOptions(String name, String description, List<ModelOption> options, Factory factory) {
        return new ModelFamily(name, List.of(), description, options, false, factory);
    }

    /** The same family also known by these names. */
    public ModelFamily withAliases(String... more) {
        return new ModelFamily(name, List.of(more), description, options, readsDataFile, factory);
    }
}
