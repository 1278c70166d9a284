package manynuts.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.HierarchicalNormalExact;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code exact DATA}: the quadrature posterior of a normal-normal hierarchical data file. */
@Command(name = "exact", mixinStandardHelpOptions = true,
        description = "Exact posterior mean and sd of mu, tau, tau_log and theta[j] for a hierarchical normal "
                + "data file (Stan JSON: J, y, sigma), by 1-D quadrature over log tau (BDA ch. 5).")
final class ExactCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DATA", description = "Data file; the built-in eight schools data when omitted.")
    Path data;

    @Override
    public Integer call() {
        HierarchicalNormalData values = data == null ? HierarchicalNormalData.eightSchools()
                : HierarchicalNormalData.fromFile(data);
        spec.commandLine().getOut().print(new HierarchicalNormalExact(values).posterior().toTable());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
