package manynuts.nuts;

/**
 * What a run cost and ended with.
 *
 * @param usefulSteps chain-steps that advanced a chain
 * @param paidSteps   chain-steps computed, including lanes idle at the end or waiting for a pooled update
 * @param stepSizes   each chain's step size after warm-up
 */
public record SamplingResult(String backend, double seconds, long gradientEvaluations, long usefulSteps,
        long paidSteps, double[] stepSizes) {

    /** Useful chain-steps over chain-steps paid for. */
    public double laneUtilisation() {
        return paidSteps == 0 ? 0.0 : (double) usefulSteps / paidSteps;
    }

    public double gradientsPerSecond() {
        return gradientEvaluations / seconds;
    }
}
