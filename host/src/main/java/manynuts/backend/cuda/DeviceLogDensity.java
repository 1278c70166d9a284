package manynuts.backend.cuda;

import java.util.ArrayDeque;
import java.util.Deque;
import manynuts.backend.Precision;

/**
 * A model's log density and gradient evaluated by its kernel on the device for a batch of chains, with the
 * contract of {@link manynuts.models.Model#logDensityGradient} over all chains (stride = chains).
 */
public final class DeviceLogDensity implements AutoCloseable {
    private final DeviceKernels kernels;
    private final int chains;
    private final int dimension;
    private final Precision precision;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final CudaStream stream;
    private final PinnedBuffer host;
    private final DeviceBuffer position;
    private final DeviceBuffer logDensity;
    private final DeviceBuffer gradient;
    private final KernelCall call;
    private final SplitDensity split;
    private final DeviceModel model;
    private final DeviceModelData data;
    private boolean closed;

    DeviceLogDensity(DeviceKernels kernels, DeviceModel model, int chains) {
        this.kernels = kernels;
        this.chains = chains;
        this.dimension = model.dimension();
        this.precision = kernels.precision();
        this.model = model;
        long vector = (long) dimension * chains;
        try {
            stream = own(new CudaStream());
            host = own(new PinnedBuffer(vector * Double.BYTES));
            position = own(DeviceBuffer.ofReals(vector, precision));
            logDensity = own(DeviceBuffer.ofDoubles(chains));
            gradient = own(DeviceBuffer.ofReals(vector, precision));
            data = own(new DeviceModelData(model, precision, stream, chains));
            if (model.split()) {
                DeviceBuffer linear = own(DeviceBuffer.ofReals((long) model.design().rows() * chains, precision));
                split = new SplitDensity(kernels, model, data, chains, position, logDensity, gradient, linear);
                call = null;
            } else {
                split = null;
                call = data.bind(kernels.call(model.logDensityKernel(), model.kernelPrefix()))
                        .integer("chains", chains).pointer("position", position).pointer("logDensity", logDensity)
                        .pointer("gradient", gradient);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    /**
     * Evaluates every chain.
     *
     * @param positions  not modified: {@code [dimension x chains]} dimension-major
     * @param logDensity modified: {@code logDensity[c]}
     * @param gradient   modified: {@code gradient[d * chains + c]}
     */
    public void evaluate(double[] positions, double[] logDensity, double[] gradient) {
        kernels.makeCurrent();
        int vector = dimension * chains;
        // Positions and gradients in the state's type; the log densities come back as doubles.
        host.putReals(precision, positions, vector);
        position.upload(host, (long) vector * precision.bytes(), stream);
        if (split != null) {
            split.launch(stream);
        } else {
            call.launch(stream, chains);
        }
        this.logDensity.download(host, (long) chains * Double.BYTES, stream);
        stream.synchronize();
        host.doubles().get(0, logDensity, 0, chains);
        this.gradient.download(host, (long) vector * precision.bytes(), stream);
        stream.synchronize();
        host.getReals(precision, gradient, vector);
    }

    /**
     * Each chain's status after the last {@link #evaluate} of a generated model: 0 evaluated, 1 rejected, 2 a tape
     * was full, 3 fatal_error; all 0 for a hand-written model.
     */
    public int[] statuses() {
        int[] statuses = new int[chains];
        if (model.generated() != null) {
            kernels.makeCurrent();
            data.downloadStatuses(model, precision, chains, host, stream);
            stream.synchronize();
            host.ints().get(0, statuses, 0, chains);
        }
        return statuses;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        kernels.makeCurrent();
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
        }
    }
}
