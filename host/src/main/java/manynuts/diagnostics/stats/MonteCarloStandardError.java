package manynuts.diagnostics.stats;

import java.util.function.IntToDoubleFunction;

import org.apache.commons.math3.distribution.BetaDistribution;

/** Monte Carlo standard errors of the sd and of quantiles, as posterior 1.4.0 computes them. */
public final class MonteCarloStandardError {

    /** Normal probabilities of -1 and +1 sd, as posterior writes them, bounding the quantile's MCSE interval. */
    private static final double LOWER_ONE_SD = 0.1586553;
    private static final double UPPER_ONE_SD = 0.8413447;

    private MonteCarloStandardError() {
    }

    /**
     * MCSE of the sd by posterior 1.4.0: the variance of the variance estimate (Kenney and Keeping 1951), with
     * the ESS of the squared centred draws, carried to the sd by a first-order Taylor expansion.
     */
    public static double ofSd(double meanSquaredDeviation, double meanFourthPower, double essOfSquaredDeviation) {
        double varianceOfVariance = (meanFourthPower - meanSquaredDeviation * meanSquaredDeviation)
                / essOfSquaredDeviation;
        return Math.sqrt(varianceOfVariance / meanSquaredDeviation / 4.0);
    }

    /**
     * MCSE of a quantile by posterior's method: half the distance between the order statistics at the
     * Beta(ess p + 1, ess (1 - p) + 1) quantiles of the +-1 sd normal probabilities.
     */
    public static double ofQuantile(double[] sorted, int total, double probability, double ess) {
        return ofQuantile(position -> sorted[position], total, probability, ess);
    }

    /** As {@link #ofQuantile(double[], int, double, double)}, {@code at.applyAsDouble(i)} the i-th smallest draw. */
    public static double ofQuantile(IntToDoubleFunction at, int total, double probability, double ess) {
        int[] positions = quantilePositions(total, probability, ess);
        if (positions.length == 0) {
            return Double.NaN;
        }
        return (at.applyAsDouble(positions[1]) - at.applyAsDouble(positions[0])) / 2.0;
    }

    /** The two 0-based positions in ascending order whose draws make the quantile's MCSE; none for a NaN ESS. */
    public static int[] quantilePositions(int total, double probability, double ess) {
        if (Double.isNaN(ess)) {
            return new int[0];
        }
        double alpha = ess * probability + 1.0;
        double beta = ess * (1.0 - probability) + 1.0;
        BetaDistribution distribution = new BetaDistribution(null, alpha, beta, 1e-14);
        double lower = distribution.inverseCumulativeProbability(LOWER_ONE_SD);
        double upper = distribution.inverseCumulativeProbability(UPPER_ONE_SD);
        int lowerIndex = (int) Math.max(Math.floor(lower * total), 1);
        int upperIndex = (int) Math.min(Math.ceil(upper * total), total);
        return new int[] {lowerIndex - 1, upperIndex - 1};
    }
}
