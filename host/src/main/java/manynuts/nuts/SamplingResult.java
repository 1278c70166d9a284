package manynuts.nuts;

/**
 * What a run cost and ended with.
 *
 * @param usefulSteps    chain-steps that advanced a chain
 * @param paidSteps      chain-steps computed, including lanes idle at the end or waiting for a pooled update
 * @param stepSizes      each chain's step size after warm-up
 * @param inverseMetrics each chain's diagonal inverse metric after warm-up, {@code [chain][coordinate]}; empty
 *                       when the backend did not report it
 */
public record SamplingResult(String backend, double seconds, long gradientEvaluations, long usefulSteps,
        long paidSteps, double[] stepSizes, double[][] inverseMetrics) {

    /** A result without the inverse metrics. */
    public SamplingResult(String backend, double seconds, long gradientEvaluations, long usefulSteps,
            long paidSteps, double[] stepSizes) {
        this(backend, seconds, gradientEvaluations, usefulSteps, paidSteps, stepSizes, new double[0][]);
    }

    /** Useful chain-steps over chain-steps paid for. */
    public double laneUtilisation() {
        return paidSteps == 0 ? 0.0 : (double) usefulSteps / paidSteps;
    }

    public double gradientsPerSecond() {
        return gradientEvaluations / seconds;
    }
}
