package manynuts.backend.cuda;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A chain block's device memory as its kernels name it: the block's size, the staging buffers for per-chain
 * arguments and results, and every state vector ({@code [d * chains + c]}, or checkpoint slots) under the kernel
 * parameter name it binds to, so that {@link KernelCall#state} binds a launch's state arguments by name.
 */
final class ChainState {
    private final int chains;
    private final int dimension;
    private final DeviceBuffer argumentInts;
    private final DeviceBuffer argumentDoubles;
    private final DeviceBuffer resultDoubles;
    private final Map<String, DeviceBuffer> vectors = new LinkedHashMap<>();

    ChainState(int chains, int dimension, DeviceBuffer argumentInts, DeviceBuffer argumentDoubles,
               DeviceBuffer resultDoubles) {
        this.chains = chains;
        this.dimension = dimension;
        this.argumentInts = argumentInts;
        this.argumentDoubles = argumentDoubles;
        this.resultDoubles = resultDoubles;
    }

    /** Registers {@code buffer} as the state vector that parameters named {@code name} receive; returns it. */
    DeviceBuffer add(String name, DeviceBuffer buffer) {
        if (vectors.putIfAbsent(name, buffer) != null) {
            throw new IllegalArgumentException("state vector " + name + " is registered twice");
        }
        return buffer;
    }

    /** The state vector named {@code name}, or null when the block has none. */
    DeviceBuffer vector(String name) {
        return vectors.get(name);
    }

    int chains() {
        return chains;
    }

    int dimension() {
        return dimension;
    }

    /** Staged per-chain integer arguments (chain lists and their flags). */
    DeviceBuffer argumentInts() {
        return argumentInts;
    }

    /** Staged per-chain double arguments (positions, step sizes, metric values). */
    DeviceBuffer argumentDoubles() {
        return argumentDoubles;
    }

    /** Per-chain double results (log densities, energies, gathered rows). */
    DeviceBuffer resultDoubles() {
        return resultDoubles;
    }
}
