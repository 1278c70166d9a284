package manynuts.diagnostics.summary;

import java.io.Serializable;
import java.util.Arrays;
import manynuts.diagnostics.draws.ChainParts;
import manynuts.diagnostics.draws.SplitChains;
import manynuts.diagnostics.order.BinnedOrder;
import manynuts.diagnostics.order.FoldedChainMoments;
import manynuts.diagnostics.stats.Autocovariance;
import manynuts.diagnostics.stats.IndicatorSeries;
import manynuts.diagnostics.stats.LagSums;
import manynuts.diagnostics.stats.Moments;

/**
 * The six series of a parameter's split chains whose chain moments and autocovariances give its R-hats and ESSs
 * (normal scores, draws, absolute and squared deviations from the mean, and two quantile indicators), as passes over
 * the parts of the chains: each part returns its split chains' moments and its lag sums, and the caller places and adds
 * them. Every chain lies in one part, and so do both its halves. Holds what the passes need (the pooled mean, the
 * quantile thresholds and the source of normal scores), so that a pass can run on another machine.
 */
final class SplitChainSeries implements Serializable {

    private static final long serialVersionUID = 1L;

    // The six series, in FFT pairs (0,1), (2,3), (4,5).
    static final int NORMAL_SCORES = 0;
    static final int DRAWS = 1;
    static final int ABSOLUTE_DEVIATION = 2;
    static final int SQUARED_DEVIATION = 3;
    static final int BELOW_LOW_QUANTILE = 4;
    static final int BELOW_HIGH_QUANTILE = 5;
    static final int SERIES = 6;
    /** The series held as doubles; the two indicators are held as bits. */
    static final int FLOAT_SERIES = 4;

    /** Where the bulk normal scores of a split chain come from. */
    interface Scores extends Serializable {
        /**
         * Fills {@code target[0, length)} with the scores of {@code source[offset, offset + length)}.
         *
         * @param chain the source chain's number in the whole parameter
         * @param scratch at least {@code length}; modified
         */
        void fill(double[] source, int chain, int offset, int length, double[] target, int[] scratch);
    }

    /** Scores interpolated in a binned order, ready to score ({@link BinnedOrder#prepareScores}). */
    static Scores binned(BinnedOrder order) {
        return (source, chain, offset, length, target, scratch) -> order.scores(source, offset, length, target,
                scratch);
    }

    /** Exact scores as raw bits at {@code [chain * drawsPerChain + draw]}, for draws held in memory. */
    static Scores exact(long[] bits, int drawsPerChain) {
        return (source, chain, offset, length, target, scratch) -> {
            int first = chain * drawsPerChain + offset;
            for (int t = 0; t < length; t++) {
                target[t] = Double.longBitsToDouble(bits[first + t]);
            }
        };
    }

    private final SplitChains split;
    private final double pooledMean;
    private final double lowThreshold;
    private final double highThreshold;
    private final Scores scores;

    SplitChainSeries(SplitChains split, double pooledMean, double lowThreshold, double highThreshold,
            Scores scores) {
        this.split = split;
        this.pooledMean = pooledMean;
        this.lowThreshold = lowThreshold;
        this.highThreshold = highThreshold;
        this.scores = scores;
    }

    /**
     * What one part's pass found, for its split chains from {@code firstSplitChain} on: each series' chain means and
     * variances, the smallest and largest draw per split chain, and each series' lag sums (at the lags asked for),
     * range and finiteness.
     */
    record Part(int firstSplitChain, double[][] means, double[][] variances, double[] drawsMin, double[] drawsMax,
            double[][] sums, double[] min, double[] max, boolean[] finite) implements Serializable {
    }

    /** Folded scores' chain means and variances, from {@code firstSplitChain} on, and their range. */
    record FoldedPart(int firstSplitChain, double[] means, double[] variances, double min, double max)
            implements Serializable {
    }

    /** Split chains per chain: 2, or 1 where chains are not split. */
    private static int splitPerChain(SplitChains split) {
        return split.isSplit() ? 2 : 1;
    }

    /**
     * Chain moments of all six series and their autocovariances summed over the part's split chains at lags
     * [0, lags).
     */
    ChainParts.Pass<Part> accumulate(int lags) {
        return (draws, firstChain) -> {
            int length = split.splitLength();
            int first = firstChain * splitPerChain(split);
            int count = draws.length * splitPerChain(split);
            ChainRange range = new ChainRange(SERIES, FLOAT_SERIES, length);
            range.reset(length);
            double[][] means = new double[SERIES][count];
            double[][] variances = new double[SERIES][count];
            double[] drawsMin = new double[count];
            double[] drawsMax = new double[count];
            for (int c = 0; c < count; c++) {
                int chain = first + c;
                int sourceChain = split.sourceChain(chain);
                double[] source = draws[sourceChain - firstChain];
                int offset = split.sourceOffset(chain);
                fillAllSeries(source, sourceChain, offset, range);
                drawsMin[c] = range.chainMin[DRAWS];
                drawsMax[c] = range.chainMax[DRAWS];
                for (int series = 0; series < FLOAT_SERIES; series++) {
                    double[] buffer = range.buffers[series];
                    if (centre(buffer, length, series, c, range, means, variances) > 0.0) {
                        LagSums.add(buffer, length, 0, lags, range.sums[series]);
                    }
                }
                for (int series = BELOW_LOW_QUANTILE; series <= BELOW_HIGH_QUANTILE; series++) {
                    IndicatorSeries indicator = series == BELOW_LOW_QUANTILE ? range.belowLow : range.belowHigh;
                    fillIndicator(series, source, offset, indicator);
                    int ones = indicator.ones(0);
                    range.min[series] = Math.min(range.min[series], ones < indicator.length() ? 0.0 : 1.0);
                    range.max[series] = Math.max(range.max[series], ones > 0 ? 1.0 : 0.0);
                    means[series][c] = indicator.chainMean(0);
                    variances[series][c] = indicator.chainVariance(0);
                    indicator.addLagSums(0, 1, 0, lags, range.sums[series]);
                }
            }
            double[][] sums = new double[SERIES][];
            for (int series = 0; series < SERIES; series++) {
                sums[series] = Arrays.copyOf(range.sums[series], lags);
            }
            return new Part(first, means, variances, drawsMin, drawsMax, sums, range.min, range.max, range.finite);
        };
    }

    /** A quantile indicator's autocovariances summed over the part's split chains at lags [from, to), by counting. */
    ChainParts.Pass<double[]> indicatorLags(int series, int from, int to) {
        return (draws, firstChain) -> {
            double[] sums = new double[to];
            IndicatorSeries indicator = new IndicatorSeries();
            forEachSplitChain(draws, firstChain, (c, source, sourceChain, offset) -> {
                fillIndicator(series, source, offset, indicator);
                indicator.addLagSums(0, 1, from, to, sums);
            });
            return sums;
        };
    }

    /** A series' autocovariances summed over the part's split chains at lags [from, to), by direct sums. */
    ChainParts.Pass<double[]> directLags(int series, int from, int to, double[] chainMeans) {
        return (draws, firstChain) -> {
            int length = split.splitLength();
            double[] sums = new double[to];
            double[] buffer = new double[length];
            int[] scratch = new int[length];
            int first = firstChain * splitPerChain(split);
            forEachSplitChain(draws, firstChain, (c, source, sourceChain, offset) -> {
                fillSeries(series, source, sourceChain, offset, buffer, scratch);
                if (Moments.centreOn(buffer, length, chainMeans[first + c]) > 0.0) {
                    LagSums.add(buffer, length, from, to, sums);
                }
            });
            return sums;
        };
    }

    /**
     * The power spectra of a series' centred split chains summed over the part, two chains per transform (the halves
     * of one chain): autocovariance averaged over chains is linear in them, so the parts' sums add up and one inverse
     * transform gives every lag ({@link Autocovariance#summedAutocovariance}).
     */
    ChainParts.Pass<double[]> powerSpectrum(int series, double[] chainMeans) {
        return (draws, firstChain) -> {
            int length = split.splitLength();
            Autocovariance autocovariance = new Autocovariance(length);
            double[] first = autocovariance.first();
            double[] second = autocovariance.second();
            int[] scratch = new int[length];
            int firstSplit = firstChain * splitPerChain(split);
            int count = draws.length * splitPerChain(split);
            autocovariance.clearSpectrum();
            for (int c = 0; c < count; c += 2) {
                fillCentred(series, draws, firstChain, firstSplit + c, chainMeans, first, scratch);
                if (c + 1 < count) {
                    fillCentred(series, draws, firstChain, firstSplit + c + 1, chainMeans, second, scratch);
                } else {
                    Arrays.fill(second, 0, length, 0.0);
                }
                autocovariance.addPowerSpectra(length);
            }
            return autocovariance.spectrum();
        };
    }

    private void fillCentred(int series, double[][] draws, int firstChain, int chain, double[] chainMeans,
            double[] target, int[] scratch) {
        int sourceChain = split.sourceChain(chain);
        fillSeries(series, draws[sourceChain - firstChain], sourceChain, split.sourceOffset(chain), target, scratch);
        Moments.centreOn(target, split.splitLength(), chainMeans[chain]);
    }

    /**
     * Chain moments of the folded normal scores, from a binned order of the deviations {@code deviation} computes;
     * a split chain whose deviations are all equal gets a variance of exactly 0, as in {@link FoldedChainMoments}.
     *
     * @param drawsMin each split chain's least draw, as {@link Part#drawsMin} gave it (not modified)
     * @param drawsMax each split chain's greatest draw, as {@link Part#drawsMax} gave it (not modified)
     */
    static ChainParts.Pass<FoldedPart> foldedScores(SplitChains split, BinnedOrder folded,
            FoldedChainMoments.Deviation deviation, double[] drawsMin, double[] drawsMax) {
        return (draws, firstChain) -> {
            int length = split.splitLength();
            int first = firstChain * splitPerChain(split);
            int count = draws.length * splitPerChain(split);
            double[] means = new double[count];
            double[] variances = new double[count];
            double[] scores = new double[length];
            int[] scratch = new int[length];
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < count; c++) {
                int chain = first + c;
                double[] source = draws[split.sourceChain(chain) - firstChain];
                int offset = split.sourceOffset(chain);
                double sum = 0.0;
                double squares = 0.0;
                folded.scores(source, offset, length, scores, scratch);
                for (int t = 0; t < length; t++) {
                    double score = scores[t];
                    sum += score;
                    squares += score * score;
                    low = Math.min(low, score);
                    high = Math.max(high, score);
                }
                boolean constant = FoldedChainMoments.isConstant(deviation::of, source, offset, length,
                        drawsMin[chain], drawsMax[chain]);
                means[c] = sum / length;
                variances[c] = FoldedChainMoments.variance(sum, squares, length, constant);
            }
            return new FoldedPart(first, means, variances, low, high);
        };
    }

    private interface SplitChainVisit {
        void visit(int index, double[] source, int sourceChain, int offset);
    }

    /** Visits the part's split chains in order, {@code index} counting them from 0. */
    private void forEachSplitChain(double[][] draws, int firstChain, SplitChainVisit visit) {
        int first = firstChain * splitPerChain(split);
        int count = draws.length * splitPerChain(split);
        for (int c = 0; c < count; c++) {
            int sourceChain = split.sourceChain(first + c);
            visit.visit(c, draws[sourceChain - firstChain], sourceChain, split.sourceOffset(first + c));
        }
    }

    /** Fills a quantile indicator's bits with one split chain, the only chain it then holds. */
    private void fillIndicator(int series, double[] source, int offset, IndicatorSeries indicator) {
        indicator.reset(1, split.splitLength());
        indicator.fill(0, source, offset, series == BELOW_LOW_QUANTILE ? lowThreshold : highThreshold);
    }

    /** Fills the four series of doubles of one split chain, before centring, reading the chain once. */
    private void fillAllSeries(double[] source, int sourceChain, int offset, ChainRange range) {
        double[][] buffers = range.buffers;
        int length = split.splitLength();
        double[] scoreBuffer = buffers[NORMAL_SCORES];
        scores.fill(source, sourceChain, offset, length, scoreBuffer, range.edges);
        double[] values = buffers[DRAWS];
        double[] absolute = buffers[ABSOLUTE_DEVIATION];
        double[] squared = buffers[SQUARED_DEVIATION];
        double center = pooledMean;
        double scoreSum = 0.0, valueSum = 0.0, absoluteSum = 0.0, squaredSum = 0.0;
        double scoreMin = Double.POSITIVE_INFINITY, valueMin = Double.POSITIVE_INFINITY;
        double absoluteMin = Double.POSITIVE_INFINITY, squaredMin = Double.POSITIVE_INFINITY;
        double scoreMax = Double.NEGATIVE_INFINITY, valueMax = Double.NEGATIVE_INFINITY;
        double absoluteMax = Double.NEGATIVE_INFINITY, squaredMax = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < length; t++) {
            double value = source[offset + t];
            double deviation = value - center;
            double score = scoreBuffer[t];
            double distance = Math.abs(deviation);
            double square = deviation * deviation;
            values[t] = value;
            absolute[t] = distance;
            squared[t] = square;
            scoreSum += score;
            valueSum += value;
            absoluteSum += distance;
            squaredSum += square;
            scoreMin = Math.min(scoreMin, score);
            valueMin = Math.min(valueMin, value);
            absoluteMin = Math.min(absoluteMin, distance);
            squaredMin = Math.min(squaredMin, square);
            scoreMax = Math.max(scoreMax, score);
            valueMax = Math.max(valueMax, value);
            absoluteMax = Math.max(absoluteMax, distance);
            squaredMax = Math.max(squaredMax, square);
        }
        range.setChainStatistics(NORMAL_SCORES, scoreSum, scoreMin, scoreMax);
        range.setChainStatistics(DRAWS, valueSum, valueMin, valueMax);
        range.setChainStatistics(ABSOLUTE_DEVIATION, absoluteSum, absoluteMin, absoluteMax);
        range.setChainStatistics(SQUARED_DEVIATION, squaredSum, squaredMin, squaredMax);
    }

    /** Fills {@code target[0, length)} with one series on one split chain, before centring. */
    private void fillSeries(int series, double[] source, int sourceChain, int offset, double[] target,
            int[] scratch) {
        int length = split.splitLength();
        switch (series) {
            case NORMAL_SCORES -> scores.fill(source, sourceChain, offset, length, target, scratch);
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
     * Records min, max, finiteness and chain moments of one series, then centres it; returns its sum of squares.
     * The range and a first mean come from the sums {@link #fillAllSeries} kept while filling; one pass centres on
     * that mean and refines it by the mean residual as R's {@code mean} does; a constant chain centres to exact
     * zeros.
     *
     * @param index the split chain's place in the part
     * @param means the part's chain means per series, written at {@code index}
     * @param variances the part's chain variances per series, written at {@code index}
     */
    private static double centre(double[] values, int length, int series, int index, ChainRange range,
            double[][] means, double[][] variances) {
        double min = range.chainMin[series];
        double max = range.chainMax[series];
        double sum = range.chainSum[series];
        boolean finite = Double.isFinite(min) && Double.isFinite(max);
        range.min[series] = Math.min(range.min[series], min);
        range.max[series] = Math.max(range.max[series], max);
        range.finite[series] &= finite;
        double chainMean;
        double sumOfSquares;
        if (min == max || !finite || !Double.isFinite(sum)) {
            chainMean = min == max ? min : Moments.mean(values, 0, length);
            sumOfSquares = Moments.centreOn(values, length, chainMean);
        } else {
            double roughMean = sum / length;
            Moments.Centred centred = Moments.centre(values, length, roughMean);
            double residual = centred.residual();
            double squares = centred.squares();
            chainMean = roughMean + residual / length;
            sumOfSquares = squares - residual * residual / length;
        }
        means[series][index] = chainMean;
        variances[series][index] = sumOfSquares / (length - 1);
        return sumOfSquares;
    }
}
