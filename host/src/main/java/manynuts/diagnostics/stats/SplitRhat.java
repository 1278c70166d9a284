package manynuts.diagnostics.stats;

/**
 * The potential scale reduction factor from chain means and variances (Gelman and Rubin 1992 with the split-chain
 * correction of Vehtari et al. 2021, eq. 3-4; posterior's {@code .rhat}).
 */
public final class SplitRhat {

    private SplitRhat() {
    }

    /**
     * @param chainMeans mean of each (split) chain; not modified
     * @param chainVariances sample variance of each (split) chain; not modified
     * @param chains number of chains used from the arrays
     * @param length draws per chain
     * @return R-hat, NaN when fewer than two chains or two draws make it undefined
     */
    public static double fromChainMoments(double[] chainMeans, double[] chainVariances, int chains, int length) {
        double betweenChain = length * Moments.variance(chainMeans, chains);
        double withinChain = Moments.mean(chainVariances, 0, chains);
        return Math.sqrt((betweenChain / withinChain + length - 1.0) / length);
    }
}
