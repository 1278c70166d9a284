package manynuts.nuts;

import java.util.concurrent.atomic.AtomicLong;
import manynuts.adapt.WelfordVariance;
import manynuts.adapt.WindowSchedule;
import manynuts.backend.ChainBlock;
import manynuts.backend.DeviceSampling;
import manynuts.backend.SampledDraws;
import manynuts.nuts.ChainProgress.Mode;
import manynuts.rng.RandomStreams;

/**
 * Runs the chains of one block: initial points, the global steps of the {@link TreeStateMachine}, and the end of
 * each draw, where the chain's draw goes to the {@link DrawEmitter} after warm-up or to the
 * {@link WarmupAdaptation} during it, its state is recorded for checkpoints, and it goes on to its next
 * iteration, waits for a pooled metric, or stops.
 */
final class BlockSampler {
    private final ChainBlock block;
    private final int firstChain;
    private final int chains;
    private final int dimension;
    private final SamplerSettings settings;
    private final AtomicLong drawsDone;
    // Warm-up iterations finished, for progress reports; a counter of its own unless the sampler shares one.
    private AtomicLong warmupDone = new AtomicLong();
    private final RandomStreams random;
    /** Where each chain's state is recorded at the end of every iteration, for checkpoints; null for none. */
    private final ChainStates states;
    private final StopRequest stop;

    private final ChainProgress progress;
    private final TreeState tree;
    private final StepBuffers buffers;
    private final WarmupAdaptation warmup;
    private final TreeStateMachine machine;
    private final DrawEmitter emitter;
    /** The block's device state machine; null where the host builds every tree. */
    private final DeviceSampling device;
    /**
     * Whether warm-up trees are built on the device too, one iteration of a chain at a time (not where the metric is
     * pooled: its meetings of every chain keep the host's schedule).
     */
    private final boolean warmupOnDevice;
    /** Whether the device holds chain {@code c} (running, or parked with a draw not yet read). */
    private final boolean[] handedOver;
    /** The iteration at which the device parks chain {@code c}, as last handed over. */
    private final int[] stopIteration;
    private final int[] handOverList;

    /** Draws of chains at the end of their tree, {@code positions[i * dimension + d]} in the order of the list. */
    private final double[] positions;
    private final double[] chainVector;
    private final int[] singleChain = new int[1];

    /** {@link System#nanoTime()} of an event this run did not see happen (a resumed chain already past it). */
    static final long NOT_TIMED = ChainProgress.NOT_TIMED;

    /** Counts the block's warm-up iterations in {@code counter} (modified) from now on, for progress reports. */
    void countWarmupIn(AtomicLong counter) {
        warmupDone = counter;
    }

    BlockSampler(ChainBlock block, int firstChain, SamplerSettings settings, WindowSchedule schedule, DrawSink sink,
            AtomicLong drawsDone) {
        this(block, firstChain, settings, schedule, sink, drawsDone, null, new StopRequest());
    }

    /**
     * A block whose chains record their states in {@code states} (null for none) and start from the states recorded
     * there, where it has them; {@link #run} returns early once {@code stop} is requested.
     */
    BlockSampler(ChainBlock block, int firstChain, SamplerSettings settings, WindowSchedule schedule, DrawSink sink,
            AtomicLong drawsDone, ChainStates states, StopRequest stop) {
        this.states = states;
        this.stop = stop;
        this.block = block;
        this.firstChain = firstChain;
        this.chains = block.chains();
        this.dimension = block.dimension();
        this.settings = settings;
        this.drawsDone = drawsDone;
        this.random = new RandomStreams(settings.seed());
        progress = new ChainProgress(chains);
        tree = new TreeState(chains);
        buffers = new StepBuffers(chains);
        warmup = new WarmupAdaptation(block, firstChain, settings, schedule);
        machine = new TreeStateMachine(block, firstChain, settings, progress, warmup, tree, buffers);
        emitter = new DrawEmitter(sink, drawsDone, firstChain, settings, dimension);
        device = block.deviceSampling().orElse(null);
        warmupOnDevice = device != null && !settings.pooledMetric();
        if (warmupOnDevice) {
            machine.buildTreesOnDevice();
        }
        handedOver = new boolean[chains];
        stopIteration = new int[chains];
        handOverList = new int[chains];
        positions = new double[chains * dimension];
        chainVector = new double[dimension];
    }

    /**
     * Draws initial points uniform in (-r, r) until the log density and gradient are finite, then starts. The chains
     * of one superchain draw the same points, so they start together.
     */
    void initialize() {
        boolean[] finite = new boolean[chains];
        int[] pending = new int[chains];
        int pendingCount = 0;
        int[] restored = new int[chains];
        int restoredCount = 0;
        for (int c = 0; c < chains; c++) {
            if (states != null && states.has(firstChain + c)) {
                restored[restoredCount++] = c;
            } else {
                pending[pendingCount++] = c;
            }
        }
        int[] fresh = java.util.Arrays.copyOf(pending, pendingCount);
        double radius = settings.initRadius();
        for (int attempt = 0; attempt < SamplerSettings.INIT_ATTEMPTS && pendingCount > 0; attempt++) {
            long initEvent = RandomStreams.initEvent(attempt);
            for (int i = 0; i < pendingCount; i++) {
                for (int d = 0; d < dimension; d++) {
                    double u = random.uniform(initEvent, settings.initialPointOf(firstChain + pending[i]), d);
                    positions[i * dimension + d] = radius * (2.0 * u - 1.0);
                }
            }
            block.initialize(pending, pendingCount, positions, tree.drawLogDensity, finite);
            machine.countGradients(pendingCount);
            int kept = 0;
            for (int i = 0; i < pendingCount; i++) {
                if (!finite[pending[i]]) {
                    pending[kept++] = pending[i];
                }
            }
            pendingCount = kept;
        }
        if (pendingCount > 0) {
            throw new SamplerException("chain " + (firstChain + pending[0] + 1)
                    + ": no finite log density and gradient at " + SamplerSettings.INIT_ATTEMPTS
                    + " random initial points in (-" + radius + ", " + radius + ")");
        }
        if (states != null && fresh.length > 0) {
            block.readDraw(fresh, fresh.length, positions);
            synchronized (states) {
                for (int i = 0; i < fresh.length; i++) {
                    record(fresh[i], settings.warmup() > 0 ? ChainStates.SEARCH : ChainStates.TREE, i * dimension,
                            true);
                }
            }
        }
        for (int c : fresh) {
            if (settings.warmup() > 0) {
                machine.startSearch(c, false);
            } else {
                startTree(c);
            }
        }
        restore(restored, restoredCount);
        machine.startTrajectories();
    }

    /** Sets the listed chains to their recorded states and starts each where it was. */
    private void restore(int[] list, int count) {
        if (count == 0) {
            return;
        }
        byte[] action = new byte[chains];
        for (int i = 0; i < count; i++) {
            int c = list[i];
            action[c] = states.restore(firstChain + c, warmup.dualAveraging[c], warmup.variance[c], positions,
                    i * dimension, warmup.inverseMetric[c]);
            warmup.stepSize[c] = states.stepSize(firstChain + c);
            progress.iteration[c] = states.iteration(firstChain + c);
        }
        boolean[] finite = new boolean[chains];
        block.initialize(list, count, positions, tree.drawLogDensity, finite);
        machine.countGradients(count);
        for (int i = 0; i < count; i++) {
            int c = list[i];
            if (!finite[c]) {
                throw new SamplerException("chain " + (firstChain + c + 1) + ": the checkpoint's position has no "
                        + "finite log density: the model or its data differ from the run's");
            }
            warmup.setMetric(c, warmup.inverseMetric[c], 0);
            byte next = action[c];
            if (next == ChainStates.DONE) {
                progress.mode[c] = Mode.DONE;
            } else if (next == ChainStates.WAITING) {
                progress.mode[c] = Mode.WAITING;
            } else if (next == ChainStates.TREE) {
                startTree(c);
            } else {
                machine.startSearch(c, next == ChainStates.SEARCH_RESTARTING_ADAPTATION);
            }
        }
        warmup.flushMetrics();
    }

    /**
     * Records chain {@code c} as it starts its next iteration, at the position {@code x[offset..]}; the caller holds
     * the lock of {@link #states}.
     */
    private void record(int c, byte next, double[] x, int offset, boolean varianceChanges) {
        states.record(firstChain + c, next, progress.iteration[c], warmup.stepSize[c], warmup.dualAveraging[c],
                warmup.variance[c], varianceChanges, x, offset, warmup.inverseMetric[c]);
    }

    private void record(int c, byte next, int offset, boolean varianceChanges) {
        record(c, next, positions, offset, varianceChanges);
    }

    boolean hasActiveChains() {
        return progress.anyMoving();
    }

    boolean hasWaitingChains() {
        return progress.anyIn(Mode.WAITING);
    }

    /**
     * Runs global steps until every chain is done or waits for a pooled metric update; chains whose trees the device
     * builds run there once no chain of the block moves on the host.
     */
    void run() {
        while (!stop.requested()) {
            if (hasActiveChains()) {
                step();
            } else if (progress.anyIn(Mode.ON_DEVICE) && !hasWaitingChains()) {
                sampleOnDevice();
            } else {
                return;
            }
        }
    }

    /**
     * The iterations of every chain waiting for the device, launch after launch: each draw that comes back ends as a
     * host-built tree's does ({@link #endDeviceDraw}). A warm-up chain parks after each draw; the host adapts to it
     * and hands it back with its new step size, and after a metric update for a step-size search first.
     */
    private void sampleOnDevice() {
        handOver();
        while (true) {
            SampledDraws draws = device.next(warmupOnDevice && anyInWarmup());
            machine.countDeviceSteps(draws);
            if (states == null) {
                endDeviceDraws(draws);
            } else {
                synchronized (states) {
                    endDeviceDraws(draws);
                }
            }
            warmup.flushMetrics();
            int handed = handOver();
            if ((draws.finished() && handed == 0) || stop.requested()) {
                return;
            }
        }
    }

    /** Whether some chain not yet done is in warm-up. */
    private boolean anyInWarmup() {
        for (int c = 0; c < chains; c++) {
            if (progress.mode[c] != Mode.DONE && progress.iteration[c] < settings.warmup()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hands every chain waiting for the device and not held there to it: a warm-up chain for one iteration, a chain
     * past warm-up for the rest of the run. Returns how many.
     */
    private int handOver() {
        int count = 0;
        for (int c = 0; c < chains; c++) {
            if (progress.mode[c] == Mode.ON_DEVICE && !handedOver[c]) {
                int it = progress.iteration[c];
                stopIteration[c] = it < settings.warmup() ? it + 1 : settings.iterations();
                // The device would make no draw of it, so nothing would ever let it go and run() would not end.
                if (it >= stopIteration[c]) {
                    throw new IllegalStateException("chain " + (firstChain + c + 1) + " handed to the device at "
                            + "iteration " + it + ", at or past its stop iteration " + stopIteration[c]);
                }
                handedOver[c] = true;
                handOverList[count++] = c;
            }
        }
        if (count > 0) {
            device.start(handOverList, count, progress.iteration, warmup.stepSize, tree.drawLogDensity,
                    stopIteration, progress.searchFirst);
        }
        return count;
    }

    private void endDeviceDraws(SampledDraws draws) {
        for (int c = 0; c < chains; c++) {
            for (int k = 0; k < draws.count(c); k++) {
                endDeviceDraw(c, draws, k);
            }
        }
    }

    /** A draw of the device state machine: its tree's statistics as the host's tree would leave them, then its end. */
    private void endDeviceDraw(int c, SampledDraws draws, int k) {
        int ending = draws.ending(c, k);
        if (progress.searchFirst[c]) {
            progress.searchFirst[c] = false;
            if (ending == SampledDraws.SEARCH_FAILED) {
                warmup.failSearch(c, draws.stepSize(c, k));
            }
            warmup.endSearch(c, draws.stepSize(c, k));
        }
        tree.depth[c] = draws.depth(c, k);
        tree.leapfrogSteps[c] = draws.leapfrogSteps(c, k);
        tree.sumMetropolis[c] = draws.sumMetropolis(c, k);
        tree.drawLogDensity[c] = draws.logDensity(c, k);
        tree.drawKinetic[c] = draws.kinetic(c, k);
        tree.divergentPosition[c] = null;
        if (ending == SampledDraws.DIVERGENT) {
            tree.ending[c] = new TreeOutcome.Divergent(draws.energyError(c, k));
            tree.divergentPosition[c] = new double[dimension];
            draws.divergentPosition(c, k, tree.divergentPosition[c], 0);
        } else {
            tree.ending[c] = ending == SampledDraws.MAX_DEPTH ? TreeOutcome.MAX_DEPTH : TreeOutcome.UTurn.at(ending);
        }
        draws.position(c, k, positions, 0);
        if (progress.iteration[c] != draws.iteration(c, k)) {
            throw new IllegalStateException("chain " + (firstChain + c + 1) + ": the device made iteration "
                    + draws.iteration(c, k) + " where the host expected " + progress.iteration[c]);
        }
        // The chain's last iteration before it parks: the device has let it go.
        handedOver[c] = progress.iteration[c] + 1 < stopIteration[c];
        endDraw(c, 0);
    }

    /** Adds this block's current variance estimates to {@code pooled}, in chain order. */
    void poolVariance(WelfordVariance pooled) {
        warmup.poolVariance(pooled);
    }

    /** Gives every waiting chain the pooled inverse metric and lets it go on. */
    void resumeWithMetric(double[] inverseMetric) {
        for (int c = 0; c < chains; c++) {
            if (progress.mode[c] != Mode.WAITING) {
                continue;
            }
            warmup.takePooledMetric(c, inverseMetric);
            if (states != null) {
                singleChain[0] = c;
                block.readDraw(singleChain, 1, chainVector);
                synchronized (states) {
                    record(c, progress.iteration[c] >= settings.iterations() ? ChainStates.DONE
                            : ChainStates.SEARCH_RESTARTING_ADAPTATION, chainVector, 0, true);
                }
            }
            continueAfterIteration(c, true);
        }
        warmup.flushMetrics();
        machine.startTrajectories();
    }

    /** One global step: every moving chain takes one leapfrog step, and chains whose tree ended finish their draw. */
    void step() {
        machine.advance();
        ChainList ended = buffers.ended;
        if (!ended.isEmpty()) {
            block.readDraw(ended.chains, ended.count, positions);
            if (states == null) {
                endDraws(ended);
            } else {
                synchronized (states) {
                    endDraws(ended);
                }
            }
            warmup.flushMetrics();
        }
        machine.startTrajectories();
        machine.beginDoublings();
    }

    private void endDraws(ChainList ended) {
        for (int i = 0; i < ended.count; i++) {
            endDraw(ended.get(i), i * dimension);
        }
    }

    /** End of draw: the ended tree's draw at {@code positions[offset..]} is emitted or adapted to. */
    private void endDraw(int c, int offset) {
        int it = progress.iteration[c];
        boolean inWarmup = it < settings.warmup();
        boolean metricUpdate = false;
        if (!inWarmup) {
            emitter.afterSamplingIteration(c, it, positions, offset, tree, warmup.stepSize[c]);
        } else {
            warmupDone.incrementAndGet();
            emitter.afterWarmupIteration(c, it, positions, offset, tree, warmup.stepSize[c]);
            metricUpdate = warmup.afterWarmupIteration(c, it, tree.acceptStat(c), positions, offset);
            if (it == settings.warmup() - 1) {
                progress.warmupEnded[c] = System.nanoTime();
            }
        }
        progress.iteration[c]++;
        if (metricUpdate && warmup.pooled()) {
            progress.mode[c] = Mode.WAITING;
            if (states != null) {
                record(c, ChainStates.WAITING, offset, true);
            }
            return;
        }
        if (metricUpdate) {
            warmup.updateMetricFromWindow(c);
        }
        if (states != null) {
            record(c, progress.iteration[c] >= settings.iterations() ? ChainStates.DONE : metricUpdate
                    ? ChainStates.SEARCH_RESTARTING_ADAPTATION : ChainStates.TREE, offset, inWarmup);
        }
        continueAfterIteration(c, metricUpdate);
    }

    private void continueAfterIteration(int c, boolean metricUpdated) {
        if (progress.iteration[c] >= settings.iterations()) {
            progress.mode[c] = Mode.DONE;
            progress.samplingEnded[c] = System.nanoTime();
        } else if (metricUpdated) {
            machine.startSearch(c, true);
        } else {
            startTree(c);
        }
    }

    /** Starts chain {@code c}'s next tree on the host, or leaves it to the device. */
    private void startTree(int c) {
        if (warmupOnDevice || (device != null && progress.iteration[c] >= settings.warmup())) {
            progress.mode[c] = Mode.ON_DEVICE;
        } else {
            machine.startTree(c);
        }
    }

    int[] iterations() {
        return progress.iteration;
    }

    /** When chain {@code c} ended its warm-up, as {@link System#nanoTime()}, or {@link #NOT_TIMED}. */
    long warmupEnded(int c) {
        return progress.warmupEnded[c];
    }

    /** When chain {@code c} made its last draw, as {@link System#nanoTime()}, or {@link #NOT_TIMED}. */
    long samplingEnded(int c) {
        return progress.samplingEnded[c];
    }

    double stepSize(int c) {
        return warmup.stepSize[c];
    }

    /** Chain {@code c}'s diagonal inverse metric as last set; the array is the sampler's own. */
    double[] inverseMetric(int c) {
        return warmup.inverseMetric[c];
    }

    long usefulSteps() {
        return machine.usefulSteps();
    }

    long paidSteps() {
        return machine.paidSteps();
    }

    long gradientEvaluations() {
        return machine.gradientEvaluations();
    }
}
