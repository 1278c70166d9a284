package manynuts.backend.choice;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import manynuts.backend.cpu.CpuBackend;
import manynuts.backend.cuda.CudaBackend;
import manynuts.backend.cuda.CudaProbe;
import manynuts.models.Model;
import manynuts.backend.Backend;
import manynuts.backend.Precision;
import manynuts.backend.ShardedBackend;

/** The {@code --backend auto|cpu|cuda} choice: which backend a run uses, said out loud with the reason. */
public final class Backends {

    private Backends() {
    }

    /**
     * Opens the requested backend: {@code cpu}; {@code cuda} (every visible device, the chains sharded across
     * them); {@code cuda:0,2} (those devices); or {@code auto}, CUDA on every visible device when one answers and
     * the CPU otherwise. Writes one line to {@code log} naming the backend and why.
     *
     * @throws IllegalArgumentException with one line when CUDA is requested and cannot be used, or the name is
     *                                  unknown
     */
    public static Backend choose(String requested, PrintWriter log) {
        return choose(requested, Precision.FLOAT64, log);
    }

    /**
     * Writes one line saying how {@code backend} multiplies {@code model}'s design matrix, e.g. {@code matrix
     * products: cuBLAS cublasDgemm (libcublas.so.12 through JCublas)}, where it has a choice to report (a model with a
     * design matrix on CUDA); nothing otherwise.
     */
    public static void sayMatrixProducts(Backend backend, Model model, PrintWriter log) {
        backend.matrixProducts(model).ifPresent(choice -> {
            log.println("matrix products: " + choice);
            log.flush();
        });
    }

    /**
     * Opens the requested backend as {@link #choose(String, PrintWriter)} does, with the chain state of CUDA devices
     * in {@code precision}. The CPU backend computes in float64: {@code cpu} with float32 is refused, and
     * {@code auto} falling back to the CPU says that it runs in float64.
     *
     * @throws IllegalArgumentException with one line when the backend cannot be used as requested
     */
    public static Backend choose(String requested, Precision precision, PrintWriter log) {
        String name = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("cuda:")) {
            Backend cuda = openCuda("--backend " + name + ": ", ordinals(name), precision);
            log.println("backend: " + cuda.name() + " (requested)");
            log.flush();
            return cuda;
        }
        switch (name) {
            case "cpu" -> {
                if (precision != Precision.FLOAT64) {
                    throw new IllegalArgumentException("--precision " + precision.label()
                            + " needs a CUDA backend: the CPU backend computes in float64");
                }
                log.println("backend: cpu (requested)");
                log.flush();
                return new CpuBackend();
            }
            case "cuda" -> {
                Backend cuda = openCuda("--backend cuda: ", null, precision);
                log.println("backend: " + cuda.name() + " (requested)");
                log.flush();
                return cuda;
            }
            case "auto" -> {
                Backend chosen;
                String state = precision == Precision.FLOAT64 ? "" : "; the CPU computes in float64";
                // One short line: why there is no driver or device; 'manynuts devices' prints the loader's detail.
                if (CudaProbe.probe() instanceof CudaProbe.Unavailable unavailable) {
                    log.println("backend: cpu (auto: " + unavailable.reason() + state + ")");
                    log.flush();
                    return new CpuBackend();
                }
                try {
                    chosen = openCuda("", null, precision);
                    int devices = chosen instanceof ShardedBackend sharded ? sharded.shards().size() : 1;
                    log.println("backend: " + chosen.name() + " (auto: "
                            + (devices == 1 ? "a CUDA device answered" : devices + " CUDA devices answered") + ")");
                } catch (IllegalArgumentException unavailable) {
                    chosen = new CpuBackend();
                    log.println("backend: cpu (auto: " + unavailable.getMessage() + state + ")");
                }
                log.flush();
                return chosen;
            }
            default -> throw new IllegalArgumentException(
                    "unknown backend '" + requested + "': expected auto, cpu, cuda or cuda:N[,M...]");
        }
    }

    /**
     * Opens the requested backend for {@code model}, as {@link #choose(String, Precision, PrintWriter)} does, except
     * that a model without CUDA kernels (a Stan program with neither nvcc nor NVRTC to build its generated kernels, or
     * whose kernels do not compile) runs on the CPU with {@code auto}, saying why in its one line; {@code cuda} is
     * refused in one line, before any device is opened where no compiler is there.
     */
    public static Backend choose(String requested, Precision precision, Model model, PrintWriter log) {
        String name = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        Optional<String> missing = CudaBackend.kernelsMissing(model);
        if (missing.isEmpty() || name.equals("cpu")) {
            // auto's line waits until the kernels are built: a failed build sends the run to the CPU instead.
            StringWriter held = new StringWriter();
            Backend chosen = choose(requested, precision, name.equals("auto") ? new PrintWriter(held, true) : log);
            if (!(chosen instanceof CpuBackend)) {
                // A Stan program's kernels are built now, so a compiler error stops the run before it writes anything,
                // or, with auto, sends it to the CPU saying why.
                try {
                    CudaBackend.buildKernels(model);
                } catch (IllegalArgumentException e) {
                    chosen.close();
                    if (!name.equals("auto")) {
                        throw e;
                    }
                    return onTheCpu(e.getMessage(), precision, log);
                } catch (RuntimeException e) {
                    chosen.close();
                    throw e;
                }
            }
            log.print(held);
            log.flush();
            return chosen;
        }
        String reason = missing.get();
        if (name.equals("auto")) {
            return onTheCpu(reason, precision, log);
        }
        if (name.equals("cuda") || name.startsWith("cuda:")) {
            throw new IllegalArgumentException("--backend " + name + ": " + reason + "; use --backend cpu or auto");
        }
        return choose(requested, precision, log);
    }

    /** {@code auto}'s fallback for a model the GPU cannot run: the CPU, and one line saying why. */
    private static Backend onTheCpu(String reason, Precision precision, PrintWriter log) {
        String state = precision == Precision.FLOAT64 ? "" : "; the CPU computes in float64";
        log.println("backend: cpu (auto: " + reason + state + ")");
        log.flush();
        return new CpuBackend();
    }

    /** The device numbers of {@code cuda:0,2}. */
    private static List<Integer> ordinals(String name) {
        List<Integer> ordinals = new ArrayList<>();
        for (String part : name.substring("cuda:".length()).split(",", -1)) {
            try {
                int ordinal = Integer.parseInt(part.trim());
                if (ordinal < 0 || ordinals.contains(ordinal)) {
                    throw new NumberFormatException();
                }
                ordinals.add(ordinal);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--backend " + name
                        + ": expected distinct device numbers after cuda:, e.g. cuda:0 or cuda:0,1");
            }
        }
        return ordinals;
    }

    /** Opens the listed devices, or every visible one when {@code ordinals} is null; several are sharded. */
    private static Backend openCuda(String prefix, List<Integer> ordinals, Precision precision) {
        CudaProbe.Result probe = CudaProbe.probe();
        if (probe instanceof CudaProbe.Unavailable unavailable) {
            throw new IllegalArgumentException(prefix + "CUDA is not available: " + unavailable.full());
        }
        List<Integer> devices = ordinals;
        if (devices == null) {
            devices = new ArrayList<>();
            for (int d = 0; d < ((CudaProbe.Available) probe).devices().size(); d++) {
                devices.add(d);
            }
        }
        List<CudaBackend> opened = new ArrayList<>();
        try {
            for (int ordinal : devices) {
                opened.add(openDevice(prefix, ordinal, precision));
            }
        } catch (RuntimeException e) {
            opened.forEach(CudaBackend::close);
            throw e;
        }
        return opened.size() == 1 ? opened.get(0) : new ShardedBackend(opened);
    }

    private static CudaBackend openDevice(String prefix, int ordinal, Precision precision) {
        try {
            return CudaBackend.open(ordinal, precision);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(prefix + "CUDA device " + ordinal + " could not be opened: "
                    + e.getMessage(), e);
        }
    }
}
