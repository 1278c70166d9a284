package manynuts.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.HierarchicalNormalExact;
import manynuts.models.Model;
import manynuts.models.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code exact [DATA]}: the quadrature posterior of a normal-normal hierarchical data file; with {@code -m MODEL},
 * the exact posterior of any model that has one, built as {@code sample} builds it.
 */
@Command(name = "exact", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Exact posterior mean and sd of mu, tau, tau_log, theta[j] and nu[j] for a hierarchical normal "
                + "data file (Stan JSON: J, y, sigma), by 1-D quadrature over log tau (BDA ch. 5); with -m, of any "
                + "model that has one (e.g. -m many_schools_noncentered --set groups=10000).")
final class ExactCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DATA", description = "Data file; the built-in eight schools data when omitted.")
    Path data;

    @Option(names = {"-m", "--model"}, description = "A model, built as sample builds it, with DATA as its --data.")
    String model;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A model option (repeatable, each key once), as for sample.")
    List<String> set = new ArrayList<>();

    @Override
    public Integer call() {
        String table;
        if (model == null) {
            if (!set.isEmpty()) {
                throw new UsageException("--set needs -m MODEL");
            }
            HierarchicalNormalData values = data == null ? HierarchicalNormalData.eightSchools()
                    : HierarchicalNormalData.fromFile(data);
            table = new HierarchicalNormalExact(values).posterior().toTable();
        } else {
            Model chosen = ModelRegistry.configure(model, data, ModelSettings.parse(set)).model();
            table = chosen.exact().orElseThrow(() -> new UsageException("model " + chosen.name()
                    + " has no exact posterior")).toTable();
        }
        spec.commandLine().getOut().print(table);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
