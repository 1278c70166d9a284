package manynuts.nuts;

import java.util.concurrent.atomic.AtomicLong;
import manynuts.adapt.DualAveraging;
import manynuts.adapt.WelfordVariance;
import manynuts.adapt.WindowSchedule;
import manynuts.backend.ChainBlock;
import manynuts.rng.DrawStream;
import manynuts.rng.RandomStreams;

/**
 * The desynchronised NUTS state machine over one block of chains: every global step advances every active
 * chain by one leapfrog step, and a chain whose tree has ended emits its draw and starts its next tree at the
 * next step, so no chain waits for the deepest tree of the block.
 *
 * <p>Per chain it keeps only scalars (tree depth, leaf index, log weights, energies, adaptation state); the
 * vectors live in the {@link ChainBlock}. Trees are built iteratively leaf by leaf: multinomial sampling,
 * progressive inside a doubling and biased progressive across doublings (Betancourt 2017), the generalised U-turn
 * criterion with Stan's two extra checks at every merge, and a divergence when H - H0 exceeds 1000 or H is not
 * finite (Betancourt 2017; Stan's base_nuts). Each random choice is the chain's Philox uniform for that very
 * choice, so the result equals the recursive construction with the same choices.
 */
final class BlockSampler {
    private static final int SEARCH = 0;
    private static final int TREE = 1;
    private static final int WAITING = 2;
    private static final int DONE = 3;
    private static final double MAX_ENERGY_ERROR = 1000.0;
    private static final double LOG_SEARCH_TARGET = Math.log(0.8);

    private final ChainBlock block;
    private final int firstChain;
    private final int chains;
    private final int dimension;
    private final SamplerSettings settings;
    private final WindowSchedule schedule;
    private final DrawSink sink;
    private final AtomicLong drawsDone;
    // Warm-up iterations finished, for progress reports; a counter of its own unless the sampler shares one.
    private AtomicLong warmupDone = new AtomicLong();
    private final RandomStreams random;
    /** Where each chain's state is recorded at the end of every iteration, for checkpoints; null for none. */
    private final ChainStates states;
    private final StopRequest stop;
    /** The generated quantities' random numbers of the draw being emitted. */
    private final DrawStream drawStream;

    private final int[] mode;
    private final int[] iteration;
    private final double[] stepSize;
    private final DualAveraging[] adaptation;
    private final WelfordVariance[] variance;
    private final int[] searchDirection;
    private final int[] searchTrial;
    private final boolean[] searchRestartsAdaptation;

    private final int[] depth;
    private final int[] leaf;
    private final boolean[] forward;
    private final double[] initialEnergy;
    private final double[] logWeightTree;
    private final double[] sumMetropolis;
    private final int[] leapfrogSteps;
    private final boolean[] divergent;
    private final double[] energyError;
    private final double[] drawLogDensity;
    private final double[] drawKinetic;
    private final double[] subtreeLogWeight;
    private final double[] proposalLogDensity;
    private final double[] proposalKinetic;
    private final long[] treeKey;
    private final double[][] divergentPosition;

    // Operation buffers, reused every step.
    private final double[] signedStepSize;
    private final double[] logDensity;
    private final double[] kinetic;
    private final int[] mergeList;
    private final int[] levels;
    private final int[] popcount;
    private final boolean[] takeLeaf;
    private final int[] failedLevel;
    private final int[] topList;
    private final boolean[] take;
    private final boolean[] persist;
    private final int[] subtreeList;
    private final boolean[] swap;
    private final int[] endList;
    private final int[] divergentList;
    private final int[] startList;
    private final long[] event;
    private final double[] positions;
    private final double[] chainVector;
    private final int[] singleChain = new int[1];
    // A copy of each chain's inverse metric, kept only to report it (Stan CSV's "Diagonal elements" line).
    private final double[][] inverseMetric;
    private int mergeCount;
    private int topCount;
    private int subtreeCount;
    private int endCount;
    private int divergentCount;
    private int startCount;

    private long usefulSteps;
    private long paidSteps;
    private long gradientEvaluations;
    // System.nanoTime() when each chain ended its warm-up and its last iteration; NOT_TIMED where this run did not
    // see it happen (a resumed chain that was already past it).
    static final long NOT_TIMED = Long.MIN_VALUE;
    private final long[] warmupEnded;
    private final long[] samplingEnded;

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
        this.schedule = schedule;
        this.sink = sink;
        this.drawsDone = drawsDone;
        this.random = new RandomStreams(settings.seed());
        this.drawStream = new DrawStream(settings.seed());
        int b = chains;
        mode = new int[b];
        iteration = new int[b];
        warmupEnded = new long[b];
        samplingEnded = new long[b];
        java.util.Arrays.fill(warmupEnded, NOT_TIMED);
        java.util.Arrays.fill(samplingEnded, NOT_TIMED);
        stepSize = new double[b];
        adaptation = new DualAveraging[b];
        variance = new WelfordVariance[b];
        for (int c = 0; c < b; c++) {
            stepSize[c] = settings.stepSize();
            adaptation[c] = new DualAveraging(settings.targetAccept(), settings.stepSize());
            variance[c] = new WelfordVariance(dimension);
        }
        inverseMetric = new double[b][dimension];
        for (double[] chainMetric : inverseMetric) {
            java.util.Arrays.fill(chainMetric, 1.0);
        }
        searchDirection = new int[b];
        searchTrial = new int[b];
        searchRestartsAdaptation = new boolean[b];
        depth = new int[b];
        leaf = new int[b];
        forward = new boolean[b];
        initialEnergy = new double[b];
        logWeightTree = new double[b];
        sumMetropolis = new double[b];
        leapfrogSteps = new int[b];
        divergent = new boolean[b];
        energyError = new double[b];
        drawLogDensity = new double[b];
        drawKinetic = new double[b];
        subtreeLogWeight = new double[b];
        proposalLogDensity = new double[b];
        proposalKinetic = new double[b];
        treeKey = new long[b];
        divergentPosition = new double[b][];
        signedStepSize = new double[b];
        logDensity = new double[b];
        kinetic = new double[b];
        mergeList = new int[b];
        levels = new int[b];
        popcount = new int[b];
        takeLeaf = new boolean[b];
        failedLevel = new int[b];
        topList = new int[b];
        take = new boolean[b];
        persist = new boolean[b];
        subtreeList = new int[b];
        swap = new boolean[b];
        endList = new int[b];
        divergentList = new int[b];
        startList = new int[b];
        event = new long[b];
        positions = new double[b * dimension];
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
            block.initialize(pending, pendingCount, positions, drawLogDensity, finite);
            gradientEvaluations += pendingCount;
            int kept = 0;
            for (int i = 0; i < pendingCount; i++) {
                if (!finite[pending[i]]) {
                    pending[kept++] = pending[i];
                }
            }
            pendingCount = kept;
        }
        if (pendingCount > 0) {
            throw new SamplerException("chain " + (firstChain + pending[0] + 1) + ": no finite log density and gradient at "
                    + SamplerSettings.INIT_ATTEMPTS + " random initial points in (-" + radius + ", " + radius + ")");
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
                startSearch(c, false);
            } else {
                startTree(c);
            }
        }
        restore(restored, restoredCount);
        flushStarts();
    }

    /** Sets the listed chains to their recorded states and starts each where it was. */
    private void restore(int[] list, int count) {
        if (count == 0) {
            return;
        }
        byte[] action = new byte[chains];
        for (int i = 0; i < count; i++) {
            int c = list[i];
            action[c] = states.restore(firstChain + c, adaptation[c], variance[c], positions, i * dimension,
                    inverseMetric[c]);
            stepSize[c] = states.stepSize(firstChain + c);
            iteration[c] = states.iteration(firstChain + c);
        }
        boolean[] finite = new boolean[chains];
        block.initialize(list, count, positions, drawLogDensity, finite);
        gradientEvaluations += count;
        for (int i = 0; i < count; i++) {
            int c = list[i];
            if (!finite[c]) {
                throw new SamplerException("chain " + (firstChain + c + 1) + ": the checkpoint's position has no "
                        + "finite log density: the model or its data differ from the run's");
            }
            setMetric(c, inverseMetric[c], 0);
            byte next = action[c];
            if (next == ChainStates.DONE) {
                mode[c] = DONE;
            } else if (next == ChainStates.WAITING) {
                mode[c] = WAITING;
            } else if (next == ChainStates.TREE) {
                startTree(c);
            } else {
                startSearch(c, next == ChainStates.SEARCH_RESTARTING_ADAPTATION);
            }
        }
    }

    /**
     * Records chain {@code c} as it starts its next iteration, at the position {@code positions[offset..]}; the
     * caller holds the lock of {@link #states}.
     */
    private void record(int c, byte next, int offset, boolean varianceChanges) {
        states.record(firstChain + c, next, iteration[c], stepSize[c], adaptation[c], variance[c], varianceChanges,
                positions, offset, inverseMetric[c]);
    }

    boolean hasActiveChains() {
        for (int c = 0; c < chains; c++) {
            if (mode[c] == SEARCH || mode[c] == TREE) {
                return true;
            }
        }
        return false;
    }

    boolean hasWaitingChains() {
        for (int c = 0; c < chains; c++) {
            if (mode[c] == WAITING) {
                return true;
            }
        }
        return false;
    }

    /** Runs global steps until every chain is done or waits for a pooled metric update. */
    void run() {
        while (hasActiveChains() && !stop.requested()) {
            step();
        }
    }

    /** Adds this block's current variance estimates to {@code pooled}, in chain order. */
    void poolVariance(WelfordVariance pooled) {
        for (int c = 0; c < chains; c++) {
            pooled.combine(variance[c]);
        }
    }

    /** Gives every waiting chain the pooled inverse metric and lets it go on. */
    void resumeWithMetric(double[] inverseMetric) {
        for (int c = 0; c < chains; c++) {
            if (mode[c] != WAITING) {
                continue;
            }
            variance[c].reset();
            setMetric(c, inverseMetric, 0);
            if (states != null) {
                singleChain[0] = c;
                block.readDraw(singleChain, 1, chainVector);
                synchronized (states) {
                    states.record(firstChain + c, iteration[c] >= settings.iterations() ? ChainStates.DONE
                            : ChainStates.SEARCH_RESTARTING_ADAPTATION, iteration[c], stepSize[c], adaptation[c],
                            variance[c], true, chainVector, 0, this.inverseMetric[c]);
                }
            }
            continueAfterIteration(c, true);
        }
        flushStarts();
    }

    /** One global step: every active chain takes one leapfrog step and the tree logic follows it. */
    void step() {
        for (int c = 0; c < chains; c++) {
            boolean active = mode[c] == SEARCH || mode[c] == TREE;
            if (active) {
                usefulSteps++;
            }
            signedStepSize[c] = !active ? 0.0 : (mode[c] == TREE && !forward[c]) ? -stepSize[c] : stepSize[c];
        }
        paidSteps += block.leapfrog(signedStepSize, logDensity, kinetic);

        mergeCount = 0;
        divergentCount = 0;
        endCount = 0;
        topCount = 0;
        subtreeCount = 0;
        startCount = 0;
        for (int c = 0; c < chains; c++) {
            if (mode[c] == SEARCH) {
                afterSearchStep(c);
            } else if (mode[c] == TREE) {
                afterLeaf(c);
            }
        }
        if (divergentCount > 0) {
            recordDivergentPositions();
        }
        block.afterLeaf(mergeList, mergeCount, levels, popcount, takeLeaf, failedLevel);
        for (int i = 0; i < mergeCount; i++) {
            int c = mergeList[i];
            if (failedLevel[c] != 0) {
                endList[endCount++] = c;
            } else if (leaf[c] == (1 << depth[c]) - 1) {
                decideTopMerge(c);
            } else {
                leaf[c]++;
            }
        }
        block.mergeIntoTree(topList, topCount, take, persist);
        for (int i = 0; i < topCount; i++) {
            int c = topList[i];
            depth[c]++;
            if (!persist[c] || depth[c] == settings.maxDepth()) {
                endList[endCount++] = c;
            } else {
                beginDoubling(c, true);
            }
        }
        if (endCount > 0) {
            block.readDraw(endList, endCount, positions);
            if (states == null) {
                finishTrees();
            } else {
                synchronized (states) {
                    finishTrees();
                }
            }
        }
        flushStarts();
        block.beginSubtree(subtreeList, subtreeCount, swap);
    }

    private void afterLeaf(int c) {
        gradientEvaluations++;
        double energy = -logDensity[c] + kinetic[c];
        if (Double.isNaN(energy)) {
            energy = Double.POSITIVE_INFINITY;
        }
        leapfrogSteps[c]++;
        double logWeight = initialEnergy[c] - energy;
        sumMetropolis[c] += logWeight > 0 ? 1.0 : Math.exp(logWeight);
        if (energy - initialEnergy[c] > MAX_ENERGY_ERROR) {
            divergent[c] = true;
            energyError[c] = energy - initialEnergy[c];
            divergentList[divergentCount++] = c;
            endList[endCount++] = c;
            return;
        }
        // Multinomial sampling inside the doubling, progressively: leaf n replaces the subtree's proposal with
        // probability w_n / (w_0 + ... + w_n), which leaves each leaf chosen in proportion to its weight.
        int n = leaf[c];
        boolean take;
        if (n == 0) {
            subtreeLogWeight[c] = logWeight;
            take = true;
        } else {
            // One exp and one log give both the new total and the leaf's share w_n / total.
            double before = subtreeLogWeight[c];
            double share;
            if (logWeight >= before) {
                double ratio = Math.exp(before - logWeight);
                subtreeLogWeight[c] = logWeight + Math.log(1.0 + ratio);
                share = 1.0 / (1.0 + ratio);
            } else {
                double ratio = Math.exp(logWeight - before);
                subtreeLogWeight[c] = before + Math.log(1.0 + ratio);
                share = ratio / (1.0 + ratio);
            }
            take = RandomStreams.leafUniform(treeKey[c], depth[c], n) < share;
        }
        if (take) {
            proposalLogDensity[c] = logDensity[c];
            proposalKinetic[c] = kinetic[c];
        }
        takeLeaf[c] = take;
        mergeList[mergeCount++] = c;
        levels[c] = Integer.numberOfTrailingZeros(~n);
        popcount[c] = Integer.bitCount(n);
    }

    /** Biased progressive sampling (Betancourt 2017): the new subtree's proposal replaces the draw w.p. min(1, W_new / W_old). */
    private void decideTopMerge(int c) {
        double subtree = subtreeLogWeight[c];
        double u = RandomStreams.leafUniform(treeKey[c], depth[c], RandomStreams.LEAF_TOP);
        boolean accept = subtree > logWeightTree[c] || u < Math.exp(subtree - logWeightTree[c]);
        take[c] = accept;
        if (accept) {
            drawLogDensity[c] = proposalLogDensity[c];
            drawKinetic[c] = proposalKinetic[c];
        }
        logWeightTree[c] = logSumExp(logWeightTree[c], subtree);
        topList[topCount++] = c;
    }

    /** Picks the direction of the next doubling; the frontier swaps ends when the direction changes. */
    private void beginDoubling(int c, boolean queue) {
        leaf[c] = 0;
        double u = RandomStreams.leafUniform(treeKey[c], depth[c], RandomStreams.LEAF_DIRECTION);
        boolean forwards = u > 0.5;
        if (queue) {
            swap[c] = forwards != forward[c];
            subtreeList[subtreeCount++] = c;
        }
        forward[c] = forwards;
    }

    private void recordDivergentPositions() {
        double[] out = new double[divergentCount * dimension];
        block.readFrontier(divergentList, divergentCount, out);
        for (int i = 0; i < divergentCount; i++) {
            divergentPosition[divergentList[i]] = java.util.Arrays.copyOfRange(out, i * dimension, (i + 1) * dimension);
        }
    }

    private void finishTrees() {
        for (int i = 0; i < endCount; i++) {
            finishTree(endList[i], i * dimension);
        }
    }

    private void finishTree(int c, int offset) {
        int it = iteration[c];
        double acceptStat = leapfrogSteps[c] > 0 ? sumMetropolis[c] / leapfrogSteps[c] : 0.0;
        int warmup = settings.warmup();
        boolean metricUpdate = false;
        if (it >= warmup) {
            int sampling = it - warmup;
            if (sampling % settings.thin() == 0) {
                int draw = sampling / settings.thin();
                SamplerStats stats = new SamplerStats(drawLogDensity[c], acceptStat, stepSize[c], depth[c],
                        leapfrogSteps[c], divergent[c], -drawLogDensity[c] + drawKinetic[c]);
                System.arraycopy(positions, offset, chainVector, 0, dimension);
                sink.draw(firstChain + c, draw, chainVector, stats, drawStream.reset(firstChain + c, draw));
                if (divergent[c]) {
                    sink.divergence(new Divergence(firstChain + c, draw, divergentPosition[c], energyError[c]));
                }
                drawsDone.incrementAndGet();
            }
        } else {
            warmupDone.incrementAndGet();
            stepSize[c] = adaptation[c].learn(acceptStat);
            if (schedule.collects(it)) {
                variance[c].add(positions, offset);
            }
            metricUpdate = schedule.endsWindow(it);
            if (it == warmup - 1) {
                stepSize[c] = adaptation[c].finalStepSize();
                warmupEnded[c] = System.nanoTime();
            }
        }
        divergentPosition[c] = null;
        iteration[c]++;
        if (metricUpdate && settings.pooledMetric()) {
            mode[c] = WAITING;
            if (states != null) {
                record(c, ChainStates.WAITING, offset, true);
            }
            return;
        }
        if (metricUpdate) {
            variance[c].regularizedVariance(chainVector, 0);
            variance[c].reset();
            setMetric(c, chainVector, 0);
        }
        if (states != null) {
            record(c, iteration[c] >= settings.iterations() ? ChainStates.DONE : metricUpdate
                    ? ChainStates.SEARCH_RESTARTING_ADAPTATION : ChainStates.TREE, offset, it < warmup);
        }
        continueAfterIteration(c, metricUpdate);
    }

    private void continueAfterIteration(int c, boolean metricUpdated) {
        if (iteration[c] >= settings.iterations()) {
            mode[c] = DONE;
            samplingEnded[c] = System.nanoTime();
        } else if (metricUpdated) {
            startSearch(c, true);
        } else {
            startTree(c);
        }
    }

    private void setMetric(int c, double[] values, int offset) {
        System.arraycopy(values, offset, chainVector, 0, dimension);
        System.arraycopy(values, offset, inverseMetric[c], 0, dimension);
        singleChain[0] = c;
        block.setInverseMetric(singleChain, 1, chainVector);
    }

    /** Stan's init_stepsize: double or halve the step size until one leapfrog step's acceptance crosses 0.8. */
    private void startSearch(int c, boolean restartAdaptation) {
        double eps = stepSize[c];
        if (eps == 0 || eps > 1e7 || Double.isNaN(eps)) {
            startTree(c);
            return;
        }
        mode[c] = SEARCH;
        searchTrial[c] = 0;
        searchDirection[c] = 0;
        searchRestartsAdaptation[c] = restartAdaptation;
        queueStart(c, RandomStreams.stepSizeSearchEvent(iteration[c], 0));
    }

    private void afterSearchStep(int c) {
        gradientEvaluations++;
        double energy = -logDensity[c] + kinetic[c];
        if (Double.isNaN(energy)) {
            energy = Double.POSITIVE_INFINITY;
        }
        double deltaEnergy = initialEnergy[c] - energy;
        if (searchTrial[c] == 0) {
            searchDirection[c] = deltaEnergy > LOG_SEARCH_TARGET ? 1 : -1;
        } else {
            boolean crossed = searchDirection[c] == 1 ? !(deltaEnergy > LOG_SEARCH_TARGET)
                    : !(deltaEnergy < LOG_SEARCH_TARGET);
            if (crossed) {
                if (searchRestartsAdaptation[c]) {
                    adaptation[c].restart(stepSize[c]);
                }
                startTree(c);
                return;
            }
            stepSize[c] *= searchDirection[c] == 1 ? 2.0 : 0.5;
            if (stepSize[c] > 1e7) {
                throw new SamplerException("chain " + (firstChain + c + 1)
                        + ": the step size grew past 1e7 while searching for a first step size: is the posterior improper?");
            }
            if (stepSize[c] == 0) {
                throw new SamplerException("chain " + (firstChain + c + 1)
                        + ": no acceptably small step size could be found: is the posterior continuous?");
            }
        }
        searchTrial[c]++;
        queueStart(c, RandomStreams.stepSizeSearchEvent(iteration[c], searchTrial[c]));
    }

    private void startTree(int c) {
        mode[c] = TREE;
        depth[c] = 0;
        sumMetropolis[c] = 0.0;
        leapfrogSteps[c] = 0;
        divergent[c] = false;
        logWeightTree[c] = 0.0;
        treeKey[c] = random.treeKey(iteration[c], firstChain + c);
        beginDoubling(c, false);
        queueStart(c, RandomStreams.momentumEvent(iteration[c]));
    }

    private void queueStart(int c, long startEvent) {
        event[c] = startEvent;
        startList[startCount++] = c;
    }

    private void flushStarts() {
        if (startCount == 0) {
            return;
        }
        block.beginTrajectory(startList, startCount, event, kinetic);
        for (int i = 0; i < startCount; i++) {
            int c = startList[i];
            initialEnergy[c] = -drawLogDensity[c] + kinetic[c];
            if (mode[c] == TREE) {
                drawKinetic[c] = kinetic[c];
            }
        }
        startCount = 0;
    }

    static double logSumExp(double a, double b) {
        double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        // log rather than log1p (not a JIT intrinsic): log weights need absolute, not relative, accuracy.
        return max + Math.log(1.0 + Math.exp(Math.min(a, b) - max));
    }

    int[] iterations() {
        return iteration;
    }

    /** When chain {@code c} ended its warm-up, as {@link System#nanoTime()}, or {@link #NOT_TIMED}. */
    long warmupEnded(int c) {
        return warmupEnded[c];
    }

    /** When chain {@code c} made its last draw, as {@link System#nanoTime()}, or {@link #NOT_TIMED}. */
    long samplingEnded(int c) {
        return samplingEnded[c];
    }

    double stepSize(int c) {
        return stepSize[c];
    }

    /** Chain {@code c}'s diagonal inverse metric as last set; the array is the sampler's own. */
    double[] inverseMetric(int c) {
        return inverseMetric[c];
    }

    long usefulSteps() {
        return usefulSteps;
    }

    long paidSteps() {
        return paidSteps;
    }

    long gradientEvaluations() {
        return gradientEvaluations;
    }
}
