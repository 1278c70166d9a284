package manynuts.diagnostics;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * Computes every per-parameter statistic of posterior 1.4.0 in one sweep over the draws, reusing its buffers
 * from one parameter to the next: one sort for all ranks and quantiles, and autocovariances of six series
 * (normal scores, draws, absolute and squared deviations, two quantile indicators) by direct sums at short lags
 * or, when Geyer's sequence runs long, by FFT. Not thread-safe: give each worker thread its own workspace.
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

    private final PooledOrder order = new PooledOrder();
    private final PositionOrder positionOrder = new PositionOrder();
    private long[] positionBuffer = new long[0];
    private final RankNormalisation.ScoreTables scoreTables;
    /** Normal scores (bulk, then folded) as raw bits at [chain * drawsPerChain + draw]: the sort's scratch. */
    private long[] scoreBits = new long[0];
    private int drawsPerChain;
    private Autocovariance autocovariance = new Autocovariance(1);
    private int autocovarianceLength = 1;
    private double[][] autocovarianceSums = new double[SERIES][0];
    private double[][] chainMeans = new double[SERIES][0];
    private double[][] chainVariances = new double[SERIES][0];
    private final double[] seriesMin = new double[SERIES];
    private final double[] seriesMax = new double[SERIES];
    private final boolean[] seriesFinite = new boolean[SERIES];
    private double[] autocorrelation = new double[0];
    private double[] autocorrelationMeans = new double[0];
    private final int[] availableLags = new int[SERIES];
    private final double[] lagAccumulators = new double[DIRECT_LAG_BLOCK];
    private double pooledMean;
    private double lowThreshold;
    private double highThreshold;

    /** Lags computed per direct pass over the chains, and how far direct sums go before the FFT is cheaper. */
    private static final int DIRECT_LAG_BLOCK = 16;
    private static final int MAX_DIRECT_LAGS = 64;

    public DiagnosticsWorkspace() {
        this(new RankNormalisation.ScoreTables());
    }

    /** A workspace that takes normal-score tables from {@code scoreTables}, which may be shared between threads. */
    DiagnosticsWorkspace(RankNormalisation.ScoreTables scoreTables) {
        this.scoreTables = scoreTables;
    }

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
        // posterior gives NA for every statistic once a draw is NA.
        if (shape.isEmpty() || !order.sort(draws, shape)) {
            return new Sweep(ParameterSummary.missing(name), Double.NaN, Double.NaN);
        }
        SplitChains split = SplitChains.of(shape);
        int chains = split.splitChainCount();
        int length = split.splitLength();
        int total = shape.totalDraws();
        ensureCapacity(split);
        double[] sorted = order.sorted();
        scoreBits = order.scratch();
        drawsPerChain = shape.drawsPerChain();
        RankNormalisation.ScoreTable scoreTable = scoreTables.forCount(split.splitTotal());

        double mean = Moments.pooledMean(draws);
        double sumOfSquares = Moments.centralPowerSum(draws, mean, 2);
        double sd = Math.sqrt(sumOfSquares / (total - 1));
        double median = OrderStatistics.median(sorted, total);
        double mad = OrderStatistics.medianAbsoluteDeviation(sorted, total);
        double lowQuantile = OrderStatistics.quantile(sorted, total, lowProbability);
        double highQuantile = OrderStatistics.quantile(sorted, total, highProbability);
        HighestDensityInterval hdi = HighestDensityInterval.ofSorted(sorted, total, hdiProbability);

        RankNormalisation.normalScores(order, split, scoreTable, scoreBits, positionBuffer, positionOrder);
        pooledMean = mean;
        lowThreshold = indicatorThreshold(sorted, total, lowProbability);
        highThreshold = indicatorThreshold(sorted, total, highProbability);
        accumulateSeries(draws, split);
        boolean drawsUsable = seriesUsable(DRAWS);
        double rhatBulk = rhatOf(NORMAL_SCORES, chains, length);
        double rhatBasic = rhatOf(DRAWS, chains, length);
        double essBulk = essOf(NORMAL_SCORES, draws, split);
        double essMean = essOf(DRAWS, draws, split);
        double essSd = essOf(ABSOLUTE_DEVIATION, draws, split);
        double essSquared = essOf(SQUARED_DEVIATION, draws, split);
        // posterior checks the draws themselves before building the indicator for a quantile's ESS.
        double essLow = drawsUsable ? essOf(BELOW_LOW_QUANTILE, draws, split) : Double.NaN;
        double essHigh = drawsUsable ? essOf(BELOW_HIGH_QUANTILE, draws, split) : Double.NaN;

        // The folded scores overwrite the bulk scores, which the FFT pass above has finished with.
        RankNormalisation.foldedNormalScores(order, split, scoreTable, scoreBits, positionBuffer,
                positionOrder);
        chainMomentsOfScores(split);
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

    private void ensureCapacity(SplitChains split) {
        if (positionBuffer.length < split.chains() * split.drawsPerChain()) {
            positionBuffer = new long[split.chains() * split.drawsPerChain()];
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
        if (autocorrelationMeans.length < split.splitLength()) {
            autocorrelationMeans = new double[split.splitLength()];
        }
        if (chainMeans[0].length < split.splitChainCount()) {
            chainMeans = new double[SERIES][split.splitChainCount()];
            chainVariances = new double[SERIES][split.splitChainCount()];
        }
    }

    /** posterior's threshold for I(x <= q): at probability 1 it uses (S - 0.5) / S so the indicator can vary. */
    private static double indicatorThreshold(double[] sorted, int total, double probability) {
        double adjusted = probability == 1.0 ? (total - 0.5) / total : probability;
        return OrderStatistics.quantile(sorted, total, adjusted);
    }

    /** Fills {@code target[0, length)} with one series on one split chain, before centring. */
    private void fillSeries(int series, double[][] draws, SplitChains split, int chain, double[] target) {
        int length = split.splitLength();
        double[] source = draws[split.sourceChain(chain)];
        int offset = split.sourceOffset(chain);
        switch (series) {
            case NORMAL_SCORES -> {
                int first = split.sourceChain(chain) * drawsPerChain + offset;
                for (int t = 0; t < length; t++) {
                    target[t] = Double.longBitsToDouble(scoreBits[first + t]);
                }
            }
            case DRAWS -> System.arraycopy(source, offset, target, 0, length);
            case ABSOLUTE_DEVIATION -> {
                for (int t = 0; t < length; t++) {
                    target[t] = Math.abs(source[offset + t] - pooledMean);
                }
            }
            case SQUARED_DEVIATION -> {
                for (int t = 0; t < length; t++) {
                    double deviation = source[offset + t] - pooledMean;
                    target[t] = deviation * deviation;
                }
            }
            case BELOW_LOW_QUANTILE, BELOW_HIGH_QUANTILE -> {
                double threshold = series == BELOW_LOW_QUANTILE ? lowThreshold : highThreshold;
                for (int t = 0; t < length; t++) {
                    target[t] = source[offset + t] <= threshold ? 1.0 : 0.0;
                }
            }
            default -> throw new IllegalArgumentException("series " + series);
        }
    }

    /**
     * One pass over the split chains: chain moments of all six series and their autocovariances at the first
     * lags, summed over chains. Geyer's sequence usually stops within a few lags, where direct sums cost far less
     * than an FFT of the whole chain; {@link #essOf} extends the lags, or falls back to the FFT, when it does not.
     */
    private void accumulateSeries(double[][] draws, SplitChains split) {
        int length = split.splitLength();
        int lags = Math.min(length, DIRECT_LAG_BLOCK);
        double[] buffer = autocovariance.first();
        for (int series = 0; series < SERIES; series++) {
            java.util.Arrays.fill(autocovarianceSums[series], 0, length, 0.0);
            seriesMin[series] = Double.POSITIVE_INFINITY;
            seriesMax[series] = Double.NEGATIVE_INFINITY;
            seriesFinite[series] = true;
        }
        for (int chain = 0; chain < split.splitChainCount(); chain++) {
            for (int series = 0; series < SERIES; series++) {
                fillSeries(series, draws, split, chain, buffer);
                double sumOfSquares = centre(buffer, length, series, chain);
                addDirectLags(buffer, length, 0, lags, sumOfSquares, autocovarianceSums[series]);
            }
        }
        java.util.Arrays.fill(availableLags, lags);
    }

    /**
     * Adds the biased autocovariances of one centred chain at lags [from, to) to {@code sums}. A constant chain
     * contributes zeros, as in posterior.
     */
    private void addDirectLags(double[] centred, int length, int from, int to, double sumOfSquares,
            double[] sums) {
        if (sumOfSquares == 0.0) {
            return;
        }
        // Lags innermost: independent accumulators the JIT can vectorise, instead of one serial reduction.
        int lags = to - from;
        double[] accumulators = lagAccumulators;
        java.util.Arrays.fill(accumulators, 0, lags, 0.0);
        for (int t = 0; t + from < length; t++) {
            double value = centred[t];
            int available = Math.min(lags, length - t - from);
            for (int j = 0; j < available; j++) {
                accumulators[j] += value * centred[t + from + j];
            }
        }
        for (int j = 0; j < lags; j++) {
            sums[from + j] += accumulators[j] / length;
        }
    }

    /** Sums of autocovariances of one series at more lags: direct sums up to a limit, then every lag by FFT. */
    private void extendLags(int series, double[][] draws, SplitChains split) {
        int length = split.splitLength();
        int from = availableLags[series];
        double[] sums = autocovarianceSums[series];
        if (from < MAX_DIRECT_LAGS) {
            int to = Math.min(length, from + DIRECT_LAG_BLOCK);
            double[] buffer = autocovariance.first();
            for (int chain = 0; chain < split.splitChainCount(); chain++) {
                fillSeries(series, draws, split, chain, buffer);
                double sumOfSquares = recentre(buffer, length, chainMeans[series][chain]);
                addDirectLags(buffer, length, from, to, sumOfSquares, sums);
            }
            availableLags[series] = to;
            return;
        }
        // Two chains of the series travel together in one complex FFT.
        java.util.Arrays.fill(sums, 0, length, 0.0);
        double[] first = autocovariance.first();
        double[] second = autocovariance.second();
        int chains = split.splitChainCount();
        for (int chain = 0; chain < chains; chain += 2) {
            fillSeries(series, draws, split, chain, first);
            double firstSumOfSquares = recentre(first, length, chainMeans[series][chain]);
            double secondSumOfSquares = 0.0;
            if (chain + 1 < chains) {
                fillSeries(series, draws, split, chain + 1, second);
                secondSumOfSquares = recentre(second, length, chainMeans[series][chain + 1]);
            } else {
                java.util.Arrays.fill(second, 0, length, 0.0);
            }
            autocovariance.compute(length, firstSumOfSquares, secondSumOfSquares);
            addTo(sums, first, length);
            if (chain + 1 < chains) {
                addTo(sums, second, length);
            }
        }
        availableLags[series] = length;
    }

    private static double recentre(double[] values, int length, double chainMean) {
        double sumOfSquares = 0.0;
        for (int t = 0; t < length; t++) {
            double centred = values[t] - chainMean;
            values[t] = centred;
            sumOfSquares += centred * centred;
        }
        return sumOfSquares;
    }

    /** Records min, max, finiteness and chain moments of one series, then centres it; returns its sum of squares. */
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
        double sumOfSquares = recentre(values, length, chainMean);
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
    private void chainMomentsOfScores(SplitChains split) {
        int chains = split.splitChainCount();
        int length = split.splitLength();
        seriesMin[NORMAL_SCORES] = Double.POSITIVE_INFINITY;
        seriesMax[NORMAL_SCORES] = Double.NEGATIVE_INFINITY;
        seriesFinite[NORMAL_SCORES] = true;
        double[] buffer = autocovariance.first();
        for (int chain = 0; chain < chains; chain++) {
            int first = split.sourceChain(chain) * drawsPerChain + split.sourceOffset(chain);
            for (int t = 0; t < length; t++) {
                buffer[t] = Double.longBitsToDouble(scoreBits[first + t]);
            }
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

    private double essOf(int series, double[][] draws, SplitChains split) {
        int chains = split.splitChainCount();
        int length = split.splitLength();
        if (length < 3 || !seriesUsable(series)) {
            return Double.NaN;
        }
        double varianceOfChainMeans = chains > 1 ? Moments.variance(chainMeans[series], chains) : 0.0;
        double[] means = autocorrelationMeans;
        while (true) {
            int lags = availableLags[series];
            for (int lag = 0; lag < lags; lag++) {
                means[lag] = autocovarianceSums[series][lag] / chains;
            }
            double ess = EffectiveSampleSize.fromAutocovariance(means, lags, chains, length, varianceOfChainMeans,
                    autocorrelation);
            if (ess != EffectiveSampleSize.NEEDS_MORE_LAGS) {
                return ess;
            }
            extendLags(series, draws, split);
        }
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
