package manynuts.backend.cuda;

import java.util.ArrayDeque;
import java.util.Deque;
import manynuts.backend.Precision;

/**
 * Initialization and leapfrog steps of a model evaluated as matrix products ({@link SplitDensity}): the leapfrog is
 * drift, the batched evaluation at every chain's frontier, kick; an initialization scatters the listed positions
 * into the draws, evaluates every chain's draw into scratch and keeps the listed chains' results, so the other
 * chains' draw gradients stay untouched. The same operations in the same order as the fused kernels.
 */
final class SplitSteps implements ModelSteps {
    private final int chains;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final KernelCall scatterPositions;
    private final SplitDensity drawDensity;
    private final KernelCall finishInitialize;
    private final KernelCall drift;
    private final SplitDensity frontierDensity;
    private final KernelCall kick;

    SplitSteps(DeviceKernels kernels, DeviceModel model, DeviceModelData data, ChainState state) {
        chains = state.chains();
        int dimension = state.dimension();
        try {
            // The scratch in the state's precision; the log densities are per-chain results, double in both.
            Precision precision = kernels.precision();
            DeviceBuffer linear = own(DeviceBuffer.ofReals((long) model.design().rows() * chains, precision));
            DeviceBuffer logDensity = own(DeviceBuffer.ofDoubles(chains));
            DeviceBuffer gradient = own(DeviceBuffer.ofReals((long) dimension * chains, precision));
            // set_inverse_metric is the generic scatter of listed rows into a dimension-major vector.
            scatterPositions = kernels.call(Kernel.SET_INVERSE_METRIC, null)
                    .pointer("list", state.argumentInts()).pointer("values", state.argumentDoubles())
                    .pointer("inverseMetric", state.vector("drawPosition")).state(state);
            drawDensity = new SplitDensity(kernels, model, data, chains, state.vector("drawPosition"), logDensity,
                    gradient, linear);
            finishInitialize = kernels.call(Kernel.FINISH_INITIALIZE, null)
                    .pointer("list", state.argumentInts()).pointer("logDensity", logDensity)
                    .pointer("gradient", gradient).pointer("results", state.resultDoubles()).state(state);
            drift = kernels.call(Kernel.DRIFT, null)
                    .pointer("signedStepSize", state.argumentDoubles()).state(state);
            // The log densities go straight to the results, where kick puts the kinetic energies after them.
            frontierDensity = new SplitDensity(kernels, model, data, chains, state.vector("frontierPosition"),
                    state.resultDoubles(), state.vector("frontierGradient"), linear);
            kick = kernels.call(Kernel.KICK, null)
                    .pointer("signedStepSize", state.argumentDoubles()).pointer("energies", state.resultDoubles())
                    .state(state);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void initialize(CudaStream stream, int count) {
        scatterPositions.integer("count", count).launch(stream, count);
        drawDensity.launch(stream);
        finishInitialize.integer("count", count).launch(stream, count);
    }

    /** Idle chains are evaluated too (their frontier is unspecified): the products run over the whole block. */
    @Override
    public void leapfrog(CudaStream stream) {
        drift.launch(stream, chains);
        frontierDensity.launch(stream);
        kick.launch(stream, chains);
    }

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
        }
    }
}
