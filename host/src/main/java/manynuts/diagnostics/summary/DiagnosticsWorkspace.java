package manynuts.diagnostics.summary;

import java.util.function.IntToDoubleFunction;
import manynuts.diagnostics.draws.DrawsShape;
import manynuts.diagnostics.draws.SplitChains;
import manynuts.diagnostics.order.BinnedOrder;
import manynuts.diagnostics.order.FoldedChainMoments;
import manynuts.diagnostics.order.HighestDensityInterval;
import manynuts.diagnostics.order.OrderStatistics;
import manynuts.diagnostics.order.PooledOrder;
import manynuts.diagnostics.order.PositionOrder;
import manynuts.diagnostics.order.RankNormalisation;
import manynuts.diagnostics.stats.Autocovariance;
import manynuts.diagnostics.stats.ChainRange;
import manynuts.diagnostics.stats.EffectiveSampleSize;
import manynuts.diagnostics.stats.IndicatorSeries;
import manynuts.diagnostics.stats.LagSums;
import manynuts.diagnostics.stats.Moments;
import manynuts.diagnostics.stats.MonteCarloStandardError;
import manynuts.diagnostics.stats.SplitRhat;

/**
 * Computes every per-parameter statistic of posterior 1.4.0 in one sweep over the draws, reusing its buffers
 * from one parameter to the next: one sort for all ranks and quantiles, and autocovariances of six series
 * (normal scores, draws, absolute and squared deviations by direct sums at short lags or, when Geyer's sequence runs
 * long, by FFT; two quantile indicators by counting bits). Not thread-safe: give each worker thread its own workspace.
 */
public final class DiagnosticsWorkspace {

    /** posterior's tolerance for calling a series constant ({@code .Machine$double.eps}). */
    private static final double CONSTANT_TOLERANCE = Math.ulp(1.0);

    // The six series whose autocorrelation matters, in FFT pairs (0,1), (2,3), (4,5).
    private static final int NORMAL_SCORES = 0;
    private static final int DRAWS = 1;
    private static final int ABSOLUTE_DEVIATION = 2;
    private static final int SQUARED_DEVIATION = 3;
    private static final int BELOW_LOW_QUANTILE = 4;
    private static final int BELOW_HIGH_QUANTILE = 5;
    private static final int SERIES = 6;
    /** The series held as doubles; the two indicators are held as bits. */
    private static final int FLOAT_SERIES = 4;
    /** Lags past which an indicator's autocovariance comes from the FFT rather than from counts. */
    private static final int MAX_INDICATOR_DIRECT_LAGS = 1024;

    private final PooledOrder order = new PooledOrder();
    private final PositionOrder positionOrder = new PositionOrder();
    private final RankNormalisation.ScoreTables scoreTables;
    /** Bulk normal scores as raw bits at [chain * drawsPerChain + draw], in the sort's released keys. */
    private long[] scoreBits = new long[0];
    /** Orders of the draws and of their deviations from the median, for parameters summarised by binned ranks. */
    private final BinnedOrder bulkBins = new BinnedOrder();
    private final BinnedOrder foldedBins = new BinnedOrder();
    /** While a parameter is summarised by binned ranks, where its bulk normal scores come from; else null. */
    private BinnedOrder binnedScores;
    private SummaryOptions.Ranks ranks = SummaryOptions.Ranks.EXACT;
    /** With binned ranks, turns to fall back to exact ranks, shared with other workers; null if there is no limit. */
    private java.util.concurrent.Semaphore exactFallbacks;
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
    /** Longest split chain the per-part buffers must hold. */
    private int seriesCapacity;
    private ChainRange[] ranges = new ChainRange[0];
    /** Workers of the common pool a pass over the chains may use; 1 keeps it on the calling thread. */
    private int chainParallelism = 1;
    /** Sum and sum of squares of the folded normal scores per split chain. */
    private double[] foldedMoments = new double[0];
    /** Smallest and largest draw per split chain. */
    private double[] drawsMin = new double[0];
    private double[] drawsMax = new double[0];
    private double pooledMean;
    private double lowThreshold;
    private double highThreshold;

    public DiagnosticsWorkspace() {
        this(new RankNormalisation.ScoreTables());
    }

    /** A workspace that takes normal-score tables from {@code scoreTables}, which may be shared between threads. */
    DiagnosticsWorkspace(RankNormalisation.ScoreTables scoreTables) {
        this.scoreTables = scoreTables;
    }

    /**
     * Lets passes over the chains run on up to {@code workers} threads of the common fork-join pool, for when
     * there are fewer parameters than processors; 1, the default, keeps all work on the calling thread.
     */
    void useCommonPool(int workers) {
        chainParallelism = Math.max(1, workers);
    }

    /**
     * How this workspace ranks the pooled draws: exact unless told {@link SummaryOptions.Ranks#BINNED} (which ranks
     * to use when {@link SummaryOptions.Ranks#AUTO} is asked for is {@link Summaries}'s decision).
     */
    public void useRanks(SummaryOptions.Ranks ranks) {
        useRanks(ranks, null);
    }

    /**
     * As {@link #useRanks(SummaryOptions.Ranks)}; with binned ranks, a parameter that binned ranks cannot take (an
     * infinite draw or deviation) is ranked exactly only while holding one of {@code exactFallbacks}' permits, and
     * the exact buffers are let go before the permit is returned, so that workers planned for binned memory do not
     * all hold exact ranks' memory at once.
     *
     * @param exactFallbacks shared by the workers; null for no limit
     */
    public void useRanks(SummaryOptions.Ranks ranks, java.util.concurrent.Semaphore exactFallbacks) {
        this.ranks = ranks;
        this.exactFallbacks = exactFallbacks;
    }

    /** Whether the exact path holds draw-sized buffers, as it does after a sort until a binned fallback ends. */
    public boolean holdsExactBuffers() {
        return order.holdsBuffers() || scoreBits.length > 0;
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
        if (shape.isEmpty()) {
            return missing(name);
        }
        if (ranks == SummaryOptions.Ranks.BINNED) {
            Sweep sweep = summariseBinned(name, draws, shape, hdiProbability, lowProbability, highProbability);
            if (sweep != null) {
                return sweep;
            }
            if (exactFallbacks != null) {
                return exactFallback(name, draws, shape, hdiProbability, lowProbability, highProbability);
            }
        }
        return summariseExact(name, draws, shape, hdiProbability, lowProbability, highProbability);
    }

    /** The exact path for a binned workspace, holding a permit and letting the exact buffers go afterwards. */
    private Sweep exactFallback(String name, double[][] draws, DrawsShape shape, double hdiProbability,
            double lowProbability, double highProbability) {
        exactFallbacks.acquireUninterruptibly();
        try {
            return summariseExact(name, draws, shape, hdiProbability, lowProbability, highProbability);
        } finally {
            order.releaseBuffers();
            scoreBits = new long[0];
            exactFallbacks.release();
        }
    }

    private Sweep summariseExact(String name, double[][] draws, DrawsShape shape, double hdiProbability,
            double lowProbability, double highProbability) {
        // posterior gives NA for every statistic once a draw is NA.
        if (!order.sort(draws, shape)) {
            return missing(name);
        }
        SplitChains split = SplitChains.of(shape);
        int total = shape.totalDraws();
        ensureCapacity(split);
        double[] sorted = order.sorted();
        RankNormalisation.ScoreTable scoreTable = scoreTables.forCount(split.splitTotal());

        Moments.PooledMoments moments = Moments.pooled(draws, sorted, total);
        double median = OrderStatistics.median(sorted, total);
        double lowQuantile = OrderStatistics.quantile(sorted, total, lowProbability);
        double highQuantile = OrderStatistics.quantile(sorted, total, highProbability);
        HighestDensityInterval hdi = HighestDensityInterval.ofSorted(sorted, total, hdiProbability);

        // The bulk scores go through the sort's scratch buffer into its keys, which are read before they are
        // overwritten: three draw-sized buffers in all.
        FoldedChainMoments.Walk folded = FoldedChainMoments.accumulate(order, split, scoreTable, foldedMoments);
        RankNormalisation.normalScores(order, split, scoreTable, order.scratch(), order.releaseKeys(),
                positionOrder);
        scoreBits = order.releaseKeys();
        pooledMean = moments.mean();
        lowThreshold = IndicatorSeries.threshold(sorted, total, lowProbability);
        highThreshold = IndicatorSeries.threshold(sorted, total, highProbability);
        SeriesDiagnostics series = seriesDiagnostics(draws, split);

        foldedScoreMoments(draws, split, folded);
        double rhatFolded = rhatOf(NORMAL_SCORES, split.splitChainCount(), split.splitLength());
        double mcseLow = MonteCarloStandardError.ofQuantile(sorted, total, lowProbability, series.essLow());
        double mcseHigh = MonteCarloStandardError.ofQuantile(sorted, total, highProbability, series.essHigh());
        return sweep(name, moments, total, median, folded.mad(), lowQuantile, highQuantile, hdi, series, rhatFolded,
                mcseLow, mcseHigh);
    }

    /** Every statistic NA. */
    private static Sweep missing(String name) {
        return new Sweep(ParameterSummary.missing(name), Double.NaN, Double.NaN);
    }

    /** The R-hats and ESSs that come from the series pass, before the folded scores replace the bulk ones. */
    private record SeriesDiagnostics(double rhatBulk, double rhatBasic, double essBulk, double essMean, double essSd,
            double essSquared, double essLow, double essHigh) {
    }

    /** The series pass and what it gives; needs the pooled mean, the thresholds and a source of bulk scores. */
    private SeriesDiagnostics seriesDiagnostics(double[][] draws, SplitChains split) {
        int chains = split.splitChainCount();
        int length = split.splitLength();
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
        return new SeriesDiagnostics(rhatBulk, rhatBasic, essBulk, essMean, essSd, essSquared, essLow, essHigh);
    }

    private static Sweep sweep(String name, Moments.PooledMoments moments, int total, double median, double mad,
            double lowQuantile, double highQuantile, HighestDensityInterval hdi, SeriesDiagnostics series,
            double rhatFolded, double mcseLow, double mcseHigh) {
        double sd = Math.sqrt(moments.squares() / (total - 1));
        double mcseMean = sd / Math.sqrt(series.essMean());
        double mcseSd = MonteCarloStandardError.ofSd(moments.squaresAboutMean() / total,
                moments.fourthPowersAboutMean() / total, series.essSquared());
        ParameterSummary summary = new ParameterSummary(name, moments.mean(), median, sd, mad, lowQuantile,
                highQuantile, hdi.lower(), hdi.upper(), Math.max(series.rhatBulk(), rhatFolded), series.rhatBasic(),
                series.essBulk(), Math.min(series.essLow(), series.essHigh()), series.essMean(), series.essMean(),
                series.essSd(), series.essLow(), series.essHigh(), mcseMean, mcseSd, mcseLow, mcseHigh, Double.NaN);
        return new Sweep(summary, lowQuantile, highQuantile);
    }

    private static final int BIN_EDGES = 1 << 13;
    private static final long BINS_PER_CHAIN = 4;

    /** Edges of a binned order: 8,192 (so their lookup tables stay in the cache), or every draw if fewer. */
    static int binEdges(DrawsShape shape) {
        return Math.min(shape.totalDraws(), BIN_EDGES);
    }

    /**
     * Fine slots per gap between edges: enough for 4 slots per chain and 65,536 slots at least (so about 250 draws to
     * a slot for 16,384 chains of 1,000 draws, and a rank error of about 8, which moves the bulk ESS by a few parts in
     * 1e8). More slots gain little accuracy and cost speed: the slot counts are looked up at random once per draw.
     */
    static int binsPerGap(DrawsShape shape) {
        long slots = Math.max(1L << 16, BINS_PER_CHAIN * shape.chains());
        return (int) Math.max(1, Math.min(256, (slots + binEdges(shape) - 1) / binEdges(shape)));
    }

    /**
     * {@link #summarise} by {@link BinnedOrder}s instead of a sort: memory in proportion to the chains, not the
     * draws. Returns null, for the exact path to take over, when a draw or its deviation from the median is
     * infinite.
     */
    private Sweep summariseBinned(String name, double[][] draws, DrawsShape shape, double hdiProbability,
            double lowProbability, double highProbability) {
        SplitChains split = SplitChains.of(shape);
        int total = shape.totalDraws();
        int edges = binEdges(shape);
        int slotsPerGap = binsPerGap(shape);
        BinnedOrder bulk = bulkBins;
        bulk.rankDraws();
        if (!bulk.count(draws, split, edges, slotsPerGap)) {
            return missing(name);
        }
        if (!Double.isFinite(bulk.lowest()) || !Double.isFinite(bulk.highest())) {
            return null;
        }
        ensureCapacity(split);
        double lowThresholdProbability = IndicatorSeries.thresholdProbability(total, lowProbability);
        double highThresholdProbability = IndicatorSeries.thresholdProbability(total, highProbability);
        int[] positions = concat(OrderStatistics.medianPositions(total),
                OrderStatistics.quantilePositions(total, lowProbability),
                OrderStatistics.quantilePositions(total, highProbability),
                OrderStatistics.quantilePositions(total, lowThresholdProbability),
                OrderStatistics.quantilePositions(total, highThresholdProbability));
        HighestDensityInterval hdi = bulk.gather(draws, split, positions, hdiProbability);
        IntToDoubleFunction at = bulk::at;
        // Centred on the same draw as with exact ranks, so the moments come out the same to the last bit.
        Moments.PooledMoments moments = Moments.pooled(draws, bulk.lowest(), bulk.highest(), bulk.at(total / 2),
                total);
        FoldedChainMoments.Deviation deviation = new FoldedChainMoments.Deviation(at, total);
        double median = deviation.center;
        double lowQuantile = OrderStatistics.quantile(at, total, lowProbability);
        double highQuantile = OrderStatistics.quantile(at, total, highProbability);
        lowThreshold = OrderStatistics.quantile(at, total, lowThresholdProbability);
        highThreshold = OrderStatistics.quantile(at, total, highThresholdProbability);
        pooledMean = moments.mean();
        bulk.prepareScores();
        binnedScores = bulk;
        SeriesDiagnostics series;
        try {
            series = seriesDiagnostics(draws, split);
        } finally {
            binnedScores = null;
        }

        // A new gathering: the positions read above are no longer at hand, only these.
        bulk.gather(draws, split, concat(
                MonteCarloStandardError.quantilePositions(total, lowProbability, series.essLow()),
                MonteCarloStandardError.quantilePositions(total, highProbability, series.essHigh())), Double.NaN);
        double mcseLow = MonteCarloStandardError.ofQuantile(at, total, lowProbability, series.essLow());
        double mcseHigh = MonteCarloStandardError.ofQuantile(at, total, highProbability, series.essHigh());

        BinnedOrder folded = foldedBins;
        folded.rankDeviations(deviation);
        // Finite draws near the largest doubles can lie an infinite distance from the median.
        if (!folded.count(draws, split, edges, slotsPerGap) || !Double.isFinite(folded.highest())) {
            return null;
        }
        folded.gather(draws, split, OrderStatistics.medianPositions(total), Double.NaN);
        double mad = OrderStatistics.MAD_NORMAL_CONSTANT * OrderStatistics.median(folded::at, total);
        folded.prepareScores();
        foldedBinnedScoreMoments(draws, split, folded, deviation);
        double rhatFolded = rhatOf(NORMAL_SCORES, split.splitChainCount(), split.splitLength());
        return sweep(name, moments, total, median, mad, lowQuantile, highQuantile, hdi, series, rhatFolded, mcseLow,
                mcseHigh);
    }

    private static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
    }

    /**
     * Chain moments of the folded scores from a binned order of the deviations, one pass over the split chains; a
     * chain whose deviations are all equal gets a variance of exactly 0, as in {@link FoldedChainMoments}.
     *
     * @param deviation what {@code folded} ranks
     */
    private void foldedBinnedScoreMoments(double[][] draws, SplitChains split, BinnedOrder folded,
            FoldedChainMoments.Deviation deviation) {
        int chains = split.splitChainCount();
        int length = split.splitLength();
        int parts = partsFor(chains);
        double[] means = chainMeans[NORMAL_SCORES];
        double[] variances = chainVariances[NORMAL_SCORES];
        forEachPart(parts, part -> {
            ChainRange range = ranges[part];
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int chain = chains * part / parts; chain < chains * (part + 1) / parts; chain++) {
                double[] source = draws[split.sourceChain(chain)];
                int offset = split.sourceOffset(chain);
                double sum = 0.0;
                double squares = 0.0;
                double[] scores = range.buffers[NORMAL_SCORES];
                folded.scores(source, offset, length, scores, range.edges);
                for (int t = 0; t < length; t++) {
                    double score = scores[t];
                    sum += score;
                    squares += score * score;
                    low = Math.min(low, score);
                    high = Math.max(high, score);
                }
                boolean constant = FoldedChainMoments.isConstant(deviation::of, source, offset, length,
                        drawsMin[chain], drawsMax[chain]);
                means[chain] = sum / length;
                variances[chain] = FoldedChainMoments.variance(sum, squares, length, constant);
            }
            range.min[NORMAL_SCORES] = low;
            range.max[NORMAL_SCORES] = high;
        });
        seriesMin[NORMAL_SCORES] = Double.POSITIVE_INFINITY;
        seriesMax[NORMAL_SCORES] = Double.NEGATIVE_INFINITY;
        for (int part = 0; part < parts; part++) {
            seriesMin[NORMAL_SCORES] = Math.min(seriesMin[NORMAL_SCORES], ranges[part].min[NORMAL_SCORES]);
            seriesMax[NORMAL_SCORES] = Math.max(seriesMax[NORMAL_SCORES], ranges[part].max[NORMAL_SCORES]);
        }
        seriesFinite[NORMAL_SCORES] = Double.isFinite(seriesMin[NORMAL_SCORES])
                && Double.isFinite(seriesMax[NORMAL_SCORES]);
    }

    private void ensureCapacity(SplitChains split) {
        if (split.splitLength() > autocovarianceLength) {
            autocovarianceLength = split.splitLength();
            autocovariance = new Autocovariance(autocovarianceLength);
            autocorrelation = new double[autocovarianceLength];
        }
        if (foldedMoments.length < FoldedChainMoments.MOMENTS * split.splitChainCount()) {
            foldedMoments = new double[FoldedChainMoments.MOMENTS * split.splitChainCount()];
            drawsMin = new double[split.splitChainCount()];
            drawsMax = new double[split.splitChainCount()];
        }
        seriesCapacity = Math.max(seriesCapacity, split.splitLength());
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

    /** Fills {@code target[0, length)} with one series on one split chain, before centring. */
    private void fillSeries(int series, double[][] draws, SplitChains split, int chain, double[] target,
            int[] scratch) {
        int length = split.splitLength();
        double[] source = draws[split.sourceChain(chain)];
        int offset = split.sourceOffset(chain);
        switch (series) {
            case NORMAL_SCORES -> fillScores(split, chain, source, offset, target, scratch);
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
        int lags = Math.min(length, LagSums.BLOCK);
        int chains = split.splitChainCount();
        int parts = partsFor(chains);
        forEachPart(parts, part -> {
            ChainRange range = ranges[part];
            range.reset(length);
            int firstChain = chains * part / parts;
            int endChain = chains * (part + 1) / parts;
            for (int chain = firstChain; chain < endChain; chain++) {
                fillAllSeries(draws, split, chain, range);
                for (int series = 0; series < FLOAT_SERIES; series++) {
                    double[] buffer = range.buffers[series];
                    if (centre(buffer, length, series, chain, range) > 0.0) {
                        LagSums.add(buffer, length, 0, lags, range.sums[series]);
                    }
                }
                for (int series = BELOW_LOW_QUANTILE; series <= BELOW_HIGH_QUANTILE; series++) {
                    IndicatorSeries indicator = fillIndicator(series, draws, split, chain, range);
                    indicatorMoments(series, indicator, chain, range);
                    indicator.addLagSums(0, 1, 0, lags, range.sums[series]);
                }
            }
        });
        for (int series = 0; series < SERIES; series++) {
            java.util.Arrays.fill(autocovarianceSums[series], 0, length, 0.0);
            seriesMin[series] = Double.POSITIVE_INFINITY;
            seriesMax[series] = Double.NEGATIVE_INFINITY;
            seriesFinite[series] = true;
            for (int part = 0; part < parts; part++) {
                ChainRange range = ranges[part];
                for (int lag = 0; lag < lags; lag++) {
                    autocovarianceSums[series][lag] += range.sums[series][lag];
                }
                seriesMin[series] = Math.min(seriesMin[series], range.min[series]);
                seriesMax[series] = Math.max(seriesMax[series], range.max[series]);
                seriesFinite[series] &= range.finite[series];
            }
        }
        java.util.Arrays.fill(availableLags, lags);
    }

    /**
     * Fills a part's bits of one quantile indicator with one split chain, whose bits are all the part keeps: a bit per
     * draw of one chain, not of all of them.
     */
    private IndicatorSeries fillIndicator(int series, double[][] draws, SplitChains split, int chain,
            ChainRange range) {
        IndicatorSeries indicator = series == BELOW_LOW_QUANTILE ? range.belowLow : range.belowHigh;
        indicator.reset(1, split.splitLength());
        indicator.fill(0, draws[split.sourceChain(chain)], split.sourceOffset(chain),
                series == BELOW_LOW_QUANTILE ? lowThreshold : highThreshold);
        return indicator;
    }

    /** Records the chain moments and the range of one indicator series on one split chain, just filled. */
    private void indicatorMoments(int series, IndicatorSeries indicator, int chain, ChainRange range) {
        int ones = indicator.ones(0);
        range.min[series] = Math.min(range.min[series], ones < indicator.length() ? 0.0 : 1.0);
        range.max[series] = Math.max(range.max[series], ones > 0 ? 1.0 : 0.0);
        chainMeans[series][chain] = indicator.chainMean(0);
        chainVariances[series][chain] = indicator.chainVariance(0);
    }

    /**
     * How many parts a pass over the chains is cut into: one unless this workspace may use the common pool, then
     * a few per worker so that uneven progress evens out.
     */
    private int partsFor(int chains) {
        int parts = chainParallelism > 1 ? Math.min(4 * chainParallelism, Math.max(1, chains / 64)) : 1;
        if (ranges.length < parts) {
            ranges = java.util.Arrays.copyOf(ranges, parts);
        }
        for (int part = 0; part < parts; part++) {
            if (ranges[part] == null || ranges[part].buffers[0].length < seriesCapacity) {
                ranges[part] = new ChainRange(SERIES, FLOAT_SERIES, seriesCapacity);
            }
        }
        return parts;
    }

    private static void forEachPart(int parts, java.util.function.IntConsumer task) {
        if (parts == 1) {
            task.accept(0);
        } else {
            java.util.stream.IntStream.range(0, parts).parallel().forEach(task);
        }
    }

    /**
     * Fills {@code target[0, length)} with the bulk normal scores of one split chain's draws.
     *
     * @param scratch at least the split length, for binned ranks; modified
     */
    private void fillScores(SplitChains split, int chain, double[] source, int offset, double[] target,
            int[] scratch) {
        int length = split.splitLength();
        if (binnedScores != null) {
            binnedScores.scores(source, offset, length, target, scratch);
            return;
        }
        int first = split.sourceChain(chain) * split.drawsPerChain() + offset;
        for (int t = 0; t < length; t++) {
            target[t] = Double.longBitsToDouble(scoreBits[first + t]);
        }
    }

    /** Fills the four series of doubles of one split chain, before centring, reading the chain once. */
    private void fillAllSeries(double[][] draws, SplitChains split, int chain, ChainRange range) {
        double[][] buffers = range.buffers;
        int length = split.splitLength();
        double[] source = draws[split.sourceChain(chain)];
        int offset = split.sourceOffset(chain);
        double[] scores = buffers[NORMAL_SCORES];
        fillScores(split, chain, source, offset, scores, range.edges);
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
            double score = scores[t];
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

    /** Sums of autocovariances of one series at more lags: direct sums up to a limit, then every lag by FFT. */
    private void extendLags(int series, double[][] draws, SplitChains split) {
        int length = split.splitLength();
        int from = availableLags[series];
        double[] sums = autocovarianceSums[series];
        boolean indicator = series == BELOW_LOW_QUANTILE || series == BELOW_HIGH_QUANTILE;
        if (indicator && from < MAX_INDICATOR_DIRECT_LAGS) {
            // Counting is cheap enough to double the lags each time; the bits are made again from the draws.
            int to = Math.min(length, Math.min(MAX_INDICATOR_DIRECT_LAGS, 2 * from));
            int chains = split.splitChainCount();
            int parts = partsFor(chains);
            forEachPart(parts, part -> {
                ChainRange range = ranges[part];
                range.reset(to);
                for (int chain = chains * part / parts; chain < chains * (part + 1) / parts; chain++) {
                    fillIndicator(series, draws, split, chain, range).addLagSums(0, 1, from, to, range.sums[series]);
                }
            });
            for (int part = 0; part < parts; part++) {
                for (int lag = from; lag < to; lag++) {
                    sums[lag] += ranges[part].sums[series][lag];
                }
            }
            availableLags[series] = to;
            return;
        }
        int to = Math.min(length, LagSums.nextDirectTarget(sums, from, split.splitTotal()));
        if (to <= LagSums.MAX_DIRECT_LAGS) {
            int chains = split.splitChainCount();
            int parts = partsFor(chains);
            forEachPart(parts, part -> {
                ChainRange range = ranges[part];
                range.reset(to);
                double[] buffer = range.buffers[series];
                for (int chain = chains * part / parts; chain < chains * (part + 1) / parts; chain++) {
                    fillSeries(series, draws, split, chain, buffer, range.edges);
                    if (Moments.centreOn(buffer, length, chainMeans[series][chain]) > 0.0) {
                        LagSums.add(buffer, length, from, to, range.sums[series]);
                    }
                }
            });
            for (int part = 0; part < parts; part++) {
                for (int lag = from; lag < to; lag++) {
                    sums[lag] += ranges[part].sums[series][lag];
                }
            }
            availableLags[series] = to;
            return;
        }
        // Autocovariance averaged over chains is linear in the chains' power spectra: sum those, invert once.
        double[] first = autocovariance.first();
        double[] second = autocovariance.second();
        int[] scratch = ranges[0].edges;
        int chains = split.splitChainCount();
        autocovariance.clearSpectrum();
        for (int chain = 0; chain < chains; chain += 2) {
            fillSeries(series, draws, split, chain, first, scratch);
            Moments.centreOn(first, length, chainMeans[series][chain]);
            if (chain + 1 < chains) {
                fillSeries(series, draws, split, chain + 1, second, scratch);
                Moments.centreOn(second, length, chainMeans[series][chain + 1]);
            } else {
                java.util.Arrays.fill(second, 0, length, 0.0);
            }
            autocovariance.addPowerSpectra(length);
        }
        autocovariance.summedAutocovariance(length, sums);
        availableLags[series] = length;
    }

    /**
     * Records min, max, finiteness and chain moments of one series, then centres it; returns its sum of squares.
     * The range and a first mean come from the sums {@link #fillAllSeries} kept while filling; one pass centres on
     * that mean and refines it by the mean residual as R's {@code mean} does; a constant chain centres to exact
     * zeros.
     */
    private double centre(double[] values, int length, int series, int chain, ChainRange range) {
        double min = range.chainMin[series];
        double max = range.chainMax[series];
        double sum = range.chainSum[series];
        boolean finite = Double.isFinite(min) && Double.isFinite(max);
        range.min[series] = Math.min(range.min[series], min);
        range.max[series] = Math.max(range.max[series], max);
        range.finite[series] &= finite;
        if (series == DRAWS) {
            drawsMin[chain] = min;
            drawsMax[chain] = max;
        }
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
        chainMeans[series][chain] = chainMean;
        chainVariances[series][chain] = sumOfSquares / (length - 1);
        return sumOfSquares;
    }

    /** Chain moments of the folded scores, for the folded R-hat, which needs no autocovariance. */
    private void foldedScoreMoments(double[][] draws, SplitChains split, FoldedChainMoments.Walk walk) {
        FoldedChainMoments.chainMoments(foldedMoments, order, draws, split, drawsMin, drawsMax,
                chainMeans[NORMAL_SCORES], chainVariances[NORMAL_SCORES]);
        seriesMin[NORMAL_SCORES] = walk.minScore();
        seriesMax[NORMAL_SCORES] = walk.maxScore();
        seriesFinite[NORMAL_SCORES] = Double.isFinite(walk.minScore()) && Double.isFinite(walk.maxScore());
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
}
