package manynuts.cli;

import manynuts.backend.Precision;
import picocli.CommandLine.Option;

/**
 * Where the chains run, shared by every command that samples: CPU threads, the backend and the precision of the
 * chain state on CUDA devices.
 */
final class DeviceOptions {

    @Option(names = "--threads", description = "CPU threads (default: every core).")
    private Integer threads;

    @Option(names = "--backend", description = "auto (CUDA if a device answers, else the CPU), cpu, cuda (every "
            + "visible device, chains sharded across them) or cuda:N[,M...] (those devices) (default: "
            + "${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--precision", defaultValue = "float64", description = "Chain state on CUDA devices: float64 or "
            + "float32 (the CPU backend computes in float64) (default: ${DEFAULT-VALUE}).")
    private String precision;

    /** Options whose backend is {@code auto} unless given. */
    DeviceOptions() {
        this("auto");
    }

    /** Options whose backend is {@code defaultBackend} unless given. */
    DeviceOptions(String defaultBackend) {
        this.backend = defaultBackend;
    }

    /** The threads given, else every core. */
    int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** The backend as given: auto, cpu, cuda or cuda:N[,M...]. */
    String backend() {
        return backend;
    }

    /** The precision given; a bad value is refused in one line. */
    Precision precision() {
        return Precision.parse(precision);
    }
}
