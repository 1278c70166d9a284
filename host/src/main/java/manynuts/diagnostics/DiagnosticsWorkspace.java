package manynuts.diagnostics;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * Computes every per-parameter statistic of posterior 1.4.0 in one sweep over the draws, reusing its buffers
 * from one parameter to the next: one sort for all ranks and quantiles, one FFT pair per split chain for each
 * two of the six autocorrelated series. Not thread-safe: give each worker thread its own workspace.
 */
public final class DiagnosticsWorkspace {

    /** posterior's tolerance for calling a series constant ({@code .Machine$double.eps}). */
    private static final double CONSTANT_TOLERANCE = Math.ulp(1.0);

    /** Normal probabilities of -1 and +1 sd, as posterior writes them, bounding the quantile's MCSE interval. */
    private static final double LOWER_ONE_SD = 0.1586553;
    private static final double UPPER_ONE_SD = 0.8413447;

    // The six series whose autocorrelation matters, in FFT pairs (0,1), (2,3), (4,5).
    private static final int NORMAL_SCORES = 0;
    private static final int DRAWS = 1;
    private static final int ABSOLUTE_DEVIATION = 2;
    private static final int SQUARED_DEVIATION = 3;
    private static final int BELOW_LOW_QUANTILE = 4;
    private static final int BELOW_HIGH_QUANTILE = 5;
    private static final int SERIES = 6;

    private double[] sortedSplit = new double[0];
    private int[] position = new int[0];
    private double[] scores = new double[0];
    private double[] sortedAll = new double[0];
    private double[] middleDraws = new double[0];
    private Autocovariance autocovariance = new Autocovariance(1);
    private int autocovarianceLength = 1;
    private double[][] autocovarianceSums = new double[SERIES][0];
    private double[][] chainMeans = new double[SERIES][0];
    private double[][] chainVariances = new double[SERIES][0];
    private final double[] seriesMin = new double[SERIES];
    private final double[] seriesMax = new double[SERIES];
    private final boolean[] seriesFinite = new boolean[SERIES];
    private double[] autocorrelation = new double[0];

    /** Summarises one parameter with 5 % and 95 % quantiles. */
    public ParameterSummary summarise(String name, double[][] draws, double hdiProbability) {
        return summarise(name, draws, hdiProbability, 0.05, 0.95).summary();
    }

    /** What {@link #summarise(String, double[][], double, double, double)} returns: the summary and quantile MCSEs. */
    record Sweep(ParameterSummary summary, double lowQuantile, double highQuantile) {
    }

    /**
     * Summarises one parameter; q5/essQ5/mcseQ5 refer to {@code lowProbability} and q95/essQ95/mcseQ95 to
     * {@code highProbability}. {@code draws} is [chain][draw] and not modified.
     */
    Sweep summarise(String name, double[][] draws, double hdiProbability, double lowProbability,
            double highProbability) {
        HighestDensityInterval.checkProbability(hdiProbability);
        DrawsShape shape = DrawsShape.of(draws);
        if (shape.isEmpty() || containsNaN(draws)) {
            // posterior gives NA for every statistic once a draw is NA.
            return new Sweep(ParameterSummary.missing(name), Double.NaN, Double.NaN);
        }
        SplitChains split = SplitChains.of(shape);
        int chains = split.splitChainCount();
        int length = split.splitLength();
        int splitTotal = split.splitTotal();
        int total = shape.totalDraws();
        ensureCapacity(shape, split);

        gatherSplitDraws(draws, split);
        IndexedSort.sort(sortedSplit, position, 0, splitTotal);
        double[] sorted = sortedIncludingMiddleDraws(draws, shape, split);

        double mean = Moments.pooledMean(draws);
        double sumOfSquares = Moments.centralPowerSum(draws, mean, 2);
        double sd = Math.sqrt(sumOfSquares / (total - 1));
        double median = OrderStatistics.median(sorted, total);
        double mad = OrderStatistics.medianAbsoluteDeviation(sorted, total);
        double lowQuantile = OrderStatistics.quantile(sorted, total, lowProbability);
        double highQuantile = OrderStatistics.quantile(sorted, total, highProbability);
        HighestDensityInterval hdi = HighestDensityInterval.ofSorted(sorted, total, hdiProbability);

        RankNormalisation.normalScores(sortedSplit, position, splitTotal, scores);
        accumulateSeries(draws, split, mean, indicatorThreshold(sorted, total, lowProbability),
                indicatorThreshold(sorted, total, highProbability));
        boolean drawsUsable = seriesUsable(DRAWS);
        double rhatBulk = rhatOf(NORMAL_SCORES, chains, length);
        double rhatBasic = rhatOf(DRAWS, chains, length);
        double essBulk = essOf(NORMAL_SCORES, chains, length);
        double essMean = essOf(DRAWS, chains, length);
        double essSd = essOf(ABSOLUTE_DEVIATION, chains, length);
        double essSquared = essOf(SQUARED_DEVIATION, chains, length);
        // posterior checks the draws themselves before building the indicator for a quantile's ESS.
        double essLow = drawsUsable ? essOf(BELOW_LOW_QUANTILE, chains, length) : Double.NaN;
        double essHigh = drawsUsable ? essOf(BELOW_HIGH_QUANTILE, chains, length) : Double.NaN;

        // The folded scores overwrite the bulk scores, which the FFT pass above has finished with.
        RankNormalisation.foldedNormalScores(sortedSplit, position, splitTotal, sorted, total, scores);
        chainMomentsOfScores(chains, length);
        double rhatFolded = rhatOf(NORMAL_SCORES, chains, length);

        double mcseMean = sd / Math.sqrt(essMean);
        double mcseSd = mcseOfSd(draws, mean, sumOfSquares / total, essSquared, total);
        double mcseLow = mcseOfQuantile(sorted, total, lowProbability, essLow);
        double mcseHigh = mcseOfQuantile(sorted, total, highProbability, essHigh);
        ParameterSummary summary = new ParameterSummary(name, mean, median, sd, mad, lowQuantile, highQuantile,
                hdi.lower(), hdi.upper(), Math.max(rhatBulk, rhatFolded), rhatBasic, essBulk,
                Math.min(essLow, essHigh), essMean, essMean, essSd, essLow, essHigh, mcseMean, mcseSd, mcseLow,
                mcseHigh, Double.NaN);
        return new Sweep(summary, lowQuantile, highQuantile);
    }

    private static boolean containsNaN(double[][] draws) {
        for (double[] chain : draws) {
            for (double value : chain) {
                if (Double.isNaN(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void ensureCapacity(DrawsShape shape, SplitChains split) {
        int splitTotal = split.splitTotal();
        if (sortedSplit.length < splitTotal) {
            sortedSplit = new double[splitTotal];
            position = new int[splitTotal];
            scores = new double[splitTotal];
        }
        if (split.splitLength() > autocovarianceLength) {
            autocovarianceLength = split.splitLength();
            autocovariance = new Autocovariance(autocovarianceLength);
            autocorrelation = new double[autocovarianceLength];
        }
        if (autocovarianceSums[0].length < split.splitLength()) {
            autocovarianceSums = new double[SERIES][split.splitLength()];
        }
        if (autocorrelation.length < split.splitLength()) {
            autocorrelation = new double[split.splitLength()];
        }
        if (chainMeans[0].length < split.splitChainCount()) {
            chainMeans = new double[SERIES][split.splitChainCount()];
            chainVariances = new double[SERIES][split.splitChainCount()];
        }
        if (middleDraws.length < shape.chains()) {
            middleDraws = new double[shape.chains()];
        }
    }

    /** Copies the draws that survive splitting, split chain by split chain, and numbers their positions. */
    private void gatherSplitDraws(double[][] draws, SplitChains split) {
        int length = split.splitLength();
        int k = 0;
        for (int chain = 0; chain < split.splitChainCount(); chain++) {
            double[] source = draws[split.sourceChain(chain)];
            int offset = split.sourceOffset(chain);
            for (int t = 0; t < length; t++) {
                sortedSplit[k] = source[offset + t];
                position[k] = k;
                k++;
            }
        }
    }

    /** All draws sorted: the split draws, plus the middle draws an odd-length split left out, merged in. */
    private double[] sortedIncludingMiddleDraws(double[][] draws, DrawsShape shape, SplitChains split) {
        int splitTotal = split.splitTotal();
        int total = shape.totalDraws();
        if (splitTotal == total) {
            return sortedSplit;
        }
        int dropped = total - splitTotal;
        for (int chain = 0; chain < dropped; chain++) {
            middleDraws[chain] = draws[chain][shape.drawsPerChain() / 2];
        }
        java.util.Arrays.sort(middleDraws, 0, dropped);
        if (sortedAll.length < total) {
            sortedAll = new double[total];
        }
        int i = 0;
        int j = 0;
        for (int k = 0; k < total; k++) {
            if (j >= dropped || (i < splitTotal && sortedSplit[i] <= middleDraws[j])) {
                sortedAll[k] = sortedSplit[i++];
            } else {
                sortedAll[k] = middleDraws[j++];
            }
        }
        return sortedAll;
    }

    /** posterior's threshold for I(x <= q): at probability 1 it uses (S - 0.5) / S so the indicator can vary. */
    private static double indicatorThreshold(double[] sorted, int total, double probability) {
        double adjusted = probability == 1.0 ? (total - 0.5) / total : probability;
        return OrderStatistics.quantile(sorted, total, adjusted);
    }

    /** One pass over the split chains: chain moments and summed autocovariances of all six series. */
    private void accumulateSeries(double[][] draws, SplitChains split, double mean, double lowThreshold,
            double highThreshold) {
        int length = split.splitLength();
        for (int series = 0; series < SERIES; series++) {
            java.util.Arrays.fill(autocovarianceSums[series], 0, length, 0.0);
            seriesMin[series] = Double.POSITIVE_INFINITY;
            seriesMax[series] = Double.NEGATIVE_INFINITY;
            seriesFinite[series] = true;
        }
        double[] first = autocovariance.first();
        double[] second = autocovariance.second();
        for (int chain = 0; chain < split.splitChainCount(); chain++) {
            double[] source = draws[split.sourceChain(chain)];
            int offset = split.sourceOffset(chain);
            System.arraycopy(scores, chain * length, first, 0, length);
            System.arraycopy(source, offset, second, 0, length);
            transformPair(NORMAL_SCORES, DRAWS, chain, length);
            for (int t = 0; t < length; t++) {
                double deviation = source[offset + t] - mean;
                first[t] = Math.abs(deviation);
                second[t] = deviation * deviation;
            }
            transformPair(ABSOLUTE_DEVIATION, SQUARED_DEVIATION, chain, length);
            for (int t = 0; t < length; t++) {
                double value = source[offset + t];
                first[t] = value <= lowThreshold ? 1.0 : 0.0;
                second[t] = value <= highThreshold ? 1.0 : 0.0;
            }
            transformPair(BELOW_LOW_QUANTILE, BELOW_HIGH_QUANTILE, chain, length);
        }
    }

    /** Centres the two series in the FFT buffers, records their chain moments and adds their autocovariances. */
    private void transformPair(int firstSeries, int secondSeries, int chain, int length) {
        double[] first = autocovariance.first();
        double[] second = autocovariance.second();
        double firstSumOfSquares = centre(first, length, firstSeries, chain);
        double secondSumOfSquares = centre(second, length, secondSeries, chain);
        if (length < 3) {
            return; // posterior gives no ESS below three draws per split chain, so skip the FFT.
        }
        autocovariance.compute(length, firstSumOfSquares, secondSumOfSquares);
        addTo(autocovarianceSums[firstSeries], first, length);
        addTo(autocovarianceSums[secondSeries], second, length);
    }

    private double centre(double[] values, int length, int series, int chain) {
        double min = seriesMin[series];
        double max = seriesMax[series];
        boolean finite = seriesFinite[series];
        for (int t = 0; t < length; t++) {
            double value = values[t];
            finite &= Double.isFinite(value);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        seriesMin[series] = min;
        seriesMax[series] = max;
        seriesFinite[series] = finite;
        double chainMean = Moments.mean(values, 0, length);
        double sumOfSquares = 0.0;
        for (int t = 0; t < length; t++) {
            double centred = values[t] - chainMean;
            values[t] = centred;
            sumOfSquares += centred * centred;
        }
        chainMeans[series][chain] = chainMean;
        chainVariances[series][chain] = sumOfSquares / (length - 1);
        return sumOfSquares;
    }

    private static void addTo(double[] sums, double[] values, int length) {
        for (int lag = 0; lag < length; lag++) {
            sums[lag] += values[lag];
        }
    }

    /** Chain moments of the scores buffer, for the folded R-hat, which needs no autocovariance. */
    private void chainMomentsOfScores(int chains, int length) {
        seriesMin[NORMAL_SCORES] = Double.POSITIVE_INFINITY;
        seriesMax[NORMAL_SCORES] = Double.NEGATIVE_INFINITY;
        seriesFinite[NORMAL_SCORES] = true;
        double[] buffer = autocovariance.first();
        for (int chain = 0; chain < chains; chain++) {
            System.arraycopy(scores, chain * length, buffer, 0, length);
            centre(buffer, length, NORMAL_SCORES, chain);
        }
    }

    /** posterior's {@code should_return_NA}: no non-finite values and not constant to within machine epsilon. */
    private boolean seriesUsable(int series) {
        return seriesFinite[series] && Math.abs(seriesMax[series] - seriesMin[series]) >= CONSTANT_TOLERANCE;
    }

    private double rhatOf(int series, int chains, int length) {
        if (!seriesUsable(series)) {
            return Double.NaN;
        }
        return SplitRhat.fromChainMoments(chainMeans[series], chainVariances[series], chains, length);
    }

    private double essOf(int series, int chains, int length) {
        if (length < 3 || !seriesUsable(series)) {
            return Double.NaN;
        }
        double[] sums = autocovarianceSums[series];
        for (int lag = 0; lag < length; lag++) {
            sums[lag] /= chains;
        }
        double varianceOfChainMeans = chains > 1 ? Moments.variance(chainMeans[series], chains) : 0.0;
        return EffectiveSampleSize.fromAutocovariance(sums, chains, length, varianceOfChainMeans, autocorrelation);
    }

    /**
     * MCSE of the sd by posterior 1.4.0: the variance of the variance estimate (Kenney and Keeping 1951), with
     * the ESS of the squared centred draws, carried to the sd by a first-order Taylor expansion.
     */
    private static double mcseOfSd(double[][] draws, double mean, double meanSquaredDeviation,
            double essOfSquaredDeviation, int total) {
        double meanFourthPower = Moments.centralPowerSum(draws, mean, 4) / total;
        double varianceOfVariance = (meanFourthPower - meanSquaredDeviation * meanSquaredDeviation)
                / essOfSquaredDeviation;
        return Math.sqrt(varianceOfVariance / meanSquaredDeviation / 4.0);
    }

    /**
     * MCSE of a quantile by posterior's method: half the distance between the order statistics at the
     * Beta(ess p + 1, ess (1 - p) + 1) quantiles of the +-1 sd normal probabilities.
     */
    static double mcseOfQuantile(double[] sorted, int total, double probability, double ess) {
        if (Double.isNaN(ess)) {
            return Double.NaN;
        }
        double alpha = ess * probability + 1.0;
        double beta = ess * (1.0 - probability) + 1.0;
        BetaDistribution distribution = new BetaDistribution(null, alpha, beta, 1e-14);
        double lower = distribution.inverseCumulativeProbability(LOWER_ONE_SD);
        double upper = distribution.inverseCumulativeProbability(UPPER_ONE_SD);
        int lowerIndex = (int) Math.max(Math.floor(lower * total), 1);
        int upperIndex = (int) Math.min(Math.ceil(upper * total), total);
        return (sorted[upperIndex - 1] - sorted[lowerIndex - 1]) / 2.0;
    }
}
