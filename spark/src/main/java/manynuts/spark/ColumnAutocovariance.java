package manynuts.spark;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

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

    private static final FastFourierTransformer FFT = new FastFourierTransformer(DftNormalization.STANDARD);

    /**
     * The split chains of {@code draws} ({@code [chain][draw]}, not modified): each chain's first and last halves,
     * the middle draw left out when a chain's length is odd.
     */
    static ColumnAutocovariance of(double[][] draws) {
        int half = draws[0].length / 2;
        int padded = Integer.highestOneBit(Math.max(1, 2 * half - 1)) * 2;
        double[] sum = new double[half];
        long count = 0;
        double meanOfMeans = 0;
        double squaresOfMeans = 0;
        double[] series = new double[padded];
        for (double[] chain : draws) {
            for (int start : new int[] {0, chain.length - half}) {
                double mean = 0;
                for (int i = 0; i < half; i++) {
                    mean += chain[start + i];
                }
                mean /= half;
                java.util.Arrays.fill(series, 0.0);
                for (int i = 0; i < half; i++) {
                    series[i] = chain[start + i] - mean;
                }
                Complex[] transform = FFT.transform(series, TransformType.FORWARD);
                double[] power = new double[padded];
                for (int i = 0; i < padded; i++) {
                    power[i] = transform[i].abs() * transform[i].abs();
                }
                Complex[] lags = FFT.transform(power, TransformType.INVERSE);
                for (int t = 0; t < half; t++) {
                    sum[t] += lags[t].getReal() / half;
                }
                count++;
                double delta = mean - meanOfMeans;
                meanOfMeans += delta / count;
                squaresOfMeans += delta * (mean - meanOfMeans);
            }
        }
        return new ColumnAutocovariance(count, half, meanOfMeans, squaresOfMeans, sum);
    }

    /** Both sets of split chains together. */
    ColumnAutocovariance plus(ColumnAutocovariance other) {
        long total = splitChains + other.splitChains;
        double delta = other.meanOfMeans - meanOfMeans;
        double[] sum = autocovarianceSum.clone();
        for (int t = 0; t < sum.length; t++) {
            sum[t] += other.autocovarianceSum[t];
        }
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
        double meanVariance = acov[0] * n / (n - 1);
        double varPlus = meanVariance * (n - 1) / n;
        if (splitChains > 1) {
            varPlus += squaresOfMeans / (chains - 1);
        }
        double[] rho = new double[n];
        int t = 0;
        double even = 1;
        rho[0] = even;
        double odd = 1 - (meanVariance - acov[1]) / varPlus;
        rho[1] = odd;
        while (t < n - 5 && !Double.isNaN(even + odd) && even + odd > 0) {
            t += 2;
            even = 1 - (meanVariance - acov[t]) / varPlus;
            odd = 1 - (meanVariance - acov[t + 1]) / varPlus;
            if (even + odd >= 0) {
                rho[t] = even;
                rho[t + 1] = odd;
            }
        }
        int maxT = t;
        if (even > 0) {
            rho[maxT] = even;
        }
        t = 0;
        while (t <= maxT - 4) {
            t += 2;
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
                rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
                rho[t + 1] = rho[t];
            }
        }
        double draws = chains * n;
        // posterior sums rho over lags 1:max_t (1-based), which for max_t = 0 is lag 0 alone.
        double sum = maxT == 0 ? rho[0] : 0;
        for (int i = 0; i < maxT; i++) {
            sum += rho[i];
        }
        double tau = -1 + 2 * sum + rho[maxT];
        tau = Math.max(tau, 1 / Math.log10(draws));
        return draws / tau;
    }
}
