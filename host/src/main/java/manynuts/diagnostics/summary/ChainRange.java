package manynuts.diagnostics.summary;

import manynuts.diagnostics.stats.IndicatorSeries;

/**
 * What one part of a pass over the split chains accumulates for each series (its buffer, lag sums, range and
 * finiteness) before the parts are added up, so parts can run on different threads.
 */
final class ChainRange {

    final double[][] buffers;
    final double[][] sums;
    final double[] min;
    final double[] max;
    final boolean[] finite;
    /** Sum, minimum and maximum of each buffered series on the split chain last filled. */
    final double[] chainSum;
    final double[] chainMin;
    final double[] chainMax;
    /** Scratch of one split chain's length, for binned ranks' lookups. */
    final int[] edges;
    /** The two quantile indicators of the split chain last filled. */
    final IndicatorSeries belowLow = new IndicatorSeries();
    final IndicatorSeries belowHigh = new IndicatorSeries();

    /** Lag sums and ranges for {@code series} series, buffers of {@code length} for the first {@code buffered}. */
    ChainRange(int series, int buffered, int length) {
        buffers = new double[buffered][length];
        sums = new double[series][length];
        min = new double[series];
        max = new double[series];
        finite = new boolean[series];
        chainSum = new double[buffered];
        chainMin = new double[buffered];
        chainMax = new double[buffered];
        edges = new int[length];
    }

    /** Clears the lag sums at [0, lags) and the ranges, for a new pass. */
    void reset(int lags) {
        for (double[] seriesSums : sums) {
            java.util.Arrays.fill(seriesSums, 0, lags, 0.0);
        }
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(finite, true);
    }

    /** Records the sum, minimum and maximum of one buffered series on the split chain just filled. */
    void setChainStatistics(int series, double sum, double min, double max) {
        chainSum[series] = sum;
        chainMin[series] = min;
        chainMax[series] = max;
    }
}
