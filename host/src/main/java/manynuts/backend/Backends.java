package manynuts.backend;

import java.io.PrintWriter;
import java.util.Locale;
import manynuts.backend.cpu.CpuBackend;
import manynuts.backend.cuda.CudaBackend;
import manynuts.backend.cuda.CudaProbe;

/** The {@code --backend auto|cpu|cuda} choice: which backend a run uses, said out loud with the reason. */
public final class Backends {

    private Backends() {
    }

    /**
     * Opens the requested backend: {@code cpu}; {@code cuda} (device 0); or {@code auto}, CUDA when a device
     * answers and the CPU otherwise. Writes one line to {@code log} naming the backend and why.
     *
     * @throws IllegalArgumentException with one line when {@code cuda} is requested and cannot be used, or the
     *                                  name is unknown
     */
    public static Backend choose(String requested, PrintWriter log) {
        String name = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "cpu" -> {
                log.println("backend: cpu (requested)");
                log.flush();
                return new CpuBackend();
            }
            case "cuda" -> {
                CudaBackend cuda = openCuda("--backend cuda: ");
                log.println("backend: " + cuda.name() + " (requested)");
                log.flush();
                return cuda;
            }
            case "auto" -> {
                Backend chosen;
                try {
                    chosen = openCuda("");
                    log.println("backend: " + chosen.name() + " (auto: a CUDA device answered)");
                } catch (IllegalArgumentException unavailable) {
                    chosen = new CpuBackend();
                    log.println("backend: cpu (auto: " + unavailable.getMessage() + ")");
                }
                log.flush();
                return chosen;
            }
            default -> throw new IllegalArgumentException(
                    "unknown backend '" + requested + "': expected auto, cpu or cuda");
        }
    }

    private static CudaBackend openCuda(String prefix) {
        CudaProbe.Result probe = CudaProbe.probe();
        if (probe instanceof CudaProbe.Unavailable unavailable) {
            throw new IllegalArgumentException(prefix + "CUDA is not available: " + unavailable.reason());
        }
        try {
            return CudaBackend.open(0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(prefix + "CUDA device 0 could not be opened: " + e.getMessage(), e);
        }
    }
}
