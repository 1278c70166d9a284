package manynuts.diagnostics.stats;

import manynuts.diagnostics.draws.ChainParts;

/**
 * Means and variances computed as R does, a mean refined by its residual and deviations from it, so a constant series
 * gives exactly zero variance.
 */
public final class Moments {

    private Moments() {
    }

    /** Mean of {@code values[from, from + count)}, refined by the mean residual (R's {@code mean} does the same). */
    public static double mean(double[] values, int from, int count) {
        if (count == 0) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (int i = from; i < from + count; i++) {
            sum += values[i];
        }
        double mean = sum / count;
        if (!Double.isFinite(mean)) {
            return mean;
        }
        double residual = 0.0;
        for (int i = from; i < from + count; i++) {
            residual += values[i] - mean;
        }
        return mean + residual / count;
    }

    /** Sample variance (denominator count - 1) of {@code values[0, count)}; NaN when fewer than two values. */
    public static double variance(double[] values, int count) {
        if (count < 2) {
            return Double.NaN;
        }
        double mean = mean(values, 0, count);
        double sum = 0.0;
        for (int i = 0; i < count; i++) {
            double deviation = values[i] - mean;
            sum += deviation * deviation;
        }
        return sum / (count - 1);
    }

    /**
     * The mean of all draws and sums of powers of their deviations from it: {@code squares} from the mean as R's
     * {@code var} takes it, in extended precision, for the sd; {@code squaresAboutMean} and
     * {@code fourthPowersAboutMean} from {@code mean} as a double, as posterior's {@code mcse_sd} centres the draws
     * on {@code mean(x)}.
     */
    public record PooledMoments(double mean, double squares, double squaresAboutMean, double fourthPowersAboutMean) {
    }

    /**
     * {@link PooledMoments} of a [chain][draw] array in one pass, given its draws sorted. The sums run about the
     * median, which lies within one sd of the mean, so the mean comes out as the median plus the mean deviation
     * from it, and the sums about the mean follow from the sums about the median with no cancellation to speak of.
     * Infinite draws give R's mean (an infinity, or NaN when both occur) and NaN sums; a constant parameter gets its
     * value and exact zeros.
     *
     * @param sorted the same draws in ascending order, positions [0, count)
     */
    public static PooledMoments pooled(double[][] draws, double[] sorted, int count) {
        return pooled(draws, sorted[0], sorted[count - 1], sorted[count / 2], count);
    }

    /**
     * {@link PooledMoments} of a [chain][draw] array of {@code count} draws in one pass, given their smallest and
     * largest and a {@code center} within about an sd of their mean (the median, or an estimate of it).
     */
    public static PooledMoments pooled(double[][] draws, double lowest, double highest, double center, int count) {
        return pooled(ChainParts.inMemory(draws, 1), lowest, highest, center, count);
    }

    /** {@link #pooled(double[][], double, double, double, int)} in one pass over the parts of the chains. */
    public static PooledMoments pooled(ChainParts draws, double lowest, double highest, double center, int count) {
        if (Double.isInfinite(lowest) || Double.isInfinite(highest)) {
            double mean = Double.isInfinite(lowest) && Double.isInfinite(highest) ? Double.NaN
                    : Double.isInfinite(highest) ? highest : lowest;
            return new PooledMoments(mean, Double.NaN, Double.NaN, Double.NaN);
        }
        if (lowest == highest) {
            // + 0.0 turns -0.0 into 0.0, as R's mean does.
            return new PooledMoments(lowest + 0.0, 0.0, 0.0, 0.0);
        }
        double residual = 0.0;
        double squares = 0.0;
        double cubes = 0.0;
        double fourthPowers = 0.0;
        for (double[] sums : draws.run(powerSums(center))) {
            residual += sums[0];
            squares += sums[1];
            cubes += sums[2];
            fourthPowers += sums[3];
        }
        // With d = x - center and a shift = mean - center of at most about one sd:
        // sum (d - shift)^2 = squares - 2 shift residual + n shift^2, and
        // sum (d - shift)^4 = fourthPowers - 4 shift cubes + 6 shift^2 squares - 4 shift^3 residual + n shift^4.
        double exactShift = residual / count;
        double mean = center + exactShift;
        double shift = mean - center;
        double shiftSquared = shift * shift;
        double squaresAboutMean = squares - 2.0 * shift * residual + count * shiftSquared;
        double fourthPowersAboutMean = fourthPowers - 4.0 * shift * cubes + 6.0 * shiftSquared * squares
                - 4.0 * shiftSquared * shift * residual + count * shiftSquared * shiftSquared;
        double exactSquares = squares - exactShift * residual;
        return new PooledMoments(mean, Math.max(0.0, exactSquares), Math.max(0.0, squaresAboutMean),
                Math.max(0.0, fourthPowersAboutMean));
    }

    /** Sums of the first four powers of the draws' deviations from {@code center}, over a part of the chains. */
    private static ChainParts.Pass<double[]> powerSums(double center) {
        return (draws, firstChain) -> {
            double residual = 0.0;
            double squares = 0.0;
            double cubes = 0.0;
            double fourthPowers = 0.0;
            for (double[] chain : draws) {
                for (double value : chain) {
                    double deviation = value - center;
                    double squared = deviation * deviation;
                    residual += deviation;
                    squares += squared;
                    cubes += squared * deviation;
                    fourthPowers += squared * squared;
                }
            }
            return new double[] {residual, squares, cubes, fourthPowers};
        };
    }

    /** What centring a series leaves: the sum of the centred values and the sum of their squares. */
    public record Centred(double residual, double squares) {
    }

    /**
     * Centres {@code values[0, length)} on {@code mean} in place.
     *
     * @param values modified
     */
    public static Centred centre(double[] values, int length, double mean) {
        // Four partial sums each, so the additions overlap instead of waiting on one another.
        double residual0 = 0.0, residual1 = 0.0, residual2 = 0.0, residual3 = 0.0;
        double squares0 = 0.0, squares1 = 0.0, squares2 = 0.0, squares3 = 0.0;
        int t = 0;
        for (; t + 3 < length; t += 4) {
            double centred0 = values[t] - mean;
            double centred1 = values[t + 1] - mean;
            double centred2 = values[t + 2] - mean;
            double centred3 = values[t + 3] - mean;
            values[t] = centred0;
            values[t + 1] = centred1;
            values[t + 2] = centred2;
            values[t + 3] = centred3;
            residual0 += centred0;
            residual1 += centred1;
            residual2 += centred2;
            residual3 += centred3;
            squares0 += centred0 * centred0;
            squares1 += centred1 * centred1;
            squares2 += centred2 * centred2;
            squares3 += centred3 * centred3;
        }
        for (; t < length; t++) {
            double centred = values[t] - mean;
            values[t] = centred;
            residual0 += centred;
            squares0 += centred * centred;
        }
        return new Centred((residual0 + residual1) + (residual2 + residual3),
                (squares0 + squares1) + (squares2 + squares3));
    }

    /**
     * Centres {@code values[0, length)} on {@code mean} in place and returns the sum of squares of the result.
     *
     * @param values modified
     */
    public static double centreOn(double[] values, int length, double mean) {
        return centre(values, length, mean).squares();
    }
}
