package manynuts.diagnostics;

/**
 * Means and variances computed as R does, a mean refined by its residual and deviations from it, so a constant series
 * gives exactly zero variance.
 */
final class Moments {

    private Moments() {
    }

    /** Mean of {@code values[from, from + count)}, refined by the mean residual (R's {@code mean} does the same). */
    static double mean(double[] values, int from, int count) {
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
    static double variance(double[] values, int count) {
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

    /** The mean of all draws and the sums of their squared and fourth-power deviations from it. */
    record PooledMoments(double mean, double squares, double fourthPowers) {
    }

    /**
     * {@link PooledMoments} of a [chain][draw] array in one pass, given the plain sum of its {@code count} draws: the
     * mean is refined by the mean residual as R's {@code mean} does, and the central sums about the refined mean
     * come from sums about the first mean (the two differ at the level of rounding, so the terms that carry the
     * difference are tiny). A constant parameter gets its value and exact zeros.
     *
     * @param constant whether every draw is the same value
     */
    static PooledMoments pooled(double[][] draws, double sum, long count, boolean constant) {
        double first = sum / count;
        if (constant) {
            return new PooledMoments(draws[0][0], 0.0, 0.0);
        }
        if (!Double.isFinite(first)) {
            return new PooledMoments(first, Double.NaN, Double.NaN);
        }
        double residual = 0.0;
        double squares = 0.0;
        double cubes = 0.0;
        double fourthPowers = 0.0;
        for (double[] chain : draws) {
            for (double value : chain) {
                double deviation = value - first;
                double squared = deviation * deviation;
                residual += deviation;
                squares += squared;
                cubes += squared * deviation;
                fourthPowers += squared * squared;
            }
        }
        // The deviations about the mean as a double, x - mean, are exact (the two are close), as in R; with
        // d = x - first and the exact shift = mean - first, sum (d - shift)^k expands into the sums above.
        double mean = first + residual / count;
        double shift = mean - first;
        double shiftSquared = shift * shift;
        double centralSquares = squares - 2.0 * shift * residual + count * shiftSquared;
        double centralFourthPowers = fourthPowers - 4.0 * shift * cubes + 6.0 * shiftSquared * squares
                - 4.0 * shiftSquared * shift * residual + count * shiftSquared * shiftSquared;
        return new PooledMoments(mean, centralSquares, centralFourthPowers);
    }

    /** What centring a series leaves: the sum of the centred values and the sum of their squares. */
    record Centred(double residual, double squares) {
    }

    /**
     * Centres {@code values[0, length)} on {@code mean} in place.
     *
     * @param values modified
     */
    static Centred centre(double[] values, int length, double mean) {
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
    static double centreOn(double[] values, int length, double mean) {
        return centre(values, length, mean).squares();
    }
}
