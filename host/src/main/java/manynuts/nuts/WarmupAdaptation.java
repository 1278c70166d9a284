package manynuts.nuts;

import manynuts.adapt.DualAveraging;
import manynuts.adapt.WelfordVariance;
import manynuts.adapt.WindowSchedule;
import manynuts.backend.ChainBlock;

/**
 * Stan's warm-up for each chain of a block: the first step-size search (init_stepsize), dual averaging of the step
 * size, and the windowed diagonal metric, estimated per chain or pooled over every chain at each window end.
 *
 * <p>Holds each chain's step size and inverse metric through the whole run, warm-up or not. The tree state machine
 * calls {@link #afterSearchStep} for each search trial on the host; a search on the device (the same trials and
 * comparisons, nuts_sampling.cuh) reports its outcome through {@link #endSearch} or {@link #failSearch}. The sampler
 * calls {@link #afterWarmupIteration} at the end of each warm-up iteration, wherever its tree was built, sets the
 * metric the window end asks for, and hands the block every new metric at once ({@link #flushMetrics}).
 */
final class WarmupAdaptation {
    /**
     * log 0.8: the acceptance a step-size search trial compares with (Stan's init_stepsize); the device's copy,
     * NUTS_LOG_SEARCH_TARGET of nuts_sampling.cuh, is the same bits. StrictMath, since Math.log may differ in the
     * last bit between platforms and between the interpreter and the JIT.
     */
    static final double LOG_SEARCH_TARGET = StrictMath.log(0.8);
    /** Past this step size the search gives up, as does Stan. */
    static final double LARGEST_STEP_SIZE = 1e7;

    private final ChainBlock block;
    private final int firstChain;
    private final SamplerSettings settings;
    private final WindowSchedule schedule;

    final double[] stepSize;
    final DualAveraging[] dualAveraging;
    /** The warm-up draws of the chain's current metric window. */
    final WelfordVariance[] variance;
    /** A copy of each chain's inverse metric as last set, kept only to report it (Stan CSV's "Diagonal elements"). */
    final double[][] inverseMetric;
    /** +1 while the search doubles the step size, -1 while it halves it; 0 before its first trial. */
    private final int[] searchDirection;
    private final int[] searchTrial;
    /** Whether the dual averaging restarts from the step size the search finds (after a metric update). */
    private final boolean[] searchRestartsAdaptation;
    private final double[] metric;
    /** Chains whose metric changed since the block last had it, for {@link #flushMetrics}. */
    private final int[] changed;
    private final boolean[] metricChanged;
    private int changedCount;
    private final double[] changedValues;

    WarmupAdaptation(ChainBlock block, int firstChain, SamplerSettings settings, WindowSchedule schedule) {
        this.block = block;
        this.firstChain = firstChain;
        this.settings = settings;
        this.schedule = schedule;
        int chains = block.chains();
        int dimension = block.dimension();
        stepSize = new double[chains];
        dualAveraging = new DualAveraging[chains];
        variance = new WelfordVariance[chains];
        inverseMetric = new double[chains][dimension];
        for (int c = 0; c < chains; c++) {
            stepSize[c] = settings.stepSize();
            dualAveraging[c] = new DualAveraging(settings.targetAccept(), settings.stepSize());
            variance[c] = new WelfordVariance(dimension);
            java.util.Arrays.fill(inverseMetric[c], 1.0);
        }
        searchDirection = new int[chains];
        searchTrial = new int[chains];
        searchRestartsAdaptation = new boolean[chains];
        metric = new double[dimension];
        changed = new int[chains];
        metricChanged = new boolean[chains];
        changedValues = new double[chains * dimension];
    }

    /** Whether every metric window ends in a meeting of all chains for one pooled metric. */
    boolean pooled() {
        return settings.pooledMetric();
    }

    /** Whether chain {@code c}'s step size is one a search can start from (Stan skips the search otherwise). */
    boolean canSearch(int c) {
        double eps = stepSize[c];
        return !(eps == 0 || eps > LARGEST_STEP_SIZE || Double.isNaN(eps));
    }

    void beginSearch(int c, boolean restartAdaptation) {
        searchTrial[c] = 0;
        searchDirection[c] = 0;
        searchRestartsAdaptation[c] = restartAdaptation;
    }

    /** The trial the chain's search is at; its momentum is drawn for this trial. */
    int searchTrial(int c) {
        return searchTrial[c];
    }

    /**
     * Stan's init_stepsize after one trial step: the first trial picks the direction, later ones double or halve
     * the step size until the acceptance exp(H0 - H) crosses 0.8.
     *
     * @param deltaEnergy H0 - H of the trial's one leapfrog step
     * @return true when the search has ended: the chain's step size is found
     * @throws SamplerException when the step size leaves (0, 1e7]
     */
    boolean afterSearchStep(int c, double deltaEnergy) {
        if (searchTrial[c] == 0) {
            searchDirection[c] = deltaEnergy > LOG_SEARCH_TARGET ? 1 : -1;
        } else {
            boolean crossed = searchDirection[c] == 1 ? !(deltaEnergy > LOG_SEARCH_TARGET)
                    : !(deltaEnergy < LOG_SEARCH_TARGET);
            if (crossed) {
                endSearch(c, stepSize[c]);
                return true;
            }
            stepSize[c] *= searchDirection[c] == 1 ? 2.0 : 0.5;
            if (stepSize[c] > LARGEST_STEP_SIZE || stepSize[c] == 0) {
                failSearch(c, stepSize[c]);
            }
        }
        searchTrial[c]++;
        return false;
    }

    /**
     * The search of chain {@code c} ended at {@code found}, on the host ({@link #afterSearchStep}) or the device: the
     * step size from now, from which dual averaging restarts where the search follows a metric update.
     */
    void endSearch(int c, double found) {
        stepSize[c] = found;
        if (searchRestartsAdaptation[c]) {
            dualAveraging[c].restart(found);
        }
    }

    /**
     * The search of chain {@code c} left (0, 1e7] at {@code last}.
     *
     * @throws SamplerException always
     */
    void failSearch(int c, double last) {
        if (last > LARGEST_STEP_SIZE) {
            throw new SamplerException("chain " + (firstChain + c + 1)
                    + ": the step size grew past 1e7 while searching for a first step size: "
                    + "is the posterior improper?");
        }
        throw new SamplerException("chain " + (firstChain + c + 1)
                + ": no acceptably small step size could be found: is the posterior continuous?");
    }

    /**
     * Learns from warm-up iteration {@code iteration} of chain {@code c}: the next step size from its acceptance
     * statistic, its draw into the metric window, and at the last warm-up iteration the averaged step size.
     *
     * @param positions not modified: the iteration's draw at {@code positions[offset..]}
     * @return whether a metric window ends with this iteration
     */
    boolean afterWarmupIteration(int c, int iteration, double acceptStat, double[] positions, int offset) {
        stepSize[c] = dualAveraging[c].learn(acceptStat);
        if (schedule.collects(iteration)) {
            variance[c].add(positions, offset);
        }
        boolean metricUpdate = schedule.endsWindow(iteration);
        if (iteration == settings.warmup() - 1) {
            stepSize[c] = dualAveraging[c].finalStepSize();
        }
        return metricUpdate;
    }

    /** Sets chain {@code c}'s metric from its own window (Stan's regularised variance) and starts a new window. */
    void updateMetricFromWindow(int c) {
        variance[c].regularizedVariance(metric, 0);
        variance[c].reset();
        setMetric(c, metric, 0);
    }

    /** Adds every chain's current window to {@code pooled} (modified), in chain order. */
    void poolVariance(WelfordVariance pooled) {
        for (WelfordVariance chainVariance : variance) {
            pooled.combine(chainVariance);
        }
    }

    /** Gives chain {@code c} the pooled inverse metric (not modified) and starts a new window. */
    void takePooledMetric(int c, double[] pooledInverseMetric) {
        variance[c].reset();
        setMetric(c, pooledInverseMetric, 0);
    }

    /**
     * Sets chain {@code c}'s inverse metric to {@code values[offset..]} (not modified) here; the block gets it at the
     * next {@link #flushMetrics}, which the sampler calls before the chain's next trajectory.
     */
    void setMetric(int c, double[] values, int offset) {
        System.arraycopy(values, offset, inverseMetric[c], 0, metric.length);
        if (!metricChanged[c]) {
            metricChanged[c] = true;
            changed[changedCount++] = c;
        }
    }

    /** Hands the block every metric set since the last call, in one operation (one launch on a device). */
    void flushMetrics() {
        if (changedCount == 0) {
            return;
        }
        int dimension = metric.length;
        for (int i = 0; i < changedCount; i++) {
            System.arraycopy(inverseMetric[changed[i]], 0, changedValues, i * dimension, dimension);
            metricChanged[changed[i]] = false;
        }
        block.setInverseMetric(changed, changedCount, changedValues);
        changedCount = 0;
    }
}
