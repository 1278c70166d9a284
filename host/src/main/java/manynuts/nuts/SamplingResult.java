package manynuts.nuts;

/**
 * What a run cost and ended with.
 *
 * @param usefulSteps    chain-steps that advanced a chain
 * @param paidSteps      lane-steps a GPU pays for this schedule: at each global step, every lane of each warp of 32
 *                       consecutive chains of a block with a moving chain (idle lanes included: chains done with
 *                       their iterations while others go on, or waiting for a pooled update), counted on every
 *                       backend
 * @param stepSizes      each chain's step size after warm-up
 * @param inverseMetrics each chain's diagonal inverse metric after warm-up, {@code [chain][coordinate]}; empty
 *                       when the backend did not report it
 * @param chainTimes     each chain's wall-clock time in warm-up and in sampling, as Stan CSV's elapsed-time block
 *                       reports it
 */
public record SamplingResult(String backend, double seconds, long gradientEvaluations, long usefulSteps,
        long paidSteps, double[] stepSizes, double[][] inverseMetrics, ChainTimes chainTimes) {

    /**
     * Each chain's seconds from the run's start to the end of its warm-up, and from there to its last draw: chains
     * run side by side, so these overlap and their sum over chains exceeds the run's time. NaN where the run did
     * not see the moment (a resumed chain that had ended its warm-up before).
     */
    public record ChainTimes(double[] warmupSeconds, double[] samplingSeconds) {

        /** No chain timed. */
        public static ChainTimes untimed(int chains) {
            double[] none = new double[chains];
            java.util.Arrays.fill(none, Double.NaN);
            return new ChainTimes(none, none.clone());
        }
    }

    /** A result whose chains were not timed one by one. */
    public SamplingResult(String backend, double seconds, long gradientEvaluations, long usefulSteps,
            long paidSteps, double[] stepSizes, double[][] inverseMetrics) {
        this(backend, seconds, gradientEvaluations, usefulSteps, paidSteps, stepSizes, inverseMetrics,
                ChainTimes.untimed(stepSizes.length));
    }

    /** A result without the inverse metrics. */
    public SamplingResult(String backend, double seconds, long gradientEvaluations, long usefulSteps,
            long paidSteps, double[] stepSizes) {
        this(backend, seconds, gradientEvaluations, usefulSteps, paidSteps, stepSizes, new double[0][]);
    }

    /** Useful chain-steps over the lane-steps a GPU pays for them, in warps of 32 chains. */
    public double laneUtilisation() {
        return paidSteps == 0 ? 0.0 : (double) usefulSteps / paidSteps;
    }

    public double gradientsPerSecond() {
        return gradientEvaluations / seconds;
    }
}
