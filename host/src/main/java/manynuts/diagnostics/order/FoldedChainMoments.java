package manynuts.diagnostics.order;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;
import manynuts.diagnostics.draws.SplitChains;

/**
 * Per split chain sums and sums of squares of the normal scores of the draws folded about the median, |x - median|,
 * which is all folded R-hat needs (posterior's {@code fold_draws} then {@code z_scale}). Folded ranks come from
 * walking outwards from the median through the sorted draws: equal deviations form one run below the median and one
 * above it. The walk adds each score straight to its split chain's sums as it meets the draw, never putting the
 * scores back in draw order or storing them at all. Whether a split chain's folded scores are all equal is read off
 * its raw minimum and maximum afterwards, so the walk keeps two sums per chain (a table that stays in cache) instead
 * of four. Meeting the deviations in ascending order, the walk also gives their median, the MAD.
 */
public final class FoldedChainMoments {

    /** Entries per split chain in the moments: sum and sum of squares. */
    public static final int MOMENTS = 2;

    /**
     * What the walk found: the smallest and the largest folded score any split chain holds, and the MAD of all the
     * draws, since the walk meets their absolute deviations in ascending order anyway.
     */
    public record Walk(double minScore, double maxScore, double mad) {
    }

    private FoldedChainMoments() {
    }

    /**
     * posterior folds before splitting, so the median is over all draws.
     *
     * @param order the sorted draws; not modified
     * @param table scores for {@code split.splitTotal()} draws; not modified
     * @param moments at least {@code MOMENTS * split.splitChainCount()} values: sum and sum of squares per split
     *     chain; modified
     */
    public static Walk accumulate(PooledOrder order, SplitChains split, RankNormalisation.ScoreTable table,
            double[] moments) {
        double[] sorted = order.sorted();
        int count = order.count();
        ChainSums sums = new ChainSums(order, split, moments);
        Deviation deviation = new Deviation(sorted, count);
        int above = OrderStatistics.firstAtOrAbove(sorted, count, deviation.center);
        int below = above - 1;
        double belowDeviation = below >= 0 ? deviation.of(sorted[below]) : Double.POSITIVE_INFINITY;
        double aboveDeviation = above < count ? deviation.of(sorted[above]) : Double.POSITIVE_INFINITY;
        double minScore = Double.POSITIVE_INFINITY;
        double maxScore = Double.NEGATIVE_INFINITY;
        int rankBefore = 0;
        MiddleDeviations middle = new MiddleDeviations(count);
        // With a finite median no deviation is NaN, and most draws' deviations are unique.
        boolean fastSteps = Double.isFinite(deviation.center);
        while (below >= 0 || above < count) {
            // Fast steps: while the two sides' next deviations differ (both sides spent makes them equal), the
            // smaller one ties with nothing on the other side. It usually differs from the next on its side too and
            // takes the next whole rank alone; otherwise the run of equal draws on its side shares their ranks.
            while (fastSteps && belowDeviation != aboveDeviation) {
                boolean up = aboveDeviation < belowDeviation;
                int k = up ? above : below;
                int step = up ? 1 : -1;
                int next = k + step;
                double taken = Math.min(aboveDeviation, belowDeviation);
                double following = next >= 0 && next < count ? deviation.of(sorted[next]) : Double.POSITIVE_INFINITY;
                if (following != taken) {
                    middle.visit(taken, 1);
                    int slot = sums.slot(k);
                    if (slot >= 0) {
                        double score = table.scoreOfTies(rankBefore, 1);
                        sums.addAt(slot, score);
                        rankBefore++;
                        minScore = Math.min(minScore, score);
                        maxScore = Math.max(maxScore, score);
                    }
                } else {
                    // A repeated draw, as NUTS makes whenever a transition keeps its starting point.
                    while (next >= 0 && next < count && following == taken) {
                        next += step;
                        following = next >= 0 && next < count ? deviation.of(sorted[next])
                                : Double.POSITIVE_INFINITY;
                    }
                    int from = up ? k : next + 1;
                    int to = up ? next : k + 1;
                    int tied = RankNormalisation.members(order, split, from, to);
                    double score = table.scoreOfTies(rankBefore, tied);
                    middle.visit(taken, to - from);
                    for (int j = from; j < to; j++) {
                        sums.add(j, score);
                    }
                    if (tied > 0) {
                        minScore = Math.min(minScore, score);
                        maxScore = Math.max(maxScore, score);
                    }
                    rankBefore += tied;
                }
                above = up ? next : above;
                below = up ? below : next;
                aboveDeviation = up ? following : aboveDeviation;
                belowDeviation = up ? belowDeviation : following;
            }
            if (below < 0 && above >= count) {
                break;
            }
            double smallest = Math.min(belowDeviation, aboveDeviation);
            int aboveStart = above;
            int belowStart = below;
            while (above < count && aboveDeviation == smallest) {
                above++;
                aboveDeviation = above < count ? deviation.of(sorted[above]) : Double.POSITIVE_INFINITY;
            }
            while (below >= 0 && belowDeviation == smallest) {
                below--;
                belowDeviation = below >= 0 ? deviation.of(sorted[below]) : Double.POSITIVE_INFINITY;
            }
            if (above == aboveStart && below == belowStart) {
                // Only a NaN deviation (an infinite median) matches nothing; take it alone.
                if (above < count) {
                    above++;
                    aboveDeviation = above < count ? deviation.of(sorted[above]) : Double.POSITIVE_INFINITY;
                } else {
                    below--;
                    belowDeviation = below >= 0 ? deviation.of(sorted[below]) : Double.POSITIVE_INFINITY;
                }
            }
            int run = (above - aboveStart) + (belowStart - below);
            middle.visit(smallest, run);
            int tied = RankNormalisation.members(order, split, below + 1, belowStart + 1)
                    + RankNormalisation.members(order, split, aboveStart, above);
            double score = table.scoreOfTies(rankBefore, tied);
            if (tied > 0) {
                minScore = Math.min(minScore, score);
                maxScore = Math.max(maxScore, score);
            }
            // Runs are nearly always one draw long.
            for (int k = below + 1; k <= belowStart; k++) {
                sums.add(k, score);
            }
            for (int k = aboveStart; k < above; k++) {
                sums.add(k, score);
            }
            rankBefore += tied;
        }
        // An infinite median makes deviations NaN, which the walk orders differently from R; take R's way then.
        double mad = fastSteps ? middle.mad() : OrderStatistics.medianAbsoluteDeviation(sorted, count);
        return new Walk(minScore, maxScore, mad);
    }

    /** Keeps the one or two deviations in the middle of the ascending order, of which the MAD is made. */
    private static final class MiddleDeviations {
        private final int count;
        private final int wanted;
        private int visited;
        private double previous = Double.NaN;
        private double middle = Double.NaN;

        MiddleDeviations(int count) {
            this.count = count;
            this.wanted = count / 2;
        }

        /** Visits the next {@code run} deviations in ascending order, all equal to {@code value}. */
        void visit(double value, int run) {
            int end = visited + run;
            if (visited <= wanted - 1 && wanted - 1 < end) {
                previous = value;
            }
            if (visited <= wanted && wanted < end) {
                middle = value;
            }
            visited = end;
        }

        double mad() {
            return OrderStatistics.madOfMiddle(previous, middle, count);
        }
    }

    /** The sums of scores and squared scores per split chain, added to as the walk meets each sorted draw. */
    private static final class ChainSums {
        private final PooledOrder order;
        private final SplitChains split;
        private final double[] moments;
        private final int secondHalf;
        private final int halves;
        private final boolean dropsMiddle;

        ChainSums(PooledOrder order, SplitChains split, double[] moments) {
            this.order = order;
            this.split = split;
            this.moments = moments;
            this.secondHalf = split.isSplit() ? split.sourceOffset(1) : Integer.MAX_VALUE;
            this.halves = split.isSplit() ? 2 : 1;
            this.dropsMiddle = split.droppedDraw() >= 0;
            Arrays.fill(moments, 0, MOMENTS * split.splitChainCount(), 0.0);
        }

        /** Where the sums of the k-th smallest draw's split chain start, or -1 if splitting drops that draw. */
        int slot(int k) {
            int draw = order.drawAt(k);
            if (dropsMiddle && split.isDropped(draw)) {
                return -1;
            }
            return MOMENTS * (halves * order.chainAt(k) + (draw >= secondHalf ? 1 : 0));
        }

        void addAt(int slot, double score) {
            moments[slot] += score;
            moments[slot + 1] += score * score;
        }

        /** Adds the score of the k-th smallest draw, unless splitting drops that draw. */
        void add(int k, double score) {
            int slot = slot(k);
            if (slot >= 0) {
                addAt(slot, score);
            }
        }
    }

    /**
     * Means and sample variances of the folded scores per split chain, from the sums {@link #accumulate} left.
     *
     * @param moments the sums; not modified
     * @param chainMin smallest draw per split chain; not modified
     * @param chainMax largest draw per split chain; not modified
     * @param means modified, one per split chain
     * @param variances modified, one per split chain
     */
    public static void chainMoments(double[] moments, PooledOrder order, double[][] draws, SplitChains split,
            double[] chainMin, double[] chainMax, double[] means, double[] variances) {
        int length = split.splitLength();
        Deviation deviation = new Deviation(order.sorted(), order.count());
        for (int chain = 0; chain < split.splitChainCount(); chain++) {
            double sum = moments[MOMENTS * chain];
            boolean constant = isConstant(deviation::of, draws[split.sourceChain(chain)], split.sourceOffset(chain),
                    length, chainMin[chain], chainMax[chain]);
            means[chain] = sum / length;
            variances[chain] = variance(sum, moments[MOMENTS * chain + 1], length, constant);
        }
    }

    /**
     * The sample variance of one split chain's scores from their sum and sum of squares: scores are bounded, so the
     * one-pass formula loses nothing that matters; a chain whose scores are all equal gets exactly 0.
     */
    public static double variance(double sum, double sumOfSquares, int length, boolean constant) {
        double squares = constant ? 0.0 : Math.max(0.0, sumOfSquares - sum * (sum / length));
        return squares / (length - 1);
    }

    /**
     * Whether every draw of one split chain has the same folded score, that is the same deviation from the median:
     * then its smallest and largest draws share a deviation, and every draw is one of the two.
     *
     * @param chainMin the split chain's smallest draw
     * @param chainMax its largest draw
     */
    public static boolean isConstant(double[] sorted, int count, double[] source, int offset, int length,
            double chainMin, double chainMax) {
        return isConstant(new Deviation(sorted, count)::of, source, offset, length, chainMin, chainMax);
    }

    /** As {@link #isConstant(double[], int, double[], int, int, double, double)}, with the deviation given. */
    public static boolean isConstant(DoubleUnaryOperator deviation, double[] source, int offset, int length,
            double chainMin, double chainMax) {
        if (length == 1) {
            return true;
        }
        double first = deviation.applyAsDouble(chainMin);
        // A NaN deviation (an infinite median) ties with nothing, not even itself.
        if (Double.isNaN(first) || first != deviation.applyAsDouble(chainMax)) {
            return false;
        }
        for (int t = 0; chainMin != chainMax && t < length; t++) {
            if (deviation.applyAsDouble(source[offset + t]) != first) {
                return false;
            }
        }
        return true;
    }

    /**
     * |x - median| computed as posterior computes it ({@code abs(x - median(x))}), rounding and all: the two middle
     * draws of an even count, equidistant from the median in exact arithmetic, tie only where their computed
     * distances do.
     */
    public static final class Deviation implements Serializable {
        private static final long serialVersionUID = 1L;
        public final double center;

        /** The deviations of the draws {@code sorted[0, count)}. */
        public Deviation(double[] sorted, int count) {
            this(position -> sorted[position], count);
        }

        /** The deviations of {@code count} draws, {@code at.applyAsDouble(i)} the i-th smallest (0-based). */
        public Deviation(IntToDoubleFunction at, int count) {
            center = OrderStatistics.median(at, count);
        }

        public double of(double value) {
            return Math.abs(value - center);
        }
    }
}
