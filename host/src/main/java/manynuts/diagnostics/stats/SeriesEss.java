package manynuts.diagnostics.stats;

import manynuts.diagnostics.draws.DrawsShape;
import manynuts.diagnostics.draws.SplitChains;

/**
 * The basic ESS of one series over split chains (posterior's {@code .ess(split_chains(x))}): each split chain
 * centred on its own mean, the autocovariances summed over chains by one FFT per pair of chains and one inverse for
 * all, then Geyer's sequences of {@link EffectiveSampleSize}. Holds its buffers for the draws' shape; not
 * thread-safe.
 */
final class SeriesEss {

    /** posterior treats a series whose range is below machine epsilon as constant. */
    private static final double CONSTANT_TOLERANCE = Math.ulp(1.0);

    private final SplitChains split;
    private final Autocovariance autocovariance;
    private final double[] chainMeans;
    private final double[] sums;
    private final double[] autocorrelation;
    private final double[][] indicator;
    private final double[][] source;

    /** Buffers for series shaped like {@code draws}; not modified. */
    SeriesEss(double[][] draws) {
        this.split = SplitChains.of(DrawsShape.of(draws));
        int length = split.splitLength();
        this.autocovariance = new Autocovariance(length);
        this.chainMeans = new double[split.splitChainCount()];
        this.sums = new double[length];
        this.autocorrelation = new double[length];
        this.indicator = new double[draws.length][draws.length == 0 ? 0 : draws[0].length];
        this.source = draws;
    }

    /**
     * The ESS of the indicator of {@code lower < x <= upper} (or {@code lower <= x <= upper} when
     * {@code closedBelow}) over the draws given to the constructor.
     */
    double ofIndicator(double lower, double upper, boolean closedBelow) {
        for (int chain = 0; chain < source.length; chain++) {
            for (int draw = 0; draw < source[chain].length; draw++) {
                double x = source[chain][draw];
                boolean inside = x <= upper && (x > lower || closedBelow && x == lower);
                indicator[chain][draw] = inside ? 1.0 : 0.0;
            }
        }
        return of(indicator);
    }

    /**
     * The ESS of {@code series}, shaped like the constructor's draws; NaN when a value is not finite, the series is
     * constant, or split chains are shorter than 3 draws.
     *
     * @param series not modified
     */
    double of(double[][] series) {
        int chains = split.splitChainCount();
        int length = split.splitLength();
        if (length < 3 || !usable(series)) {
            return Double.NaN;
        }
        for (int chain = 0; chain < chains; chain++) {
            chainMeans[chain] = Moments.mean(series[split.sourceChain(chain)], split.sourceOffset(chain), length);
        }
        autocovariance.clearSpectrum();
        // Two split chains travel as one complex signal; an odd one out pairs with zeros.
        for (int chain = 0; chain < chains; chain += 2) {
            centre(series, chain, autocovariance.first(), length);
            if (chain + 1 < chains) {
                centre(series, chain + 1, autocovariance.second(), length);
            } else {
                java.util.Arrays.fill(autocovariance.second(), 0, length, 0.0);
            }
            autocovariance.addPowerSpectra(length);
        }
        autocovariance.summedAutocovariance(length, sums);
        for (int lag = 0; lag < length; lag++) {
            sums[lag] /= chains;
        }
        double varianceOfChainMeans = chains > 1 ? Moments.variance(chainMeans, chains) : 0.0;
        return EffectiveSampleSize.fromAutocovariance(sums, chains, length, varianceOfChainMeans, autocorrelation);
    }

    private void centre(double[][] series, int chain, double[] target, int length) {
        double[] values = series[split.sourceChain(chain)];
        int offset = split.sourceOffset(chain);
        double mean = chainMeans[chain];
        for (int t = 0; t < length; t++) {
            target[t] = values[offset + t] - mean;
        }
    }

    /** posterior's {@code should_return_NA}: every value finite and not all (nearly) equal. */
    private static boolean usable(double[][] series) {
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (double[] chain : series) {
            for (double value : chain) {
                if (!Double.isFinite(value)) {
                    return false;
                }
                lowest = Math.min(lowest, value);
                highest = Math.max(highest, value);
            }
        }
        return Math.abs(highest - lowest) >= CONSTANT_TOLERANCE;
    }
}
