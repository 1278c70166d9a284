package manynuts.backend.cuda;

import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import manynuts.backend.ChainBlock;
import manynuts.backend.DeviceSampling;
import manynuts.backend.Precision;

/**
 * A block of chains resident on a CUDA device. Vectors are dimension-major ({@code [d * chains + c]}, checkpoint
 * slots {@code [(slot * dimension + d) * chains + c]}), unlike the CPU block's chain-major rows, so that the
 * threads of a warp (one chain each) read and write consecutive addresses. Each operation is one kernel launch;
 * only its per-chain arguments go to the device and its per-chain results come back, through pinned staging
 * memory on the block's own stream. The state is in the backend's {@link Precision}; what crosses to the host is
 * double in both. How the model evaluates (fused or split around matrix products) is its {@link ModelSteps}.
 */
final class CudaChainBlock implements ChainBlock {
    /** A generated model's status: the evaluation stopped because a tape was full. */
    private static final int TAPE_FULL = 2;
    /** A generated model's status: the program called fatal_error. */
    private static final int FATAL = 3;

    private final DeviceKernels kernels;
    private final int chains;
    private final int dimension;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final CudaStream stream;
    private final PinnedBuffer hostInts;
    private final PinnedBuffer hostDoubles;
    private final IntBuffer ints;
    private final DoubleBuffer doubles;
    private final DeviceBuffer argumentInts;
    private final DeviceBuffer argumentDoubles;
    private final DeviceBuffer resultInts;
    private final DeviceBuffer resultDoubles;
    private final ModelSteps steps;
    /**
     * The model, its device data and the state's precision: a generated model's statuses are read through them, and
     * its tapes grow (a new model with larger tapes) when a chain fills them.
     */
    private DeviceModel model;
    private final DeviceModelData data;
    private final Precision precision;
    private final int firstChain;
    private final int maxDepth;
    private final long seed;
    private final boolean treesOnDevice;
    private final ChainState state;
    /** The device state machine, made on first use; null until then, and for split models and host-built trees. */
    private CudaDeviceSampling deviceSampling;
    private final KernelCall setInverseMetricCall;
    private final KernelCall beginTrajectoryCall;
    private final KernelCall beginSubtreeCall;
    private final KernelCall afterLeafCall;
    private final KernelCall mergeIntoTreeCall;
    private final KernelCall readDrawCall;
    private final KernelCall readFrontierCall;
    /** A generated model's second half of the steps stopped by a full tape; null for a hand-written model. */
    private final KernelCall finishLeapfrogCall;
    /** The chains (block-local) whose step stopped on a full tape, and how many. */
    private final int[] stopped;
    /** An upload from the staging memory may still be queued: wait before writing the staging memory again. */
    private boolean uploadPending;
    private boolean closed;

    /** @param treesOnDevice whether the block offers its device state machine ({@link #deviceSampling}) */
    CudaChainBlock(DeviceKernels kernels, DeviceModel model, int firstChain, int chains, int maxDepth, long seed,
                   boolean treesOnDevice) {
        this.kernels = kernels;
        this.chains = chains;
        this.dimension = model.dimension();
        this.model = model;
        this.precision = kernels.precision();
        this.firstChain = firstChain;
        this.maxDepth = maxDepth;
        this.seed = seed;
        this.treesOnDevice = treesOnDevice;
        try {
            long vector = (long) dimension * chains;
            long slots = (long) (maxDepth + 1) * vector;
            long stagedDoubles = Math.max(2L * chains, vector);
            stream = own(new CudaStream());
            hostInts = own(new PinnedBuffer(4L * chains * Integer.BYTES));
            hostDoubles = own(new PinnedBuffer(stagedDoubles * Double.BYTES));
            ints = hostInts.ints();
            doubles = hostDoubles.doubles();
            argumentInts = own(DeviceBuffer.ofInts(4L * chains));
            argumentDoubles = own(DeviceBuffer.ofDoubles(vector));
            resultInts = own(DeviceBuffer.ofInts(chains));
            resultDoubles = own(DeviceBuffer.ofDoubles(stagedDoubles));
            data = own(new DeviceModelData(model, precision, stream, chains));
            state = new ChainState(chains, dimension, argumentInts, argumentDoubles, resultDoubles);
            for (String name : List.of("inverseMetric", "drawPosition", "drawGradient", "frontierPosition",
                    "frontierMomentum", "frontierGradient", "previousMomentum", "otherPosition", "otherMomentum",
                    "otherGradient", "treeMomentumSum", "subtreeMomentumSum",
                    // Proposals are sampled leaf by leaf, so one per chain.
                    "proposalPosition", "proposalGradient")) {
                state.add(name, own(DeviceBuffer.ofReals(vector, precision)));
            }
            for (String name : List.of("checkpointMomentum", "checkpointSumBefore", "checkpointPreviousMomentum")) {
                state.add(name, own(DeviceBuffer.ofReals(slots, precision)));
            }

            // The unit metric, written in the state's own type.
            double[] ones = new double[Math.toIntExact(vector)];
            java.util.Arrays.fill(ones, 1.0);
            hostDoubles.putReals(precision, ones, ones.length);
            state.vector("inverseMetric").upload(hostDoubles, vector * precision.bytes(), stream);
            synchronize();

            // Every launch binds its staged arguments and results by hand and its state vectors by name.
            String prefix = model.kernelPrefix();
            steps = own(ModelSteps.of(kernels, model, data, state));
            setInverseMetricCall = kernels.call(Kernel.SET_INVERSE_METRIC, prefix)
                    .pointer("list", argumentInts).pointer("values", argumentDoubles).state(state);
            beginTrajectoryCall = kernels.call(Kernel.BEGIN_TRAJECTORY, prefix)
                    .pointer("starts", argumentInts).integer("key0", (int) seed).integer("key1", (int) (seed >>> 32))
                    .integer("firstChain", firstChain).pointer("kinetic", resultDoubles).state(state);
            beginSubtreeCall = kernels.call(Kernel.BEGIN_SUBTREE, prefix)
                    .pointer("subtrees", argumentInts).state(state);
            afterLeafCall = kernels.call(Kernel.AFTER_LEAF, prefix)
                    .pointer("leaves", argumentInts).pointer("failedLevel", resultInts).state(state);
            mergeIntoTreeCall = kernels.call(Kernel.MERGE_INTO_TREE, prefix)
                    .pointer("merges", argumentInts).pointer("persist", resultInts).state(state);
            readDrawCall = readRows(prefix, state, "drawPosition");
            readFrontierCall = readRows(prefix, state, "frontierPosition");
            finishLeapfrogCall = model.generated() == null ? null
                    : data.bind(kernels.call(Kernel.GENERATED_FINISH_LEAPFROG, prefix))
                            .pointer("signedStepSize", argumentDoubles).pointer("energies", resultDoubles).state(state);
            stopped = new int[model.generated() == null ? 0 : chains];
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Gathers the listed chains' rows of the state vector {@code source} into the results. */
    private KernelCall readRows(String prefix, ChainState state, String source) {
        return kernels.call(Kernel.READ_ROWS, prefix)
                .pointer("list", argumentInts).pointer("source", state.vector(source)).pointer("out", resultDoubles)
                .state(state);
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public int chains() {
        return chains;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void initialize(int[] list, int count, double[] positions, double[] logDensity, boolean[] finite) {
        if (count == 0) {
            return;
        }
        beginStaging();
        ints.put(0, list, 0, count);
        doubles.put(0, positions, 0, count * dimension);
        uploadInts(count, argumentInts);
        uploadDoubles((long) count * dimension, argumentDoubles);
        steps.initialize(stream, count);
        queueStatuses();
        downloadDoubles(2L * count, resultDoubles);
        if (model.generated() != null) {
            int full = -1;
            for (int i = 0; i < count && full < 0; i++) {
                full = checkStatus(list[i]) == TAPE_FULL ? list[i] : -1;
            }
            if (full >= 0) {
                // Initialising sets the draws from the given positions, so it simply runs again on larger tapes.
                growTapes(full);
                initialize(list, count, positions, logDensity, finite);
                return;
            }
        }
        for (int i = 0; i < count; i++) {
            int c = list[i];
            logDensity[c] = doubles.get(i);
            finite[c] = doubles.get(count + i) != 0.0;
        }
    }

    @Override
    public void setInverseMetric(int[] list, int count, double[] values) {
        if (count == 0) {
            return;
        }
        beginStaging();
        ints.put(0, list, 0, count);
        doubles.put(0, values, 0, count * dimension);
        uploadInts(count, argumentInts);
        uploadDoubles((long) count * dimension, argumentDoubles);
        setInverseMetricCall.integer("count", count).launch(stream, count);
        uploadPending = true;
    }

    @Override
    public void beginTrajectory(int[] list, int count, long[] event, double[] kinetic) {
        if (count == 0) {
            return;
        }
        beginStaging();
        for (int i = 0; i < count; i++) {
            int c = list[i];
            ints.put(i, c);
            ints.put(count + i, (int) event[c]);
            ints.put(2 * count + i, (int) (event[c] >>> 32));
        }
        uploadInts(3L * count, argumentInts);
        beginTrajectoryCall.integer("count", count).launch(stream, count);
        downloadDoubles(count, resultDoubles);
        for (int i = 0; i < count; i++) {
            kinetic[list[i]] = doubles.get(i);
        }
    }

    @Override
    public void beginSubtree(int[] list, int count, boolean[] swap) {
        if (count == 0) {
            return;
        }
        stageListAndFlags(list, count, swap);
        beginSubtreeCall.integer("count", count).launch(stream, count);
        uploadPending = true;
    }

    /**
     * {@inheritDoc} One thread per chain of the block: idle chains return at once, but their warps are scheduled
     * all the same, so every chain counts as paid for.
     */
    @Override
    public int leapfrog(double[] signedStepSize, double[] logDensity, double[] kinetic) {
        beginStaging();
        doubles.put(0, signedStepSize, 0, chains);
        uploadDoubles(chains, argumentDoubles);
        steps.leapfrog(stream);
        queueStatuses();
        downloadDoubles(2L * chains, resultDoubles);
        doubles.get(0, logDensity, 0, chains);
        doubles.get(chains, kinetic, 0, chains);
        if (model.generated() != null) {
            finishStoppedSteps(signedStepSize, logDensity, kinetic);
        }
        return chains;
    }

    /**
     * Completes the steps that stopped on a full tape (the chain drifted, its evaluation unfinished, not yet kicked):
     * the tapes grow, and those chains alone evaluate and kick, until none is stopped. The step then ends exactly as
     * it would have with large enough tapes from the start.
     */
    private void finishStoppedSteps(double[] signedStepSize, double[] logDensity, double[] kinetic) {
        int count = 0;
        for (int c = 0; c < chains; c++) {
            if (signedStepSize[c] != 0.0 && checkStatus(c) == TAPE_FULL) {
                stopped[count++] = c;
            }
        }
        while (count > 0) {
            growTapes(stopped[0]);
            beginStaging();
            for (int c = 0; c < chains; c++) {
                doubles.put(c, 0.0);
            }
            for (int i = 0; i < count; i++) {
                doubles.put(stopped[i], signedStepSize[stopped[i]]);
            }
            uploadDoubles(chains, argumentDoubles);
            finishLeapfrogCall.launch(stream, chains);
            queueStatuses();
            downloadDoubles(2L * chains, resultDoubles);
            int still = 0;
            for (int i = 0; i < count; i++) {
                int c = stopped[i];
                if (checkStatus(c) == TAPE_FULL) {
                    stopped[still++] = c;
                } else {
                    logDensity[c] = doubles.get(c);
                    kinetic[c] = doubles.get(chains + c);
                }
            }
            count = still;
        }
    }

    /** For a generated model, queues a copy of every chain's status into the staged ints (read after a sync). */
    private void queueStatuses() {
        if (model.generated() != null) {
            data.downloadStatuses(model, precision, chains, hostInts, stream);
        }
    }

    /**
     * Chain {@code c}'s status after the last evaluation of a generated model (read from the staged ints); stops the
     * run in one line where the program called fatal_error, as the CPU backend does.
     */
    private int checkStatus(int c) {
        int status = ints.get(c);
        if (status == FATAL) {
            throw new IllegalStateException("model " + model.kernelPrefix() + ": chain " + (firstChain + c)
                    + " called fatal_error (run it with --backend cpu to see its message)");
        }
        return status;
    }

    /**
     * Gives the block's chains tapes four times larger, after chain {@code c} filled its own: the probe that sized
     * them ({@link TapeCapacity}) could not foresee every point (a loop whose length depends on a parameter).
     */
    private void growTapes(int c) {
        long larger = 4L * model.tape();
        if (larger > TapeCapacity.LARGEST) {
            throw new IllegalStateException("model " + model.kernelPrefix() + ": chain " + (firstChain + c)
                    + " needed more than the " + model.tape() + " tape slots its generated kernels can be given");
        }
        DeviceModel grown = model.withTape((int) larger);
        data.growTapes(grown, precision, stream, chains);
        model = grown;
    }

    /**
     * {@inheritDoc} Present where the backend builds trees on the device (as it does unless told otherwise) and the
     * model evaluates in one thread per chain (fused or generated; a split model needs matrix products between steps).
     */
    @Override
    public Optional<DeviceSampling> deviceSampling() {
        if (!treesOnDevice || model.split()) {
            return Optional.empty();
        }
        if (deviceSampling == null) {
            kernels.makeCurrent();
            KernelCall[] calls = new KernelCall[2];
            for (int t = 0; t < calls.length; t++) {
                calls[t] = data.bind(kernels.call(model.sampleKernel(), model.kernelPrefix())).state(state);
            }
            deviceSampling = own(new CudaDeviceSampling(calls, kernels::makeCurrent, stream,
                    this::resolveStoppedEvaluations, chains, dimension, maxDepth, firstChain, seed));
        }
        return Optional.of(deviceSampling);
    }

    /**
     * The device state machine's chains whose evaluation stopped: the run stops in one line where one called
     * fatal_error; otherwise their tapes were full, and grow for the next launch, where they evaluate again.
     */
    private void resolveStoppedEvaluations(int[] list, int count) {
        beginStaging();
        queueStatuses();
        synchronize();
        int full = -1;
        for (int i = 0; i < count; i++) {
            if (checkStatus(list[i]) == TAPE_FULL && full < 0) {
                full = list[i];
            }
        }
        if (full >= 0) {
            growTapes(full);
        }
    }

    @Override
    public void afterLeaf(int[] list, int count, int[] levels, int[] popcount, boolean[] takeLeaf,
            int[] failedLevel) {
        if (count == 0) {
            return;
        }
        beginStaging();
        for (int i = 0; i < count; i++) {
            int c = list[i];
            ints.put(i, c);
            ints.put(count + i, levels[c]);
            ints.put(2 * count + i, popcount[c]);
            ints.put(3 * count + i, takeLeaf[c] ? 1 : 0);
        }
        uploadInts(4L * count, argumentInts);
        afterLeafCall.integer("count", count).launch(stream, count);
        downloadInts(count, resultInts);
        for (int i = 0; i < count; i++) {
            failedLevel[list[i]] = ints.get(i);
        }
    }

    @Override
    public void mergeIntoTree(int[] list, int count, boolean[] take, boolean[] persist) {
        if (count == 0) {
            return;
        }
        stageListAndFlags(list, count, take);
        mergeIntoTreeCall.integer("count", count).launch(stream, count);
        downloadInts(count, resultInts);
        for (int i = 0; i < count; i++) {
            persist[list[i]] = ints.get(i) != 0;
        }
    }

    @Override
    public void readDraw(int[] list, int count, double[] out) {
        read(readDrawCall, list, count, out);
    }

    @Override
    public void readFrontier(int[] list, int count, double[] out) {
        read(readFrontierCall, list, count, out);
    }

    private void read(KernelCall call, int[] list, int count, double[] out) {
        if (count == 0) {
            return;
        }
        beginStaging();
        ints.put(0, list, 0, count);
        uploadInts(count, argumentInts);
        call.integer("count", count).launch(stream, count);
        downloadDoubles((long) count * dimension, resultDoubles);
        doubles.get(0, out, 0, count * dimension);
    }

    /** Uploads the listed chains, then 1 or 0 per listed chain from {@code flags}, as the argument integers. */
    private void stageListAndFlags(int[] list, int count, boolean[] flags) {
        beginStaging();
        for (int i = 0; i < count; i++) {
            ints.put(i, list[i]);
            ints.put(count + i, flags[list[i]] ? 1 : 0);
        }
        uploadInts(2L * count, argumentInts);
    }

    /** Binds the context to this thread and waits for queued uploads before the staging memory is rewritten. */
    private void beginStaging() {
        if (closed) {
            throw new IllegalStateException("the chain block is closed");
        }
        kernels.makeCurrent();
        if (uploadPending) {
            synchronize();
        }
    }

    private void uploadInts(long count, DeviceBuffer target) {
        target.upload(hostInts, count * Integer.BYTES, stream);
    }

    private void uploadDoubles(long count, DeviceBuffer target) {
        target.upload(hostDoubles, count * Double.BYTES, stream);
    }

    private void downloadInts(long count, DeviceBuffer source) {
        source.download(hostInts, count * Integer.BYTES, stream);
        synchronize();
    }

    private void downloadDoubles(long count, DeviceBuffer source) {
        source.download(hostDoubles, count * Double.BYTES, stream);
        synchronize();
    }

    private void synchronize() {
        stream.synchronize();
        uploadPending = false;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        kernels.makeCurrent();
        Resources.closeAll(resources);
    }
}
