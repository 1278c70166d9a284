package manynuts.diagnostics.order;

import manynuts.diagnostics.draws.DiagnosticsInputException;
import manynuts.diagnostics.draws.DrawsShape;

/**
 * The highest-density interval of unimodal draws: the shortest interval between two draws that holds at least
 * the requested share of them (Chen and Shao 1999), as ArviZ's {@code hdi} reports it.
 */
public record HighestDensityInterval(double lower, double upper, double probability) {

    /**
     * @param sorted draws sorted ascending; not modified
     * @param count number of draws used from {@code sorted}
     * @param probability share of draws inside, in (0, 1]
     */
    public static HighestDensityInterval ofSorted(double[] sorted, int count, double probability) {
        checkProbability(probability);
        if (count == 0) {
            return new HighestDensityInterval(Double.NaN, Double.NaN, probability);
        }
        int inside = drawsInside(probability, count);
        int bestStart = 0;
        double bestWidth = Double.POSITIVE_INFINITY;
        for (int start = 0; start + inside - 1 < count; start++) {
            double width = sorted[start + inside - 1] - sorted[start];
            if (width < bestWidth) {
                bestWidth = width;
                bestStart = start;
            }
        }
        return new HighestDensityInterval(sorted[bestStart], sorted[bestStart + inside - 1], probability);
    }

    /** How many of {@code count} draws the interval holds: at least the share asked for, and at least one. */
    static int drawsInside(double probability, int count) {
        // The small slack keeps 0.95 * 4000 = 3800.0000000000005 from asking for 3801 draws.
        return Math.max(1, (int) Math.ceil(probability * count - 1e-9));
    }

    /** The interval for draws given as [chain][draw], pooled over chains; NaN bounds if any draw is NaN. */
    public static HighestDensityInterval of(double[][] draws, double probability) {
        checkProbability(probability);
        DrawsShape shape = DrawsShape.of(draws);
        double[] pooled = new double[shape.totalDraws()];
        int k = 0;
        for (double[] chain : draws) {
            for (double value : chain) {
                if (Double.isNaN(value)) {
                    return new HighestDensityInterval(Double.NaN, Double.NaN, probability);
                }
                pooled[k++] = value;
            }
        }
        java.util.Arrays.sort(pooled);
        return ofSorted(pooled, pooled.length, probability);
    }

    public static void checkProbability(double probability) {
        if (!(probability > 0.0 && probability <= 1.0)) {
            throw new DiagnosticsInputException("HDI probability must be in (0, 1], got " + probability);
        }
    }
}
