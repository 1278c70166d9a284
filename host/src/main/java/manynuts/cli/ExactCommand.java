package manynuts.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import manynuts.models.ExactPosterior;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.HierarchicalNormalExact;
import manynuts.models.Model;
import manynuts.models.registry.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import manynuts.models.WithExactPosterior;

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

    @Option(names = "--json", description = "Print one JSON document (schema manynuts.exact, see docs/json.md) "
            + "instead of the table.")
    boolean json;

    @Override
    public Integer call() {
        ExactPosterior posterior;
        if (model == null) {
            if (!set.isEmpty()) {
                throw new UsageException("--set needs -m MODEL");
            }
            HierarchicalNormalData values = data == null ? HierarchicalNormalData.eightSchools()
                    : HierarchicalNormalData.fromFile(data);
            posterior = new HierarchicalNormalExact(values).posterior();
        } else {
            Model chosen = ModelRegistry.configure(model, data, ModelSettings.parse(set)).model();
            posterior = WithExactPosterior.of(chosen).orElseThrow(() -> new UsageException("model " + chosen.name()
                    + " has no exact posterior"));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode document = JsonDocument.of("exact");
            if (model != null) {
                document.put("model", model);
            } else {
                document.putNull("model");
            }
            if (data != null) {
                document.put("data", data.toString());
            } else {
                document.putNull("data");
            }
            document.put("method", posterior.method());
            JsonDocument.putMoments(document, "posterior", posterior.moments());
            JsonDocument.print(document, out);
            return 0;
        }
        out.print(posterior.toTable());
        out.flush();
        return 0;
    }
}
