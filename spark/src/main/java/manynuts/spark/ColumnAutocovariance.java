package manynuts.spark;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;
import manynuts.diagnostics.stats.Autocovariance;
import manynuts.diagnostics.stats.EffectiveSampleSize;

/**
 * What the effective sample size of a column's mean needs from some of its chains, split in halves as posterior's
 * {@code ess_mean} splits them: the number of split chains, the mean and sum of squared deviations of their means,
 * and the sum over them of each one's autocovariance at every lag (Geyer's biased estimate, by FFT). Sums over shards
 * combine without the draws; {@link #essMean} then follows posterior's {@code .ess} (Vehtari et al. 2021).
 *
 * @param length split chains' length: half the draws per chain
 */
public record ColumnAutocovariance(long splitChains, int length, double meanOfMeans, double squaresOfMeans,
        @JsonIgnore double[] autocovarianceSum) implements Serializable {

    /**
     * The split chains of {@code draws} ({@code [chain][draw]}, not modified): each chain's first and last halves,
     * the middle draw left out when a chain's length is odd. Only the sum of the autocovariances is wanted, so the
     * host's {@link Autocovariance} sums the power spectra, each chain's two halves as the real and imaginary parts of
     * one forward transform, and transforms back once.
     */
    static ColumnAutocovariance of(double[][] draws) {
        int half = draws[0].length / 2;
        Autocovariance autocovariance = new Autocovariance(half);
        double[][] halves = {autocovariance.first(), autocovariance.second()};
        autocovariance.clearSpectrum();
        long count = 0;
        double meanOfMeans = 0;
        double squaresOfMeans = 0;
        for (double[] chain : draws) {
            int[] starts = {0, chain.length - half};
            for (int part = 0; part < 2; part++) {
                double mean = 0;
                for (int i = 0; i < half; i++) {
                    mean += chain[starts[part] + i];
                }
                mean /= half;
                for (int i = 0; i < half; i++) {
                    halves[part][i] = chain[starts[part] + i] - mean;
                }
                count++;
                double delta = mean - meanOfMeans;
                meanOfMeans += delta / count;
                squaresOfMeans += delta * (mean - meanOfMeans);
            }
            autocovariance.addPowerSpectra(half);
        }
        double[] sum = new double[half];
        autocovariance.summedAutocovariance(half, sum);
        return new ColumnAutocovariance(count, half, meanOfMeans, squaresOfMeans, sum);
    }

    /** Both sets of split chains together. */
    ColumnAutocovariance plus(ColumnAutocovariance other) {
        long total = splitChains + other.splitChains;
        double delta = other.meanOfMeans - meanOfMeans;
        double[] sum = Autocovariance.addSpectra(autocovarianceSum.clone(), other.autocovarianceSum);
        return new ColumnAutocovariance(total, length, meanOfMeans + delta * other.splitChains / total,
                squaresOfMeans + other.squaresOfMeans + delta * delta * splitChains / total * other.splitChains, sum);
    }

    /**
     * The effective sample size of the mean, posterior's {@code ess_mean}: Geyer's initial positive and monotone
     * sequence over the chains' combined autocorrelations. NaN for split chains shorter than 3.
     */
    double essMean() {
        int n = length;
        if (n < 3) {
            return Double.NaN;
        }
        double chains = splitChains;
        double[] acov = new double[n];
        for (int t = 0; t < n; t++) {
            acov[t] = autocovarianceSum[t] / chains;
        }
        // The host's Geyer sequence; it ignores the variance of the chain means for a single chain.
        double varianceOfMeans = splitChains > 1 ? squaresOfMeans / (chains - 1) : 0.0;
        return EffectiveSampleSize.fromAutocovariance(acov, (int) splitChains, n, varianceOfMeans, new double[n]);
    }
}
