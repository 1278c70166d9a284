package manynuts.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import manynuts.backend.cuda.CudaDevice;
import manynuts.backend.cuda.CudaProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code manynuts devices}: lists the CUDA devices the sampler could use, or says why there are none. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the CUDA devices (name, memory, compute capability, driver version), or say why there are none.")
public final class DevicesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CudaProbe.Result result = CudaProbe.probe();
        if (result instanceof CudaProbe.Available available) {
            out.println("CUDA driver " + available.driver() + ", " + available.devices().size() + " device(s):");
            for (CudaDevice device : available.devices()) {
                out.println("  " + device.describe());
            }
        } else if (result instanceof CudaProbe.Unavailable unavailable) {
            out.println("no CUDA devices: " + unavailable.full());
            out.println("runs use the CPU backend (--backend auto or cpu)");
        }
        out.flush();
        // Having no GPU is a normal answer, not a failure of the command.
        return 0;
    }
}
