package manynuts.api;

/**
 * What a run cost and ended with.
 *
 * @param backend             where the chains ran, e.g. {@code cpu} or {@code cuda:0}
 * @param seconds             the run's wall-clock time, warm-up included
 * @param gradientEvaluations log density gradients evaluated, over all chains
 * @param stepSizes           each chain's step size after warm-up
 */
public record RunInfo(String backend, double seconds, long gradientEvaluations, double[] stepSizes) {

    /** Gradient evaluations per second of wall-clock time. */
    public double gradientsPerSecond() {
        return gradientEvaluations / seconds;
    }
}
