package manynuts.diagnostics;

/** Means and variances computed in two passes, as R does, so a constant series gives exactly zero variance. */
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

    /** Mean over all chains of a [chain][draw] array. */
    static double pooledMean(double[][] draws) {
        long count = 0;
        double sum = 0.0;
        for (double[] chain : draws) {
            for (double value : chain) {
                sum += value;
            }
            count += chain.length;
        }
        if (count == 0) {
            return Double.NaN;
        }
        double mean = sum / count;
        if (!Double.isFinite(mean)) {
            return mean;
        }
        double residual = 0.0;
        for (double[] chain : draws) {
            for (double value : chain) {
                residual += value - mean;
            }
        }
        return mean + residual / count;
    }

    /** Sums over all draws of (x - center)^2 and (x - center)^4. */
    record CentralSums(double squares, double fourthPowers) {
    }

    /** {@link CentralSums} of a [chain][draw] array about {@code center}, in one pass. */
    static CentralSums centralSums(double[][] draws, double center) {
        double squares = 0.0;
        double fourthPowers = 0.0;
        for (double[] chain : draws) {
            for (double value : chain) {
                double squared = (value - center) * (value - center);
                squares += squared;
                fourthPowers += squared * squared;
            }
        }
        return new CentralSums(squares, fourthPowers);
    }

    /**
     * Centres {@code values[0, length)} on {@code mean} in place and returns the sum of squares of the result.
     *
     * @param values modified
     */
    static double centreOn(double[] values, int length, double mean) {
        // Four partial sums, so the additions overlap instead of waiting on one another.
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
            squares0 += centred0 * centred0;
            squares1 += centred1 * centred1;
            squares2 += centred2 * centred2;
            squares3 += centred3 * centred3;
        }
        for (; t < length; t++) {
            double centred = values[t] - mean;
            values[t] = centred;
            squares0 += centred * centred;
        }
        return (squares0 + squares1) + (squares2 + squares3);
    }
}
