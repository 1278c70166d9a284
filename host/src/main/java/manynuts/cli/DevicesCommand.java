package manynuts.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import manynuts.backend.cuda.CudaDevice;
import manynuts.backend.cuda.CudaProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code manynuts devices}: lists the CUDA devices the sampler could use, or says why there are none. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the CUDA devices (name, memory, compute capability, driver version), or say why there are none.")
public final class DevicesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document (schema manynuts.devices, see docs/json.md).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CudaProbe.Result result = CudaProbe.probe();
        if (json) {
            JsonDocument.print(document(result), out);
            return 0;
        }
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

    /** Whether CUDA is there, its driver and devices, or why not. */
    private static ObjectNode document(CudaProbe.Result result) {
        ObjectNode document = JsonDocument.of("devices");
        if (result instanceof CudaProbe.Available available) {
            document.put("available", true);
            document.put("driver_version", available.driver());
            document.putNull("reason");
            document.putNull("detail");
            ArrayNode devices = document.putArray("devices");
            for (CudaDevice device : available.devices()) {
                ObjectNode node = devices.addObject();
                node.put("ordinal", device.ordinal());
                node.put("name", device.name());
                node.put("total_memory_bytes", device.totalMemory());
                node.put("compute_capability", device.computeMajor() + "." + device.computeMinor());
            }
        } else if (result instanceof CudaProbe.Unavailable unavailable) {
            document.put("available", false);
            document.putNull("driver_version");
            document.put("reason", unavailable.reason());
            document.put("detail", unavailable.detail());
            document.putArray("devices");
        }
        return document;
    }
}
