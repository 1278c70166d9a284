package manynuts.diagnostics.stats;

/**
 * Effective sample size from chain-averaged autocovariances, with Geyer's initial positive and initial monotone
 * sequences, the improved truncation for antithetic chains and the cap at S log10 S (Vehtari et al. 2021, eq. 10-11;
 * posterior 1.4.0's {@code .ess}).
 */
public final class EffectiveSampleSize {

    /** Returned when Geyer's sequence would read a lag beyond those supplied. */
    public static final double NEEDS_MORE_LAGS = -1.0;

    private EffectiveSampleSize() {
    }

    /** The same with every lag [0, length) supplied. */
    public static double fromAutocovariance(double[] autocovarianceMeans, int chains, int length,
            double varianceOfChainMeans, double[] autocorrelation) {
        return fromAutocovariance(autocovarianceMeans, length, chains, length, varianceOfChainMeans,
                autocorrelation);
    }

    /**
     * @param autocovarianceMeans autocovariance averaged over chains at lags [0, availableLags); not modified
     * @param availableLags how many lags are filled in; at least 2
     * @param chains number of (split) chains
     * @param length draws per (split) chain, at least 3
     * @param varianceOfChainMeans sample variance of the chain means (ignored for one chain)
     * @param autocorrelation work buffer of at least {@code length} values; modified
     * @return the ESS, or {@link #NEEDS_MORE_LAGS} if the initial positive sequence runs past availableLags
     */
    public static double fromAutocovariance(double[] autocovarianceMeans, int availableLags, int chains, int length,
            double varianceOfChainMeans, double[] autocorrelation) {
        double meanWithinVariance = autocovarianceMeans[0] * length / (length - 1.0);
        double variancePlus = meanWithinVariance * (length - 1.0) / length;
        if (chains > 1) {
            variancePlus += varianceOfChainMeans;
        }
        double[] rho = autocorrelation;
        java.util.Arrays.fill(rho, 0, length, 0.0);
        // Initial positive sequence: add lag pairs while their sum stays positive.
        int t = 0;
        double rhoEven = 1.0;
        rho[0] = rhoEven;
        double rhoOdd = 1.0 - (meanWithinVariance - autocovarianceMeans[1]) / variancePlus;
        rho[1] = rhoOdd;
        while (t < length - 5 && !Double.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
            t += 2;
            if (t + 1 >= availableLags) {
                return NEEDS_MORE_LAGS;
            }
            rhoEven = 1.0 - (meanWithinVariance - autocovarianceMeans[t]) / variancePlus;
            rhoOdd = 1.0 - (meanWithinVariance - autocovarianceMeans[t + 1]) / variancePlus;
            if (rhoEven + rhoOdd >= 0) {
                rho[t] = rhoEven;
                rho[t + 1] = rhoOdd;
            }
        }
        int maxLag = t;
        // The improved estimate keeps a positive even lag after truncation; it tames antithetic chains.
        if (rhoEven > 0) {
            rho[maxLag] = rhoEven;
        }
        // Initial monotone sequence: pair sums may not increase.
        t = 0;
        while (t <= maxLag - 4) {
            t += 2;
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
                rho[t] = (rho[t - 2] + rho[t - 1]) / 2.0;
                rho[t + 1] = rho[t];
            }
        }
        double draws = (double) chains * length;
        // posterior sums rho[1:max_t] in R, and 1:0 selects the first element, so an empty sum counts lag 0.
        double sum = 0.0;
        for (int lag = 0; lag < Math.max(maxLag, 1); lag++) {
            sum += rho[lag];
        }
        double tau = -1.0 + 2.0 * sum + rho[maxLag];
        // Cap the ESS at S log10 S to avoid unstable estimates for antithetic chains.
        double tauBound = 1.0 / Math.log10(draws);
        if (tau < tauBound) {
            tau = tauBound;
        }
        return draws / tau;
    }
}
