package manynuts.diagnostics.summary;

import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.function.IntToDoubleFunction;
import manynuts.diagnostics.draws.ChainParts;
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
import manynuts.diagnostics.stats.EffectiveSampleSize;
import manynuts.diagnostics.stats.IndicatorSeries;
import manynuts.diagnostics.stats.LagSums;
import manynuts.diagnostics.stats.Moments;
import manynuts.diagnostics.stats.MonteCarloStandardError;
import manynuts.diagnostics.stats.SplitRhat;

import static manynuts.diagnostics.summary.SplitChainSeries.ABSOLUTE_DEVIATION;
import static manynuts.diagnostics.summary.SplitChainSeries.BELOW_HIGH_QUANTILE;
import static manynuts.diagnostics.summary.SplitChainSeries.BELOW_LOW_QUANTILE;
import static manynuts.diagnostics.summary.SplitChainSeries.DRAWS;
import static manynuts.diagnostics.summary.SplitChainSeries.NORMAL_SCORES;
import static manynuts.diagnostics.summary.SplitChainSeries.SERIES;
import static manynuts.diagnostics.summary.SplitChainSeries.SQUARED_DEVIATION;

/**
 * Computes every per-parameter statistic of posterior 1.4.0 in one sweep over the draws, reusing its buffers
 * from one parameter to the next: one sort for all ranks and quantiles, and autocovariances of six series
 * (normal scores, draws, absolute and squared deviations by direct sums at short lags or, when Geyer's sequence runs
 * long, by FFT; two quantile indicators by counting bits). Not thread-safe: give each worker thread its own workspace.
 */
public final class DiagnosticsWorkspace {

    /** posterior's tolerance for calling a series constant ({@code .Machine$double.eps}). */
    private static final double CONSTANT_TOLERANCE = Math.ulp(1.0);

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
    private SummaryOptions.Ranks ranks = SummaryOptions.Ranks.EXACT;
    /** With binned ranks, turns to fall back to exact ranks, shared with other workers; null if there is no limit. */
    private Semaphore exactFallbacks;
    private double[][] autocovarianceSums = new double[SERIES][0];
    private double[][] chainMeans = new double[SERIES][0];
    private double[][] chainVariances = new double[SERIES][0];
    private final double[] seriesMin = new double[SERIES];
    private final double[] seriesMax = new double[SERIES];
    private final boolean[] seriesFinite = new boolean[SERIES];
    private double[] autocorrelation = new double[0];
    private double[] autocorrelationMeans = new double[0];
    private final int[] availableLags = new int[SERIES];
    /** Workers of the common pool a pass over the chains may use; 1 keeps it on the calling thread. */
    private int chainParallelism = 1;
    /** Sum and sum of squares of the folded normal scores per split chain. */
    private double[] foldedMoments = new double[0];
    /** Smallest and largest draw per split chain, for the exact path's folded scores. */
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
    public void useRanks(SummaryOptions.Ranks ranks, Semaphore exactFallbacks) {
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
            Sweep sweep = summariseBinned(name, inParts(draws, shape), shape, hdiProbability, lowProbability,
                    highProbability);
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
        SeriesDiagnostics series = seriesDiagnostics(inParts(draws, shape), split,
                SplitChainSeries.exact(scoreBits, shape.drawsPerChain()));

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

    /**
     * The series pass and what it gives; needs the pooled mean, the thresholds and a source of bulk scores. The
     * passes, which hold the scores, live only for this call, so exact scores are let go with the buffers that hold
     * them.
     */
    private SeriesDiagnostics seriesDiagnostics(ChainParts draws, SplitChains split, SplitChainSeries.Scores scores) {
        int chains = split.splitChainCount();
        int length = split.splitLength();
        SplitChainSeries passes = new SplitChainSeries(split, pooledMean, lowThreshold, highThreshold, scores);
        accumulateSeries(draws, split, passes);
        boolean drawsUsable = seriesUsable(DRAWS);
        double rhatBulk = rhatOf(NORMAL_SCORES, chains, length);
        double rhatBasic = rhatOf(DRAWS, chains, length);
        double essBulk = essOf(NORMAL_SCORES, draws, split, passes);
        double essMean = essOf(DRAWS, draws, split, passes);
        double essSd = essOf(ABSOLUTE_DEVIATION, draws, split, passes);
        double essSquared = essOf(SQUARED_DEVIATION, draws, split, passes);
        // posterior checks the draws themselves before building the indicator for a quantile's ESS.
        double essLow = drawsUsable ? essOf(BELOW_LOW_QUANTILE, draws, split, passes) : Double.NaN;
        double essHigh = drawsUsable ? essOf(BELOW_HIGH_QUANTILE, draws, split, passes) : Double.NaN;
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
     * The summary of one parameter, with 5 % and 95 % quantiles, by binned ranks over the parts of its chains: each
     * pass computes something small from each part and merges it here, so this workspace holds what grows with the
     * chains and the bins, never the draws. Null, for the caller to rank the draws exactly, when a draw or its
     * deviation from the median is infinite.
     */
    public ParameterSummary summariseBinned(String name, ChainParts draws, double hdiProbability) {
        HighestDensityInterval.checkProbability(hdiProbability);
        DrawsShape shape = draws.shape();
        if (shape.isEmpty()) {
            return ParameterSummary.missing(name);
        }
        Sweep sweep = summariseBinned(name, draws, shape, hdiProbability, 0.05, 0.95);
        return sweep == null ? null : sweep.summary();
    }

    /**
     * {@link #summarise} by {@link BinnedOrder}s instead of a sort: memory in proportion to the chains, not the
     * draws. Returns null, for the exact path to take over, when a draw or its deviation from the median is
     * infinite.
     */
    private Sweep summariseBinned(String name, ChainParts draws, DrawsShape shape, double hdiProbability,
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
        // Centred on the same draw as with exact ranks: the same moments to the last bit when the chains are one
        // part; summed part by part (chainParallelism > 1, or a Spark column), they differ in rounding only.
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
        SeriesDiagnostics series = seriesDiagnostics(draws, split, SplitChainSeries.binned(bulk));

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
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    /**
     * Chain moments of the folded scores from a binned order of the deviations, one pass over the split chains.
     *
     * @param deviation what {@code folded} ranks
     */
    private void foldedBinnedScoreMoments(ChainParts draws, SplitChains split, BinnedOrder folded,
            FoldedChainMoments.Deviation deviation) {
        seriesMin[NORMAL_SCORES] = Double.POSITIVE_INFINITY;
        seriesMax[NORMAL_SCORES] = Double.NEGATIVE_INFINITY;
        boolean[] placed = new boolean[split.splitChainCount()];
        ChainParts.Pass<SplitChainSeries.FoldedPart> pass = SplitChainSeries.foldedScores(split, folded, deviation,
                drawsMin, drawsMax);
        for (SplitChainSeries.FoldedPart part : draws.run(pass)) {
            int count = part.means().length;
            place(placed, part.firstSplitChain(), count, "folded scores");
            System.arraycopy(part.means(), 0, chainMeans[NORMAL_SCORES], part.firstSplitChain(), count);
            System.arraycopy(part.variances(), 0, chainVariances[NORMAL_SCORES], part.firstSplitChain(), count);
            seriesMin[NORMAL_SCORES] = Math.min(seriesMin[NORMAL_SCORES], part.min());
            seriesMax[NORMAL_SCORES] = Math.max(seriesMax[NORMAL_SCORES], part.max());
        }
        seriesFinite[NORMAL_SCORES] = Double.isFinite(seriesMin[NORMAL_SCORES])
                && Double.isFinite(seriesMax[NORMAL_SCORES]);
        checkAllPlaced(placed, "folded scores");
    }

    /**
     * Marks a part's split chains {@code [first, first + count)} as placed: a part counted twice, or one that lies
     * past the chains, must not go unseen.
     *
     * @param placed one flag per split chain; modified
     */
    private static void place(boolean[] placed, int first, int count, String pass) {
        if (first < 0 || first + count > placed.length) {
            throw new IllegalStateException(pass + ": a part holds split chains " + first + " to " + (first + count)
                    + " of " + placed.length);
        }
        for (int chain = first; chain < first + count; chain++) {
            if (placed[chain]) {
                throw new IllegalStateException(pass + ": split chain " + chain + " came in two parts");
            }
            placed[chain] = true;
        }
    }

    /** Throws unless every split chain was placed: a part lost must not go unseen. */
    private static void checkAllPlaced(boolean[] placed, String pass) {
        for (int chain = 0; chain < placed.length; chain++) {
            if (!placed[chain]) {
                throw new IllegalStateException(pass + ": split chain " + chain + " came in no part");
            }
        }
    }

    private void ensureCapacity(SplitChains split) {
        if (foldedMoments.length < FoldedChainMoments.MOMENTS * split.splitChainCount()) {
            foldedMoments = new double[FoldedChainMoments.MOMENTS * split.splitChainCount()];
            drawsMin = new double[split.splitChainCount()];
            drawsMax = new double[split.splitChainCount()];
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

    /**
     * One pass over the split chains: chain moments of all six series and their autocovariances at the first
     * lags, summed over chains. Geyer's sequence usually stops within a few lags, where direct sums cost far less
     * than an FFT of the whole chain; {@link #essOf} extends the lags, or falls back to the FFT, when it does not.
     */
    private void accumulateSeries(ChainParts draws, SplitChains split, SplitChainSeries passes) {
        int lags = Math.min(split.splitLength(), LagSums.BLOCK);
        for (int series = 0; series < SERIES; series++) {
            Arrays.fill(autocovarianceSums[series], 0, split.splitLength(), 0.0);
            seriesMin[series] = Double.POSITIVE_INFINITY;
            seriesMax[series] = Double.NEGATIVE_INFINITY;
            seriesFinite[series] = true;
        }
        boolean[] placed = new boolean[split.splitChainCount()];
        for (SplitChainSeries.Part part : draws.run(passes.accumulate(lags))) {
            int first = part.firstSplitChain();
            int count = part.drawsMin().length;
            place(placed, first, count, "series");
            System.arraycopy(part.drawsMin(), 0, drawsMin, first, count);
            System.arraycopy(part.drawsMax(), 0, drawsMax, first, count);
            for (int series = 0; series < SERIES; series++) {
                System.arraycopy(part.means()[series], 0, chainMeans[series], first, count);
                System.arraycopy(part.variances()[series], 0, chainVariances[series], first, count);
                for (int lag = 0; lag < lags; lag++) {
                    autocovarianceSums[series][lag] += part.sums()[series][lag];
                }
                seriesMin[series] = Math.min(seriesMin[series], part.min()[series]);
                seriesMax[series] = Math.max(seriesMax[series], part.max()[series]);
                seriesFinite[series] &= part.finite()[series];
            }
        }
        checkAllPlaced(placed, "series");
        Arrays.fill(availableLags, lags);
    }

    /**
     * The parts a pass over draws in memory cuts their chains into: one unless this workspace may use the common
     * pool, then a few per worker so that uneven progress evens out.
     */
    private ChainParts inParts(double[][] draws, DrawsShape shape) {
        int parts = chainParallelism > 1 ? Math.min(4 * chainParallelism, Math.max(1, shape.chains() / 32)) : 1;
        return ChainParts.inMemory(draws, parts);
    }

    /** Sums of autocovariances of one series at more lags: direct sums up to a limit, then every lag by FFT. */
    private void extendLags(int series, ChainParts draws, SplitChains split, SplitChainSeries passes) {
        int length = split.splitLength();
        int from = availableLags[series];
        double[] sums = autocovarianceSums[series];
        boolean indicator = series == BELOW_LOW_QUANTILE || series == BELOW_HIGH_QUANTILE;
        int to;
        ChainParts.Pass<double[]> pass;
        if (indicator && from < MAX_INDICATOR_DIRECT_LAGS) {
            // Counting is cheap enough to double the lags each time; the bits are made again from the draws.
            to = Math.min(length, Math.min(MAX_INDICATOR_DIRECT_LAGS, 2 * from));
            pass = passes.indicatorLags(series, from, to);
        } else {
            to = Math.min(length, LagSums.nextDirectTarget(sums, from, split.splitTotal()));
            pass = to <= LagSums.MAX_DIRECT_LAGS ? passes.directLags(series, from, to, chainMeans[series])
                    : null;
        }
        if (pass != null) {
            for (double[] part : draws.run(pass)) {
                for (int lag = from; lag < to; lag++) {
                    sums[lag] += part[lag];
                }
            }
            availableLags[series] = to;
            return;
        }
        // Autocovariance averaged over chains is linear in the chains' power spectra: sum those where they are
        // (in a tree, over Spark's executors), invert once.
        Autocovariance autocovariance = new Autocovariance(length);
        autocovariance.addSpectrum(draws.reduce(passes.powerSpectrum(series, chainMeans[series]),
                Autocovariance::addSpectra));
        autocovariance.summedAutocovariance(length, sums);
        availableLags[series] = length;
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

    private double essOf(int series, ChainParts draws, SplitChains split, SplitChainSeries passes) {
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
            extendLags(series, draws, split, passes);
        }
    }
}
