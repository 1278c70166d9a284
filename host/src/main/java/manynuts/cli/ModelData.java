package manynuts.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The data of the chosen model, shared by the commands that build one: a data file and single options. */
final class ModelData {

    @Option(names = "--data", paramLabel = "FILE", description = "Data file in Stan JSON: the eight schools models' "
            + "J, y, sigma (the built-in eight schools data when omitted), or other models' options.")
    private Path data;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A model option, e.g. --set dimension=100 "
            + "(repeatable, each key once; overrides the data file; 'manynuts models' lists every model's options).")
    private List<String> set = new ArrayList<>();

    /** The data file, or null for none. */
    Path file() {
        return data;
    }

    /** The {@code --set} options, key to value text in the order given; a malformed or repeated one is refused. */
    Map<String, String> settings() {
        return ModelSettings.parse(set);
    }
}
