package manynuts.diagnostics.stats;

import manynuts.diagnostics.draws.DrawsShape;

/**
 * The autocorrelation of draws at lags 0..maxLag, as ArviZ's {@code plot_autocorr} shows it: the biased
 * autocovariance of each chain about its own mean (by FFT, {@link Autocovariance}), over the chain's variance.
 */
public final class Autocorrelation {

    private Autocorrelation() {
    }

    /**
     * The autocorrelation of one chain at lags [0, min(maxLag, n - 1)]; all zeros after lag 0 for a constant chain.
     *
     * @param chain not modified
     */
    public static double[] ofChain(double[] chain, int maxLag) {
        return ofChains(new double[][] {chain}, maxLag);
    }

    /**
     * The chains' autocovariances summed lag by lag, over the sum of their variances: the autocorrelation of the
     * chains taken together, each weighted by its variance. Lags [0, min(maxLag, n - 1)].
     *
     * @param draws not modified; {@code [chain][draw]}
     */
    public static double[] ofChains(double[][] draws, int maxLag) {
        int length = DrawsShape.of(draws).drawsPerChain();
        int lags = Math.min(maxLag + 1, length);
        if (lags <= 0) {
            return new double[0];
        }
        Autocovariance fft = new Autocovariance(length);
        fft.clearSpectrum();
        for (int chain = 0; chain < draws.length; chain += 2) {
            centre(draws[chain], fft.first(), length);
            if (chain + 1 < draws.length) {
                centre(draws[chain + 1], fft.second(), length);
            } else {
                java.util.Arrays.fill(fft.second(), 0, length, 0.0);
            }
            fft.addPowerSpectra(length);
        }
        double[] sums = new double[length];
        fft.summedAutocovariance(length, sums);
        double[] correlation = new double[lags];
        correlation[0] = 1.0;
        for (int lag = 1; lag < lags; lag++) {
            correlation[lag] = sums[0] > 0 ? sums[lag] / sums[0] : 0.0;
        }
        return correlation;
    }

    private static void centre(double[] values, double[] target, int length) {
        double mean = Moments.mean(values, 0, length);
        for (int t = 0; t < length; t++) {
            target[t] = values[t] - mean;
        }
    }
}
