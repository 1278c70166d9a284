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

    SplitSteps(CudaBackend backend, DeviceModel model, DeviceModelData data, BlockBuffers buffers) {
        chains = buffers.chains();
        int dimension = buffers.dimension();
        try {
            // The scratch in the state's precision; the log densities are per-chain results, double in both.
            Precision precision = backend.precision();
            DeviceBuffer linear = own(DeviceBuffer.ofReals((long) model.design().rows() * chains, precision));
            DeviceBuffer logDensity = own(DeviceBuffer.ofDoubles(chains));
            DeviceBuffer gradient = own(DeviceBuffer.ofReals((long) dimension * chains, precision));
            // set_inverse_metric is the generic scatter of listed rows into a dimension-major vector.
            scatterPositions = backend.call(Kernel.SET_INVERSE_METRIC, null)
                    .integer("chains", chains).integer("dimension", dimension)
                    .pointer("list", buffers.argumentInts()).pointer("values", buffers.argumentDoubles())
                    .pointer("inverseMetric", buffers.drawPosition());
            drawDensity = new SplitDensity(backend, model, data, chains, buffers.drawPosition(), logDensity, gradient,
                    linear);
            finishInitialize = backend.call(Kernel.FINISH_INITIALIZE, null)
                    .integer("chains", chains).integer("dimension", dimension)
                    .pointer("list", buffers.argumentInts()).pointer("logDensity", logDensity)
                    .pointer("gradient", gradient).pointer("drawGradient", buffers.drawGradient())
                    .pointer("results", buffers.resultDoubles());
            drift = backend.call(Kernel.DRIFT, null)
                    .integer("chains", chains).integer("dimension", dimension)
                    .pointer("signedStepSize", buffers.argumentDoubles())
                    .pointer("inverseMetric", buffers.inverseMetric())
                    .pointer("frontierPosition", buffers.frontierPosition())
                    .pointer("frontierMomentum", buffers.frontierMomentum())
                    .pointer("frontierGradient", buffers.frontierGradient())
                    .pointer("previousMomentum", buffers.previousMomentum());
            // The log densities go straight to the results, where kick puts the kinetic energies after them.
            frontierDensity = new SplitDensity(backend, model, data, chains, buffers.frontierPosition(),
                    buffers.resultDoubles(), buffers.frontierGradient(), linear);
            kick = backend.call(Kernel.KICK, null)
                    .integer("chains", chains).integer("dimension", dimension)
                    .pointer("signedStepSize", buffers.argumentDoubles())
                    .pointer("inverseMetric", buffers.inverseMetric())
                    .pointer("frontierMomentum", buffers.frontierMomentum())
                    .pointer("frontierGradient", buffers.frontierGradient())
                    .pointer("subtreeMomentumSum", buffers.subtreeMomentumSum())
                    .pointer("energies", buffers.resultDoubles());
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
